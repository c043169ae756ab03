# METADATA
# title: Scheduled task is enabled but will never run again
# description: >-
#   The scheduled task is enabled, but its time has passed: a one-off task
#   (no RecurrenceType) whose LaunchTime, plus the LaunchExpirationTime retry
#   window, is before the snapshot, or a recurring task whose
#   RecurrenceEndTime is. It will never fire again, so a capacity plan that
#   someone still counts on (a morning scale-out, a nightly scale-in) no
#   longer happens.
# custom:
#   id: ESS-010
#   severity: low
#   resource_type: scheduled_task
#   remediation:
#     text: >-
#       Delete the task if its job is done, or give it a future LaunchTime or
#       RecurrenceEndTime if the schedule should go on.
#     cli: aliyun ess ModifyScheduledTask --RegionId {RegionId} --ScheduledTaskId {ScheduledTaskId} --RecurrenceEndTime <yyyy-MM-ddThh:mmZ>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscheduledtask
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-deletescheduledtask
package ecsguard.ess.stale_scheduled_task

# Bound once: `data.ecsguard.now_ns` read inside a loop or per finding
# costs a scan of the whole data tree each time (Performance in
# policies/README.md).
now_ns := data.ecsguard.now_ns

second_ns := 1000000000

deny contains f if {
	some gi, g in input.scaling_groups
	some ti, t in g.scheduled_tasks
	t.TaskEnabled == true
	object.get(t, "RecurrenceType", "") == ""
	passed(t)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scheduled_tasks/%d/LaunchTime", [gi, ti]),
		"msg": sprintf("one-off scheduled task %s of scaling group %s is enabled but its LaunchTime %s has passed", [task_label(t), group_label(g), t.LaunchTime]),
	}
}

deny contains f if {
	some gi, g in input.scaling_groups
	some ti, t in g.scheduled_tasks
	t.TaskEnabled == true
	object.get(t, "RecurrenceType", "") != ""
	passed(t)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scheduled_tasks/%d/RecurrenceEndTime", [gi, ti]),
		"msg": sprintf("%s scheduled task %s of scaling group %s is enabled but its RecurrenceEndTime %s has passed", [t.RecurrenceType, task_label(t), group_label(g), t.RecurrenceEndTime]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ti, t in g.scheduled_tasks
	t.TaskEnabled == true
	object.get(t, "RecurrenceType", "") == ""
	not t.LaunchTime
	f := {
		"pointer": sprintf("/scaling_groups/%d/scheduled_tasks/%d", [gi, ti]),
		"msg": sprintf("enabled one-off scheduled task %s of scaling group %s has no LaunchTime in the snapshot, whether it can still run cannot be judged", [task_label(t), group_label(g)]),
	}
}

# Without TaskEnabled, a task whose time has passed may be a stale one.
unknown contains f if {
	some gi, g in input.scaling_groups
	some ti, t in g.scheduled_tasks
	not enabled_reported(t)
	passed(t)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scheduled_tasks/%d", [gi, ti]),
		"msg": sprintf("scheduled task %s of scaling group %s is past its time but has no TaskEnabled in the snapshot, whether it is left enabled cannot be judged", [task_label(t), group_label(g)]),
	}
}

# One-off: the last moment it may launch (LaunchTime plus the retry window)
# is before now. Recurring: its recurrence has ended.
passed(t) if {
	object.get(t, "RecurrenceType", "") == ""
	time.parse_rfc3339_ns(t.LaunchTime) + (object.get(t, "LaunchExpirationTime", 0) * second_ns) < now_ns
}

passed(t) if {
	object.get(t, "RecurrenceType", "") != ""
	time.parse_rfc3339_ns(t.RecurrenceEndTime) < now_ns
}

enabled_reported(t) if is_boolean(t.TaskEnabled)

task_label(t) := concat("", [t.ScheduledTaskId, " (", t.ScheduledTaskName, ")"]) if {
	t.ScheduledTaskName != ""
} else := t.ScheduledTaskId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
