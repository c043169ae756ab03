package ecsguard.ecs.vswitch_free_ips_test

vswitch(fields) := object.union({"VSwitchId": "vsw-1", "RegionId": "cn-shanghai", "ZoneId": "cn-shanghai-f", "CidrBlock": "10.0.80.0/28", "AvailableIpAddressCount": 200}, fields)

deny_pointers(vsws) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.vswitch_free_ips.deny with input as {"vswitches": vsws}
}

unknown_pointers(vsws) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.vswitch_free_ips.unknown with input as {"vswitches": vsws}
}

test_nearly_full_vswitch_is_denied if {
	vsws := [vswitch({"AvailableIpAddressCount": 10})]
	deny_pointers(vsws) == {"/vswitches/0/AvailableIpAddressCount"}
	count(unknown_pointers(vsws)) == 0
}

test_message_gives_count_and_block if {
	findings := data.ecsguard.ecs.vswitch_free_ips.deny with input as {"vswitches": [vswitch({"AvailableIpAddressCount": 10})]}
	{f.msg | some f in findings} == {"vSwitch vsw-1 in cn-shanghai-f has 10 free private IP address(es) in 10.0.80.0/28 (minimum 16)"}
}

test_message_without_block if {
	findings := data.ecsguard.ecs.vswitch_free_ips.deny with input as {"vswitches": [object.remove(vswitch({"AvailableIpAddressCount": 0}), ["CidrBlock"])]}
	{f.msg | some f in findings} == {"vSwitch vsw-1 in cn-shanghai-f has 0 free private IP address(es) (minimum 16)"}
}

test_roomy_vswitch_passes if {
	vsws := [vswitch({}), vswitch({"VSwitchId": "vsw-2", "AvailableIpAddressCount": 16})]
	count(deny_pointers(vsws)) == 0
	count(unknown_pointers(vsws)) == 0
}

test_minimum_is_a_parameter if {
	findings := data.ecsguard.ecs.vswitch_free_ips.deny with input as {"vswitches": [vswitch({})]}
		with data.ecsguard.params.vswitch_free_ips.min_free as 256
	{f.pointer | some f in findings} == {"/vswitches/0/AvailableIpAddressCount"}
}

test_only_the_full_vswitch_is_denied if {
	vsws := [vswitch({}), vswitch({"VSwitchId": "vsw-2", "AvailableIpAddressCount": 3})]
	deny_pointers(vsws) == {"/vswitches/1/AvailableIpAddressCount"}
}

test_missing_count_is_unknown if {
	vsws := [object.remove(vswitch({}), ["AvailableIpAddressCount"])]
	unknown_pointers(vsws) == {"/vswitches/0"}
	count(deny_pointers(vsws)) == 0
}
