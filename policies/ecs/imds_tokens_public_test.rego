package ecsguard.ecs.imds_tokens_public_test

instance(fields) := object.union(
	{
		"InstanceId": "i-1", "InstanceName": "edge-1", "RegionId": "cn-hangzhou",
		"PublicIpAddress": ["47.96.0.10"], "EipAddress": {"IpAddress": ""},
		"MetadataOptions": {"HttpEndpoint": "enabled", "HttpTokens": "optional"},
	},
	fields,
)

private_addresses := {"PublicIpAddress": [], "EipAddress": {"AllocationId": "", "IpAddress": ""}}

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.imds_tokens_public.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.imds_tokens_public.unknown with input as {"instances": instances}
}

test_public_instance_with_optional_tokens_is_denied if {
	deny_pointers([instance({})]) == {"/instances/0/MetadataOptions/HttpTokens"}
	count(unknown_pointers([instance({})])) == 0
}

test_eip_counts_as_public if {
	deny_pointers([instance(object.union(private_addresses, {"EipAddress": {"IpAddress": "39.100.0.7"}}))]) == {"/instances/0/MetadataOptions/HttpTokens"}
}

test_message_names_address_and_mode if {
	findings := data.ecsguard.ecs.imds_tokens_public.deny with input as {"instances": [instance({"EipAddress": {"IpAddress": "39.100.0.7"}})]}
	some f in findings
	f.msg == "instance i-1 (edge-1) has public address 39.100.0.7, 47.96.0.10 and MetadataOptions.HttpTokens optional: metadata is readable without a token"
}

test_required_tokens_pass if {
	instances := [instance({"MetadataOptions": {"HttpEndpoint": "enabled", "HttpTokens": "required"}})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_disabled_metadata_endpoint_passes if {
	instances := [instance({"MetadataOptions": {"HttpEndpoint": "disabled", "HttpTokens": "optional"}})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_private_instance_passes if {
	instances := [instance(private_addresses)]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_public_optional_instance_is_denied if {
	instances := [
		instance(private_addresses),
		instance({"InstanceId": "i-2", "MetadataOptions": {"HttpTokens": "required"}}),
		instance({"InstanceId": "i-3"}),
	]
	deny_pointers(instances) == {"/instances/2/MetadataOptions/HttpTokens"}
}

test_public_instance_without_metadata_options_is_unknown if {
	instances := [object.remove(instance({}), ["MetadataOptions"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_public_instance_without_http_tokens_is_unknown if {
	# object.union merges nested objects, so replace MetadataOptions whole.
	instances := [object.union(object.remove(instance({}), ["MetadataOptions"]), {"MetadataOptions": {"HttpEndpoint": "enabled"}})]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_missing_address_fields_are_unknown_unless_protected if {
	instances := [
		object.remove(instance({}), ["PublicIpAddress", "EipAddress"]),
		object.remove(instance({"InstanceId": "i-2", "MetadataOptions": {"HttpTokens": "required"}}), ["PublicIpAddress", "EipAddress"]),
	]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_missing_eip_field_is_unknown_for_an_instance_without_public_ip if {
	instances := [object.remove(instance({"PublicIpAddress": []}), ["EipAddress"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}
