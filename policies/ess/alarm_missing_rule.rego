# METADATA
# title: Event-triggered task runs a scaling rule that does not exist
# description: >-
#   An AlarmActions entry of the event-triggered task (alarm) is the ARI of a
#   scaling rule that is no longer in any scaling group of its region: the
#   rule was deleted or recreated under a new id. When the alarm fires there
#   is nothing to run, so the group does not scale on that metric although
#   the alarm still shows up in the console.
# custom:
#   id: ESS-019
#   severity: medium
#   resource_type: alarm
#   requires: [scaling_rules]
#   remediation:
#     text: >-
#       Point the alarm at an existing scaling rule, or delete it if the
#       group should no longer scale on that metric.
#     cli: aliyun ess ModifyAlarm --RegionId {RegionId} --AlarmTaskId {AlarmTaskId} --AlarmActions.1 <scaling-rule-ari>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyalarm
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describealarms
package ecsguard.ess.alarm_missing_rule

# Every scaling rule ARI in the snapshot.
rule_aris := {r.ScalingRuleAri | some g in input.scaling_groups; some r in g.scaling_rules}

# Regions where some group's scaling rules were not collected: a missing ARI
# there may be a rule we cannot see.
unsure_regions := {g.RegionId | some g in input.scaling_groups; not rules_collected(g)}

deny contains f if {
	some gi, g in input.scaling_groups
	some ai, a in g.alarms
	some ari in a.AlarmActions
	not ari in rule_aris
	not a.RegionId in unsure_regions
	f := {
		"pointer": sprintf("/scaling_groups/%d/alarms/%d/AlarmActions", [gi, ai]),
		"msg": sprintf("alarm %s of scaling group %s runs scaling rule %s, which does not exist", [alarm_label(a), group_label(g), ari]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ai, a in g.alarms
	some ari in a.AlarmActions
	not ari in rule_aris
	a.RegionId in unsure_regions
	f := {
		"pointer": sprintf("/scaling_groups/%d/alarms/%d", [gi, ai]),
		"msg": sprintf("alarm %s of scaling group %s runs scaling rule %s, which is not in the snapshot, but the scaling rules of %s were not all collected", [alarm_label(a), group_label(g), ari, a.RegionId]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ai, a in g.alarms
	not actions_reported(a)
	f := {
		"pointer": sprintf("/scaling_groups/%d/alarms/%d", [gi, ai]),
		"msg": sprintf("alarm %s of scaling group %s has no AlarmActions in the snapshot, whether its scaling rules exist cannot be judged", [alarm_label(a), group_label(g)]),
	}
}

rules_collected(g) if is_array(g.scaling_rules)

actions_reported(a) if is_array(a.AlarmActions)

alarm_label(a) := concat("", [a.AlarmTaskId, " (", a.Name, ")"]) if {
	a.Name != ""
} else := a.AlarmTaskId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
