package ecsguard.ess.stale_scheduled_task_test

# 2025-01-01T00:00:00Z
now := 1735689600000000000

one_off(fields) := object.union({"ScheduledTaskId": "st-1", "ScheduledTaskName": "launch-day", "RegionId": "cn-hangzhou", "TaskEnabled": true, "LaunchTime": "2024-12-20T00:00:00Z", "LaunchExpirationTime": 600}, fields)

daily(fields) := object.union({"ScheduledTaskId": "st-2", "ScheduledTaskName": "morning", "RegionId": "cn-hangzhou", "TaskEnabled": true, "LaunchTime": "2024-01-01T00:30:00Z", "RecurrenceType": "Daily", "RecurrenceValue": "1", "RecurrenceEndTime": "2025-06-01T00:30:00Z"}, fields)

group(tasks) := {"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scheduled_tasks": tasks}

deny_pointers(tasks) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.stale_scheduled_task.deny with input as {"scaling_groups": [group(tasks)]}
		with data.ecsguard.now_ns as now
}

unknown_pointers(tasks) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.stale_scheduled_task.unknown with input as {"scaling_groups": [group(tasks)]}
		with data.ecsguard.now_ns as now
}

deny_messages(tasks) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ess.stale_scheduled_task.deny with input as {"scaling_groups": [group(tasks)]}
		with data.ecsguard.now_ns as now
}

test_past_one_off_task_is_denied if {
	deny_pointers([one_off({})]) == {"/scaling_groups/0/scheduled_tasks/0/LaunchTime"}
	count(unknown_pointers([one_off({})])) == 0
	deny_messages([one_off({})]) == {"one-off scheduled task st-1 (launch-day) of scaling group asg-1 (web) is enabled but its LaunchTime 2024-12-20T00:00:00Z has passed"}
}

test_ended_recurrence_is_denied if {
	tasks := [daily({"RecurrenceEndTime": "2024-12-01T00:30:00Z"})]
	deny_pointers(tasks) == {"/scaling_groups/0/scheduled_tasks/0/RecurrenceEndTime"}
	deny_messages(tasks) == {"Daily scheduled task st-2 (morning) of scaling group asg-1 (web) is enabled but its RecurrenceEndTime 2024-12-01T00:30:00Z has passed"}
}

test_retry_window_still_open_passes if {
	# Launched 5 minutes ago with a 10 minute retry window.
	tasks := [one_off({"LaunchTime": "2024-12-31T23:55:00Z"})]
	count(deny_pointers(tasks)) == 0
	count(unknown_pointers(tasks)) == 0
}

test_future_and_disabled_tasks_pass if {
	tasks := [one_off({"LaunchTime": "2025-02-01T00:00:00Z"}), daily({}), one_off({"ScheduledTaskId": "st-3", "TaskEnabled": false})]
	count(deny_pointers(tasks)) == 0
	count(unknown_pointers(tasks)) == 0
}

test_only_the_stale_task_is_denied if {
	tasks := [daily({}), one_off({})]
	deny_pointers(tasks) == {"/scaling_groups/0/scheduled_tasks/1/LaunchTime"}
}

test_one_off_without_launch_time_is_unknown if {
	tasks := [object.remove(one_off({}), ["LaunchTime"])]
	unknown_pointers(tasks) == {"/scaling_groups/0/scheduled_tasks/0"}
	count(deny_pointers(tasks)) == 0
}

test_past_task_without_enabled_flag_is_unknown if {
	tasks := [object.remove(one_off({}), ["TaskEnabled"]), object.remove(daily({}), ["TaskEnabled"])]
	unknown_pointers(tasks) == {"/scaling_groups/0/scheduled_tasks/0"}
	count(deny_pointers(tasks)) == 0
}
