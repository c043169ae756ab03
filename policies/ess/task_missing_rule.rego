# METADATA
# title: Scheduled task runs a scaling rule that does not exist
# description: >-
#   The scheduled task's ScheduledAction is the ARI of a scaling rule that is
#   no longer in any scaling group of its region (deleted, or recreated under
#   a new id). At its time the task has nothing to run, so the planned
#   capacity change (a morning scale-out, a nightly scale-in) does not
#   happen, and the task still looks healthy in the console.
# custom:
#   id: ESS-020
#   severity: medium
#   resource_type: scheduled_task
#   requires: [scaling_rules]
#   remediation:
#     text: >-
#       Point the task at an existing scaling rule (or give it MinValue,
#       MaxValue and DesiredCapacity instead), or delete it.
#     cli: aliyun ess ModifyScheduledTask --RegionId {RegionId} --ScheduledTaskId {ScheduledTaskId} --ScheduledAction <scaling-rule-ari>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscheduledtask
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describescheduledtasks
package ecsguard.ess.task_missing_rule

# Every scaling rule ARI in the snapshot, and the regions where some group's
# rules were not collected (a missing ARI there may be a rule we cannot see).
rule_aris := {r.ScalingRuleAri | some g in input.scaling_groups; some r in g.scaling_rules}

unsure_regions := {g.RegionId | some g in input.scaling_groups; not is_array(object.get(g, "scaling_rules", null))}

finding(gi, ti, g, t) := {
	"pointer": sprintf("/scaling_groups/%d/scheduled_tasks/%d/ScheduledAction", [gi, ti]),
	"msg": sprintf("scheduled task %s of scaling group %s runs scaling rule %s, which does not exist", [task_label(t), group_label(g), t.ScheduledAction]),
} if {
	not t.RegionId in unsure_regions
} else := {
	"pointer": sprintf("/scaling_groups/%d/scheduled_tasks/%d", [gi, ti]),
	"msg": sprintf("scheduled task %s of scaling group %s runs scaling rule %s, which is not in the snapshot, but the scaling rules of %s were not all collected", [task_label(t), group_label(g), t.ScheduledAction, t.RegionId]),
}

deny contains f if {
	some gi, g in input.scaling_groups
	some ti, t in g.scheduled_tasks
	contains(t.ScheduledAction, ":scalingrule/")
	not t.ScheduledAction in rule_aris
	not t.RegionId in unsure_regions
	f := finding(gi, ti, g, t)
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ti, t in g.scheduled_tasks
	contains(t.ScheduledAction, ":scalingrule/")
	not t.ScheduledAction in rule_aris
	t.RegionId in unsure_regions
	f := finding(gi, ti, g, t)
}

task_label(t) := concat("", [t.ScheduledTaskId, " (", t.ScheduledTaskName, ")"]) if {
	t.ScheduledTaskName != ""
} else := t.ScheduledTaskId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
