package ecsguard.ess.max_headroom_test

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "LifecycleState": "Active", "MinSize": 2, "MaxSize": 10, "TotalCapacity": 9}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.max_headroom.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.max_headroom.unknown with input as {"scaling_groups": groups}
}

test_group_near_max_is_denied if {
	deny_pointers([group({})]) == {"/scaling_groups/0/MaxSize"}
	count(unknown_pointers([group({})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.max_headroom.deny with input as {"scaling_groups": [group({})]}
	{f.msg | some f in findings} == {"scaling group asg-1 (web) runs 9 of MaxSize 10: less than 20% headroom left for scale-out"}
}

test_roomy_fixed_or_inactive_groups_pass if {
	groups := [group({"TotalCapacity": 8}), group({"MinSize": 10, "TotalCapacity": 10}), group({"LifecycleState": "Inactive"})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_threshold_is_a_parameter if {
	findings := data.ecsguard.ess.max_headroom.deny with input as {"scaling_groups": [group({"TotalCapacity": 7})]}
		with data.ecsguard.params.max_headroom.min_headroom_percent as 50
	count(findings) == 1
}

test_only_the_full_group_is_denied if {
	deny_pointers([group({"TotalCapacity": 3}), group({"ScalingGroupId": "asg-2", "TotalCapacity": 10})]) == {"/scaling_groups/1/MaxSize"}
}

test_missing_fields_are_unknown if {
	groups := [object.remove(group({}), ["TotalCapacity"]), object.remove(group({}), ["LifecycleState"]), object.remove(group({"TotalCapacity": 2}), ["LifecycleState"])]
	unknown_pointers(groups) == {"/scaling_groups/0", "/scaling_groups/1"}
	count(deny_pointers(groups)) == 0
}
