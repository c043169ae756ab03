package ecsguard.ecs.required_tags_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "web-1", "RegionId": "cn-hangzhou", "Tags": [{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "web"}]}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.required_tags.deny with input as {"instances": instances}
		with data.ecsguard.params.required_tags.required_keys as ["env", "team"]
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.required_tags.unknown with input as {"instances": instances}
		with data.ecsguard.params.required_tags.required_keys as ["env", "team"]
}

test_instance_missing_a_key_is_denied if {
	instances := [instance({"Tags": [{"Key": "env", "Value": "prod"}]})]
	deny_pointers(instances) == {"/instances/0/Tags"}
	count(unknown_pointers(instances)) == 0
}

test_untagged_instance_is_denied if {
	deny_pointers([instance({"Tags": []})]) == {"/instances/0/Tags"}
}

test_message_lists_missing_keys if {
	findings := data.ecsguard.ecs.required_tags.deny with input as {"instances": [instance({"Tags": []})]}
		with data.ecsguard.params.required_tags.required_keys as ["env", "team"]
	{f.msg | some f in findings} == {"instance i-1 (web-1) has no env or team tag"}
}

test_fully_tagged_instance_passes if {
	count(deny_pointers([instance({})])) == 0
	count(unknown_pointers([instance({})])) == 0
}

test_only_the_untagged_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "Tags": [{"Key": "team"}]})]
	deny_pointers(instances) == {"/instances/1/Tags"}
}

test_default_keys_apply if {
	findings := data.ecsguard.ecs.required_tags.deny with input as {"instances": [instance({"Tags": [{"Key": "env", "Value": "prod"}]})]}
	{f.pointer | some f in findings} == {"/instances/0/Tags"}
}

test_instance_without_tags_field_is_unknown if {
	instances := [object.remove(instance({}), ["Tags"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}
