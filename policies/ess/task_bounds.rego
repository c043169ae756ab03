# METADATA
# title: Scheduled task sets inconsistent capacity bounds
# description: >-
#   The scheduled task sets a MinValue above its MaxValue, or a
#   DesiredCapacity outside the bounds the group will have when it runs (the
#   task's own MinValue and MaxValue, or the group's MinSize and MaxSize for
#   the ones it leaves alone). Such a task fails or is clamped when it
#   fires, so the capacity it was written to guarantee never arrives.
# custom:
#   id: ESS-025
#   severity: medium
#   resource_type: scheduled_task
#   remediation:
#     text: >-
#       Give the task MinValue <= DesiredCapacity <= MaxValue, or set the
#       bounds it leaves to the group so that its DesiredCapacity fits.
#     cli: aliyun ess ModifyScheduledTask --RegionId {RegionId} --ScheduledTaskId {ScheduledTaskId} --MinValue <min> --MaxValue <max> --DesiredCapacity <desired>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscheduledtask
package ecsguard.ess.task_bounds

deny contains f if {
	some gi, g in input.scaling_groups
	some ti, t in g.scheduled_tasks
	t.MinValue > t.MaxValue
	not t.TaskEnabled == false
	f := {
		"pointer": sprintf("/scaling_groups/%d/scheduled_tasks/%d/MinValue", [gi, ti]),
		"msg": sprintf("scheduled task %s of scaling group %s sets MinValue %d above MaxValue %d", [task_label(t), group_label(g), t.MinValue, t.MaxValue]),
	}
}

deny contains f if {
	some gi, g in input.scaling_groups
	some ti, t in g.scheduled_tasks
	is_number(t.DesiredCapacity)
	not t.TaskEnabled == false
	lo := bound(t, "MinValue", g, "MinSize")
	hi := bound(t, "MaxValue", g, "MaxSize")
	outside(t.DesiredCapacity, lo, hi)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scheduled_tasks/%d/DesiredCapacity", [gi, ti]),
		"msg": sprintf("scheduled task %s of scaling group %s sets DesiredCapacity %d outside %d..%d", [task_label(t), group_label(g), t.DesiredCapacity, lo, hi]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ti, t in g.scheduled_tasks
	is_number(t.DesiredCapacity)
	not t.TaskEnabled == false
	some pair in [["MinValue", "MinSize"], ["MaxValue", "MaxSize"]]
	# Plain refs test absence: the loader guarantees integers when present.
	not t[pair[0]]
	not g[pair[1]]
	f := {
		"pointer": sprintf("/scaling_groups/%d/scheduled_tasks/%d", [gi, ti]),
		"msg": sprintf("scheduled task %s of scaling group %s sets DesiredCapacity but no %s, and the group has no %s in the snapshot, whether it fits cannot be judged", [task_label(t), group_label(g), pair[0], pair[1]]),
	}
}

# The task's own bound, else the group's.
bound(t, own, g, group_field) := t[own] if {
	is_number(t[own])
} else := g[group_field]

outside(d, lo, _) if d < lo

outside(d, _, hi) if d > hi

task_label(t) := concat("", [t.ScheduledTaskId, " (", t.ScheduledTaskName, ")"]) if {
	t.ScheduledTaskName != ""
} else := t.ScheduledTaskId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
