package ecsguard.ecs.classic_network_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "app-1", "RegionId": "cn-hangzhou", "InstanceNetworkType": "vpc", "VpcAttributes": {"VpcId": "vpc-1"}}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.classic_network.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.classic_network.unknown with input as {"instances": instances}
}

test_classic_instance_is_denied if {
	instances := [object.remove(instance({"InstanceNetworkType": "classic"}), ["VpcAttributes"])]
	deny_pointers(instances) == {"/instances/0/InstanceNetworkType"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_instance if {
	findings := data.ecsguard.ecs.classic_network.deny with input as {"instances": [instance({"InstanceNetworkType": "classic"})]}
	{f.msg | some f in findings} == {"instance i-1 (app-1) is on the classic network (InstanceNetworkType classic)"}
}

test_vpc_instance_passes if {
	instances := [instance({})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_classic_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "InstanceNetworkType": "classic"})]
	deny_pointers(instances) == {"/instances/1/InstanceNetworkType"}
}

test_vpc_id_decides_when_network_type_is_missing if {
	instances := [object.remove(instance({}), ["InstanceNetworkType"])]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_missing_network_type_and_vpc_is_unknown if {
	instances := [object.remove(instance({}), ["InstanceNetworkType", "VpcAttributes"]), object.remove(instance({"InstanceId": "i-2", "VpcAttributes": {"VpcId": ""}}), ["InstanceNetworkType"])]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
	count(deny_pointers(instances)) == 0
}

test_unknown_message_names_the_instance if {
	findings := data.ecsguard.ecs.classic_network.unknown with input as {"instances": [object.remove(instance({}), ["InstanceNetworkType", "VpcAttributes"])]}
	{f.msg | some f in findings} == {"instance i-1 (app-1) has neither InstanceNetworkType nor VpcAttributes.VpcId in the snapshot, its network type cannot be judged"}
}
