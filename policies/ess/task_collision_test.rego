package ecsguard.ess.task_collision_test

task(fields) := object.union({"ScheduledTaskId": "t-1", "ScheduledTaskName": "morning", "RegionId": "cn-hangzhou", "TaskEnabled": true, "LaunchTime": "2026-11-21T00:30:00Z", "RecurrenceType": "Daily", "RecurrenceValue": "1", "DesiredCapacity": 10}, fields)

groups(tasks) := [{"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scheduled_tasks": tasks}]

deny_pointers(tasks) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.task_collision.deny with input as {"scaling_groups": groups(tasks)}
}

unknown_pointers(tasks) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.task_collision.unknown with input as {"scaling_groups": groups(tasks)}
}

both := {"/scaling_groups/0/scheduled_tasks/0/LaunchTime", "/scaling_groups/0/scheduled_tasks/1/LaunchTime"}

test_daily_tasks_at_the_same_time_are_denied if {
	tasks := [task({}), task({"ScheduledTaskId": "t-2", "ScheduledTaskName": "", "LaunchTime": "2026-11-25T00:30:40Z", "DesiredCapacity": 4})]
	deny_pointers(tasks) == both
	count(unknown_pointers(tasks)) == 0
}

test_one_off_tasks_in_the_same_minute_are_denied if {
	tasks := [object.remove(task({}), ["RecurrenceType", "RecurrenceValue"]), object.remove(task({"ScheduledTaskId": "t-2", "DesiredCapacity": 4}), ["RecurrenceType", "RecurrenceValue"])]
	deny_pointers(tasks) == both
}

test_message if {
	findings := data.ecsguard.ess.task_collision.deny with input as {"scaling_groups": groups([task({}), task({"ScheduledTaskId": "t-2", "ScheduledTaskName": "", "MaxValue": 12})])}
	"scheduled task t-1 (morning) of scaling group asg-1 (web) fires in the same minute (00:30) as scheduled task t-2 but does something else" in {f.msg | some f in findings}
}

test_distinct_or_identical_or_disabled_tasks_pass if {
	cases := [
		[task({}), task({"ScheduledTaskId": "t-2", "LaunchTime": "2026-11-21T14:00:00Z", "DesiredCapacity": 2})],
		[task({}), task({"ScheduledTaskId": "t-2"})],
		[task({}), task({"ScheduledTaskId": "t-2", "TaskEnabled": false, "DesiredCapacity": 2})],
		[task({}), task({"ScheduledTaskId": "t-2", "RecurrenceType": "Weekly", "RecurrenceValue": "1", "DesiredCapacity": 2})],
		[object.remove(task({}), ["RecurrenceType", "RecurrenceValue"]), object.remove(task({"ScheduledTaskId": "t-2", "LaunchTime": "2026-11-22T00:30:00Z", "DesiredCapacity": 2}), ["RecurrenceType", "RecurrenceValue"])],
	]
	every tasks in cases {
		count(deny_pointers(tasks)) == 0
	}
}

test_only_colliding_tasks_are_denied if {
	tasks := [task({"LaunchTime": "2026-11-21T08:00:00Z"}), task({"ScheduledTaskId": "t-2", "DesiredCapacity": 2}), task({"ScheduledTaskId": "t-3", "DesiredCapacity": 3})]
	deny_pointers(tasks) == {"/scaling_groups/0/scheduled_tasks/1/LaunchTime", "/scaling_groups/0/scheduled_tasks/2/LaunchTime"}
}

test_missing_fields_are_unknown if {
	tasks := [task({}), object.remove(task({"ScheduledTaskId": "t-2", "DesiredCapacity": 2}), ["TaskEnabled"]), object.remove(task({"ScheduledTaskId": "t-3"}), ["LaunchTime"]), object.remove(task({"ScheduledTaskId": "t-4"}), ["TaskEnabled"])]
	unknown_pointers(tasks) == {"/scaling_groups/0/scheduled_tasks/1", "/scaling_groups/0/scheduled_tasks/2"}
	count(deny_pointers(tasks)) == 0
}
