package ecsguard.ess.single_vswitch_test

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou"}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.single_vswitch.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.single_vswitch.unknown with input as {"scaling_groups": groups}
}

test_single_vswitch_list_is_denied if {
	groups := [group({"VSwitchId": "vsw-a", "VSwitchIds": ["vsw-a"]})]
	deny_pointers(groups) == {"/scaling_groups/0/VSwitchIds"}
	count(unknown_pointers(groups)) == 0
}

test_lone_vswitch_id_is_denied if {
	deny_pointers([group({"VSwitchId": "vsw-a"})]) == {"/scaling_groups/0/VSwitchId"}
	deny_pointers([group({"VSwitchId": "vsw-a", "VSwitchIds": []})]) == {"/scaling_groups/0/VSwitchId"}
}

test_repeated_vswitch_counts_once if {
	deny_pointers([group({"VSwitchIds": ["vsw-a", "vsw-a"]})]) == {"/scaling_groups/0/VSwitchIds"}
}

test_message_names_vswitch if {
	findings := data.ecsguard.ess.single_vswitch.deny with input as {"scaling_groups": [group({"VSwitchIds": ["vsw-a"]})]}
	{f.msg | some f in findings} == {"scaling group asg-1 (web) has a single vSwitch (vsw-a)"}
}

test_two_vswitches_pass if {
	groups := [group({"VSwitchId": "vsw-a", "VSwitchIds": ["vsw-a", "vsw-b"]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_single_vswitch_group_is_denied if {
	groups := [group({"VSwitchIds": ["vsw-a", "vsw-b"]}), group({"ScalingGroupId": "asg-2", "VSwitchIds": ["vsw-c"]})]
	deny_pointers(groups) == {"/scaling_groups/1/VSwitchIds"}
}

test_group_without_vswitches_is_unknown if {
	groups := [group({})]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}
