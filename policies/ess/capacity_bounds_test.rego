package ecsguard.ess.capacity_bounds_test

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "LifecycleState": "Active", "MinSize": 2, "MaxSize": 10, "DesiredCapacity": 4}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.capacity_bounds.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.capacity_bounds.unknown with input as {"scaling_groups": groups}
}

deny_messages(groups) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ess.capacity_bounds.deny with input as {"scaling_groups": groups}
}

test_min_above_max_is_denied if {
	groups := [object.remove(group({"MinSize": 5, "MaxSize": 3}), ["DesiredCapacity"])]
	deny_pointers(groups) == {"/scaling_groups/0/MinSize"}
	count(unknown_pointers(groups)) == 0
	deny_messages(groups) == {"scaling group asg-1 (web) has MinSize 5 above MaxSize 3"}
}

test_desired_outside_bounds_is_denied if {
	deny_pointers([group({"DesiredCapacity": 12})]) == {"/scaling_groups/0/DesiredCapacity"}
	deny_pointers([group({"DesiredCapacity": 1})]) == {"/scaling_groups/0/DesiredCapacity"}
	deny_messages([group({"DesiredCapacity": 12})]) == {"scaling group asg-1 (web) has DesiredCapacity 12 outside MinSize 2..MaxSize 10"}
}

test_active_group_with_max_zero_is_denied if {
	groups := [object.remove(group({"MinSize": 0, "MaxSize": 0}), ["DesiredCapacity"])]
	deny_pointers(groups) == {"/scaling_groups/0/MaxSize"}
}

test_consistent_bounds_pass if {
	groups := [group({}), object.remove(group({"ScalingGroupId": "asg-2"}), ["DesiredCapacity"]), group({"ScalingGroupId": "asg-3", "LifecycleState": "Inactive", "MinSize": 0, "MaxSize": 0, "DesiredCapacity": 0})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_bad_group_is_denied if {
	groups := [group({}), group({"ScalingGroupId": "asg-2", "DesiredCapacity": 11})]
	deny_pointers(groups) == {"/scaling_groups/1/DesiredCapacity"}
}

test_missing_bounds_are_unknown if {
	groups := [object.remove(group({}), ["MinSize"]), object.remove(group({"ScalingGroupId": "asg-2"}), ["MaxSize"])]
	unknown_pointers(groups) == {"/scaling_groups/0", "/scaling_groups/1"}
	count(deny_pointers(groups)) == 0
}

test_max_zero_without_lifecycle_state_is_unknown if {
	groups := [object.remove(group({"MinSize": 0, "MaxSize": 0, "DesiredCapacity": 0}), ["LifecycleState"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}
