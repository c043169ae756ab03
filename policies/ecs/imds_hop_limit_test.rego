package ecsguard.ecs.imds_hop_limit_test

instance(hops) := {"InstanceId": "i-1", "InstanceName": "node-1", "RegionId": "cn-hangzhou", "MetadataOptions": {"HttpEndpoint": "enabled", "HttpTokens": "required", "HttpPutResponseHopLimit": hops}}

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.imds_hop_limit.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.imds_hop_limit.unknown with input as {"instances": instances}
}

test_hop_limit_above_one_is_denied if {
	deny_pointers([instance(2)]) == {"/instances/0/MetadataOptions/HttpPutResponseHopLimit"}
	count(unknown_pointers([instance(2)])) == 0
}

test_message_gives_hop_limit if {
	findings := data.ecsguard.ecs.imds_hop_limit.deny with input as {"instances": [instance(3)]}
	{f.msg | some f in findings} == {"instance i-1 (node-1) has metadata HttpPutResponseHopLimit 3 (limit 1)"}
}

test_hop_limit_one_passes if {
	count(deny_pointers([instance(1)])) == 0
	count(unknown_pointers([instance(1)])) == 0
}

test_disabled_endpoint_passes if {
	inst := object.union(instance(4), {"MetadataOptions": {"HttpEndpoint": "disabled"}})
	count(deny_pointers([inst])) == 0
	count(unknown_pointers([inst])) == 0
}

test_max_hops_parameter_applies if {
	findings := data.ecsguard.ecs.imds_hop_limit.deny with input as {"instances": [instance(2)]}
		with data.ecsguard.params.imds_hop_limit.max_hops as 2
	count(findings) == 0
}

test_only_the_high_hop_instance_is_denied if {
	deny_pointers([instance(1), object.union(instance(2), {"InstanceId": "i-2"})]) == {"/instances/1/MetadataOptions/HttpPutResponseHopLimit"}
}

test_missing_hop_limit_is_unknown if {
	instances := [object.remove(instance(1), ["MetadataOptions"]), object.union(object.remove(instance(1), ["MetadataOptions"]), {"InstanceId": "i-2", "MetadataOptions": {"HttpEndpoint": "enabled"}})]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
	count(deny_pointers(instances)) == 0
}

test_messages_name_an_unnamed_instance_by_its_id if {
	unnamed := object.union(instance(3), {"InstanceName": ""})
	denied := data.ecsguard.ecs.imds_hop_limit.deny with input as {"instances": [unnamed]}
	{f.msg | some f in denied} == {"instance i-1 has metadata HttpPutResponseHopLimit 3 (limit 1)"}
	no_hops := object.union(object.remove(unnamed, ["MetadataOptions"]), {"InstanceName": "i-1"})
	unknown := data.ecsguard.ecs.imds_hop_limit.unknown with input as {"instances": [no_hops]}
	{f.msg | some f in unknown} == {"instance i-1 has no MetadataOptions.HttpPutResponseHopLimit in the snapshot, its metadata hop limit cannot be judged"}
}

test_unknown_message_names_the_instance if {
	findings := data.ecsguard.ecs.imds_hop_limit.unknown with input as {"instances": [object.remove(instance(1), ["MetadataOptions"])]}
	{f.msg | some f in findings} == {"instance i-1 (node-1) has no MetadataOptions.HttpPutResponseHopLimit in the snapshot, its metadata hop limit cannot be judged"}
}
