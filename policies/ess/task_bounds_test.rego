package ecsguard.ess.task_bounds_test

task(fields) := object.union({"ScheduledTaskId": "t-1", "ScheduledTaskName": "night", "RegionId": "cn-hangzhou", "TaskEnabled": true, "MinValue": 1, "MaxValue": 10, "DesiredCapacity": 2}, fields)

group(tasks) := {"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "MinSize": 2, "MaxSize": 8, "scheduled_tasks": tasks}

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.task_bounds.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.task_bounds.unknown with input as {"scaling_groups": groups}
}

test_min_above_max_is_denied if {
	groups := [group([object.remove(task({"MinValue": 6, "MaxValue": 4}), ["DesiredCapacity"])])]
	deny_pointers(groups) == {"/scaling_groups/0/scheduled_tasks/0/MinValue"}
	count(unknown_pointers(groups)) == 0
}

test_desired_outside_task_bounds_is_denied if {
	deny_pointers([group([task({"DesiredCapacity": 12})])]) == {"/scaling_groups/0/scheduled_tasks/0/DesiredCapacity"}
}

test_desired_outside_group_bounds_is_denied if {
	groups := [group([object.remove(task({"DesiredCapacity": 9}), ["MinValue", "MaxValue"])])]
	deny_pointers(groups) == {"/scaling_groups/0/scheduled_tasks/0/DesiredCapacity"}
	findings := data.ecsguard.ess.task_bounds.deny with input as {"scaling_groups": groups}
	{f.msg | some f in findings} == {"scheduled task t-1 (night) of scaling group asg-1 (web) sets DesiredCapacity 9 outside 2..8"}
}

test_consistent_or_disabled_tasks_pass if {
	groups := [group([
		task({}),
		object.remove(task({"ScheduledTaskId": "t-2"}), ["MinValue", "MaxValue"]),
		object.remove(task({"ScheduledTaskId": "t-3"}), ["DesiredCapacity"]),
		task({"ScheduledTaskId": "t-4", "TaskEnabled": false, "DesiredCapacity": 40}),
	])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_bad_task_is_denied if {
	deny_pointers([group([task({}), task({"ScheduledTaskId": "t-2", "DesiredCapacity": 0})])]) == {"/scaling_groups/0/scheduled_tasks/1/DesiredCapacity"}
}

test_missing_group_bound_is_unknown if {
	g := object.remove(group([object.remove(task({}), ["MaxValue"])]), ["MaxSize"])
	unknown_pointers([g]) == {"/scaling_groups/0/scheduled_tasks/0"}
	count(deny_pointers([g])) == 0
}
