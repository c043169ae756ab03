package ecsguard.ecs.imds_tokens_private_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "db-1", "RegionId": "cn-hangzhou", "PublicIpAddress": [], "EipAddress": {"AllocationId": "", "IpAddress": ""}, "MetadataOptions": {"HttpEndpoint": "enabled", "HttpTokens": "optional"}}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.imds_tokens_private.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.imds_tokens_private.unknown with input as {"instances": instances}
}

test_private_instance_without_tokens_is_denied if {
	instances := [instance({})]
	deny_pointers(instances) == {"/instances/0/MetadataOptions/HttpTokens"}
	count(unknown_pointers(instances)) == 0
}

test_message_gives_mode if {
	findings := data.ecsguard.ecs.imds_tokens_private.deny with input as {"instances": [instance({})]}
	{f.msg | some f in findings} == {"instance i-1 (db-1) has MetadataOptions.HttpTokens optional: metadata is readable without a token"}
}

test_token_only_or_disabled_metadata_passes if {
	instances := [instance({"MetadataOptions": {"HttpTokens": "required"}}), instance({"InstanceId": "i-2", "MetadataOptions": {"HttpEndpoint": "disabled"}})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_internet_facing_instances_are_left_to_ecs_004 if {
	instances := [instance({"PublicIpAddress": ["47.96.0.1"]}), instance({"InstanceId": "i-2", "EipAddress": {"IpAddress": "47.96.0.2"}}), object.remove(instance({"InstanceId": "i-3"}), ["PublicIpAddress"])]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_optional_instance_is_denied if {
	instances := [instance({"MetadataOptions": {"HttpTokens": "required"}}), instance({"InstanceId": "i-2", "PublicIpAddress": [""]}), object.remove(instance({"InstanceId": "i-3"}), ["EipAddress"])]
	deny_pointers(instances) == {"/instances/1/MetadataOptions/HttpTokens"}
}

test_missing_mode_is_unknown if {
	instances := [object.remove(instance({}), ["MetadataOptions"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_messages_name_an_unnamed_instance_by_its_id if {
	denied := data.ecsguard.ecs.imds_tokens_private.deny with input as {"instances": [instance({"InstanceName": ""})]}
	{f.msg | some f in denied} == {"instance i-1 has MetadataOptions.HttpTokens optional: metadata is readable without a token"}
	no_tokens := object.union(object.remove(instance({"InstanceName": "i-1"}), ["MetadataOptions"]), {"MetadataOptions": {"HttpEndpoint": "enabled"}})
	unknown := data.ecsguard.ecs.imds_tokens_private.unknown with input as {"instances": [no_tokens]}
	{f.msg | some f in unknown} == {"instance i-1 has no MetadataOptions.HttpTokens in the snapshot, its metadata access mode cannot be judged"}
}

test_unknown_message_names_the_instance if {
	unknown := data.ecsguard.ecs.imds_tokens_private.unknown with input as {"instances": [object.remove(instance({}), ["MetadataOptions"])]}
	{f.msg | some f in unknown} == {"instance i-1 (db-1) has no MetadataOptions.HttpTokens in the snapshot, its metadata access mode cannot be judged"}
}

test_an_address_list_holding_only_empty_strings_is_private if {
	deny_pointers([instance({"PublicIpAddress": ["", ""]})]) == {"/instances/0/MetadataOptions/HttpTokens"}
	count(deny_pointers([instance({"PublicIpAddress": ["", "47.1.1.1"]})])) == 0
	count(deny_pointers([instance({"EipAddress": {"AllocationId": "eip-1", "IpAddress": "47.1.1.2"}})])) == 0
	deny_pointers([instance({"EipAddress": {"AllocationId": ""}})]) == {"/instances/0/MetadataOptions/HttpTokens"}
	count(deny_pointers([object.remove(instance({}), ["EipAddress"])])) == 0
	count(deny_pointers([object.remove(instance({}), ["PublicIpAddress"])])) == 0
}

test_instance_with_an_address_but_no_tokens_is_not_judged_here if {
	inst := object.remove(instance({"PublicIpAddress": ["", "47.1.1.1"]}), ["MetadataOptions"])
	count(unknown_pointers([inst])) == 0
	unknown_pointers([object.remove(instance({"PublicIpAddress": [""]}), ["MetadataOptions"])]) == {"/instances/0"}
}
