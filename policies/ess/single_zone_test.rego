package ecsguard.ess.single_zone_test

vswitches := [
	{"VSwitchId": "vsw-a1", "RegionId": "cn-hangzhou", "ZoneId": "cn-hangzhou-h"},
	{"VSwitchId": "vsw-a2", "RegionId": "cn-hangzhou", "ZoneId": "cn-hangzhou-h"},
	{"VSwitchId": "vsw-b1", "RegionId": "cn-hangzhou", "ZoneId": "cn-hangzhou-i"},
]

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou"}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.single_zone.deny with input as {"scaling_groups": groups, "vswitches": vswitches}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.single_zone.unknown with input as {"scaling_groups": groups, "vswitches": vswitches}
}

test_two_vswitches_in_one_zone_are_denied if {
	deny_pointers([group({"VSwitchIds": ["vsw-a1", "vsw-a2"]})]) == {"/scaling_groups/0/VSwitchIds"}
	count(unknown_pointers([group({"VSwitchIds": ["vsw-a1", "vsw-a2"]})])) == 0
}

test_single_vswitch_id_is_denied if {
	deny_pointers([group({"VSwitchId": "vsw-b1"})]) == {"/scaling_groups/0/VSwitchId"}
}

test_message_names_vswitches_and_zone if {
	findings := data.ecsguard.ess.single_zone.deny with input as {"scaling_groups": [group({"VSwitchIds": ["vsw-a1", "vsw-a2"]})], "vswitches": vswitches}
	some f in findings
	f.msg == "scaling group asg-1 (web) has all its vSwitches (vsw-a1, vsw-a2) in zone cn-hangzhou-h"
}

test_two_zones_pass if {
	groups := [group({"VSwitchIds": ["vsw-a1", "vsw-b1"]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_vswitch_ids_win_over_vswitch_id if {
	groups := [group({"VSwitchId": "vsw-a1", "VSwitchIds": ["vsw-a2", "vsw-b1"]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_single_zone_group_is_denied if {
	groups := [
		group({"VSwitchIds": ["vsw-a1", "vsw-b1"]}),
		group({"ScalingGroupId": "asg-2", "VSwitchIds": ["vsw-a2"]}),
	]
	deny_pointers(groups) == {"/scaling_groups/1/VSwitchIds"}
}

test_unlocated_vswitch_is_unknown if {
	groups := [group({"VSwitchIds": ["vsw-a1", "vsw-gone"]})]
	unknown_pointers(groups) == {"/scaling_groups/0/VSwitchIds"}
	count(deny_pointers(groups)) == 0
}

test_unlocated_vswitch_is_irrelevant_once_two_zones_are_known if {
	groups := [group({"VSwitchIds": ["vsw-a1", "vsw-b1", "vsw-gone"]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_group_without_vswitches_is_unknown if {
	groups := [group({})]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}

unknown_messages(groups) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ess.single_zone.unknown with input as {"scaling_groups": groups, "vswitches": vswitches}
}

test_unknown_messages_name_the_vswitch if {
	unknown_messages([group({"VSwitchIds": ["vsw-gone", "vsw-lost"]})]) == {
		"vSwitch vsw-gone of scaling group asg-1 (web) is not in the snapshot, its zone cannot be judged",
		"vSwitch vsw-lost of scaling group asg-1 (web) is not in the snapshot, its zone cannot be judged",
	}
	unknown_messages([group({"VSwitchIds": [], "VSwitchId": "vsw-gone"})]) == {"vSwitch vsw-gone of scaling group asg-1 (web) is not in the snapshot, its zone cannot be judged"}
	unknown_messages([group({"VSwitchIds": [], "VSwitchId": ""})]) == {"scaling group asg-1 (web) has neither VSwitchIds nor VSwitchId in the snapshot, its zones cannot be judged"}
}

test_single_vswitch_message if {
	findings := data.ecsguard.ess.single_zone.deny with input as {"scaling_groups": [group({"VSwitchIds": [], "VSwitchId": "vsw-b1"})], "vswitches": vswitches}
	{[f.pointer, f.msg] | some f in findings} == {["/scaling_groups/0/VSwitchId", "scaling group asg-1 (web) has all its vSwitches (vsw-b1) in zone cn-hangzhou-i"]}
}
