package ecsguard.ecs.instance_type_allowlist_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "web-1", "RegionId": "cn-hangzhou", "InstanceType": "ecs.g7.large"}, fields)

allowlist := ["ecs.g7.large", "ecs.c7.xlarge"]

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.instance_type_allowlist.deny with input as {"instances": instances}
		with data.ecsguard.params.instance_type_allowlist.allowed_types as allowlist
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.instance_type_allowlist.unknown with input as {"instances": instances}
		with data.ecsguard.params.instance_type_allowlist.allowed_types as allowlist
}

test_type_outside_the_allowlist_is_denied if {
	instances := [instance({"InstanceType": "ecs.t6-c1m1.large"})]
	deny_pointers(instances) == {"/instances/0/InstanceType"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_instance_and_type if {
	findings := data.ecsguard.ecs.instance_type_allowlist.deny with input as {"instances": [instance({"InstanceType": "ecs.t6-c1m1.large"})]}
		with data.ecsguard.params.instance_type_allowlist.allowed_types as allowlist
	{f.msg | some f in findings} == {"instance i-1 (web-1) is of type ecs.t6-c1m1.large, which is not in params.instance_type_allowlist.allowed_types"}
}

test_allowed_types_pass if {
	instances := [instance({}), instance({"InstanceId": "i-2", "InstanceType": "ecs.c7.xlarge"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_unapproved_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "InstanceType": "ecs.r7.large"}), instance({"InstanceId": "i-3", "InstanceType": "ecs.c7.xlarge"})]
	deny_pointers(instances) == {"/instances/1/InstanceType"}
}

test_absent_or_empty_type_is_unknown if {
	instances := [object.remove(instance({}), ["InstanceType"]), instance({"InstanceType": ""}), instance({"InstanceType": "ecs.g7.large"})]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
	count(deny_pointers(instances)) == 0
}

test_empty_allowlist_judges_nothing if {
	instances := [instance({}), object.remove(instance({"InstanceId": "i-2"}), ["InstanceType"])]
	count(data.ecsguard.ecs.instance_type_allowlist.deny) == 0 with input as {"instances": instances}
		with data.ecsguard.params.instance_type_allowlist.allowed_types as []
	count(data.ecsguard.ecs.instance_type_allowlist.unknown) == 0 with input as {"instances": instances}
		with data.ecsguard.params.instance_type_allowlist.allowed_types as []
}

test_default_allowlist_is_empty if {
	data.ecsguard.params.instance_type_allowlist.allowed_types == []
}

test_allowlist_that_is_not_a_list_makes_every_instance_unknown if {
	instances := [instance({}), instance({"InstanceId": "i-2"})]
	findings := data.ecsguard.ecs.instance_type_allowlist.unknown with input as {"instances": instances}
		with data.ecsguard.params.instance_type_allowlist.allowed_types as "ecs.g7.large"
	{f.pointer | some f in findings} == {"/instances/0", "/instances/1"}
	count(data.ecsguard.ecs.instance_type_allowlist.deny) == 0 with input as {"instances": instances}
		with data.ecsguard.params.instance_type_allowlist.allowed_types as "ecs.g7.large"
}
