# METADATA
# title: Event-triggered task is disabled
# description: >-
#   The event-triggered task (alarm) has Enable false. Its scaling rules run
#   only when it is enabled, so the group no longer reacts to that metric:
#   often a task switched off during an incident or a test and never switched
#   back on.
# custom:
#   id: ESS-021
#   severity: low
#   resource_type: alarm
#   remediation:
#     text: >-
#       Enable the task again, or delete it if the group should no longer
#       scale on that metric.
#     cli: aliyun ess EnableAlarm --RegionId {RegionId} --AlarmTaskId {AlarmTaskId}
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-enablealarm
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describealarms
package ecsguard.ess.alarm_disabled

deny contains f if {
	some gi, g in input.scaling_groups
	some ai, a in g.alarms
	a.Enable == false
	f := {
		"pointer": sprintf("/scaling_groups/%d/alarms/%d/Enable", [gi, ai]),
		"msg": sprintf("alarm %s of scaling group %s is disabled: its scaling rules never run", [alarm_label(a), group_label(g)]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ai, a in g.alarms
	# Neither true nor false: absent (the loader guarantees a boolean).
	not a.Enable == true
	not a.Enable == false
	f := {
		"pointer": sprintf("/scaling_groups/%d/alarms/%d", [gi, ai]),
		"msg": sprintf("alarm %s of scaling group %s has no Enable in the snapshot, whether it can fire cannot be judged", [alarm_label(a), group_label(g)]),
	}
}

alarm_label(a) := concat("", [a.AlarmTaskId, " (", a.Name, ")"]) if {
	a.Name != ""
} else := a.AlarmTaskId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
