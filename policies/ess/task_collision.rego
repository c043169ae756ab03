# METADATA
# title: Two scheduled tasks of a group fire at the same minute with different actions
# description: >-
#   Two enabled scheduled tasks of the same scaling group have the same
#   recurrence and start in the same minute (for Daily tasks: the same time of
#   day) but do different things: different scaling rules, or different
#   MinValue, MaxValue or DesiredCapacity. Auto Scaling runs them in no
#   guaranteed order, so which capacity the group ends up with is a race, and
#   one of the plans is silently lost.
# custom:
#   id: ESS-024
#   severity: medium
#   resource_type: scheduled_task
#   remediation:
#     text: >-
#       Merge the two tasks into one, or move one of them to a different
#       minute.
#     cli: aliyun ess ModifyScheduledTask --RegionId {RegionId} --ScheduledTaskId {ScheduledTaskId} --LaunchTime <yyyy-MM-ddThh:mmZ>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscheduledtask
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describescheduledtasks
package ecsguard.ess.task_collision

deny contains f if {
	some gi, g in input.scaling_groups
	some ti, t in g.scheduled_tasks
	t.TaskEnabled == true
	some ui, u in g.scheduled_tasks
	ti != ui
	u.TaskEnabled == true
	slot(t) == slot(u)
	action(t) != action(u)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scheduled_tasks/%d/LaunchTime", [gi, ti]),
		"msg": sprintf("scheduled task %s of scaling group %s fires in the same minute (%s) as scheduled task %s but does something else", [task_label(t), group_label(g), slot(t)[2], task_label(u)]),
	}
}

# Without TaskEnabled, a task that would collide may or may not be live.
unknown contains f if {
	some gi, g in input.scaling_groups
	some ti, t in g.scheduled_tasks
	# Neither true nor false: absent (the loader guarantees a boolean).
	not t.TaskEnabled == true
	not t.TaskEnabled == false
	some u in g.scheduled_tasks
	u.ScheduledTaskId != t.ScheduledTaskId
	u.TaskEnabled == true
	slot(t) == slot(u)
	action(t) != action(u)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scheduled_tasks/%d", [gi, ti]),
		"msg": sprintf("scheduled task %s of scaling group %s fires in the same minute as scheduled task %s but has no TaskEnabled in the snapshot, whether they collide cannot be judged", [task_label(t), group_label(g), task_label(u)]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ti, t in g.scheduled_tasks
	t.TaskEnabled == true
	not t.LaunchTime
	count(g.scheduled_tasks) > 1
	f := {
		"pointer": sprintf("/scaling_groups/%d/scheduled_tasks/%d", [gi, ti]),
		"msg": sprintf("enabled scheduled task %s of scaling group %s has no LaunchTime in the snapshot, whether it collides with the group's other tasks cannot be judged", [task_label(t), group_label(g)]),
	}
}

# When the task fires: its recurrence and the minute (time of day for Daily).
slot(t) := [object.get(t, "RecurrenceType", ""), object.get(t, "RecurrenceValue", ""), minute] if {
	object.get(t, "RecurrenceType", "") == "Daily"
	minute := substring(t.LaunchTime, 11, 5)
} else := [object.get(t, "RecurrenceType", ""), object.get(t, "RecurrenceValue", ""), substring(t.LaunchTime, 0, 16)]

action(t) := [object.get(t, k, null) | some k in ["ScheduledAction", "MinValue", "MaxValue", "DesiredCapacity"]]

task_label(t) := concat("", [t.ScheduledTaskId, " (", t.ScheduledTaskName, ")"]) if {
	t.ScheduledTaskName != ""
} else := t.ScheduledTaskId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
