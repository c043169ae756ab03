package ecsguard.ecs.retired_family_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "old-1", "RegionId": "cn-hangzhou", "InstanceType": "ecs.g7.large", "InstanceTypeFamily": "ecs.g7"}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.retired_family.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.retired_family.unknown with input as {"instances": instances}
}

test_retired_family_is_denied if {
	instances := [instance({"InstanceType": "ecs.t1.small", "InstanceTypeFamily": "ecs.t1"})]
	deny_pointers(instances) == {"/instances/0/InstanceTypeFamily"}
	count(unknown_pointers(instances)) == 0
}

test_family_is_derived_from_type_when_missing if {
	instances := [object.remove(instance({"InstanceType": "ecs.s2.large"}), ["InstanceTypeFamily"])]
	deny_pointers(instances) == {"/instances/0/InstanceType"}
}

test_message_names_type_and_family if {
	findings := data.ecsguard.ecs.retired_family.deny with input as {"instances": [instance({"InstanceType": "ecs.n1.small", "InstanceTypeFamily": "ecs.n1"})]}
	{f.msg | some f in findings} == {"instance i-1 (old-1) is of type ecs.n1.small in retired family ecs.n1"}
}

test_current_family_passes if {
	instances := [instance({}), object.remove(instance({"InstanceId": "i-2", "InstanceType": "ecs.c1m2.large"}), ["InstanceTypeFamily"])]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_retired_families_are_a_parameter if {
	findings := data.ecsguard.ecs.retired_family.deny with input as {"instances": [instance({})]}
		with data.ecsguard.params.retired_family.retired_families as ["ecs.g7"]
	{f.pointer | some f in findings} == {"/instances/0/InstanceTypeFamily"}
}

test_only_the_retired_instance_is_denied if {
	deny_pointers([instance({}), instance({"InstanceId": "i-2", "InstanceType": "ecs.m2.medium", "InstanceTypeFamily": "ecs.m2"})]) == {"/instances/1/InstanceTypeFamily"}
}

test_missing_type_is_unknown if {
	instances := [object.remove(instance({}), ["InstanceType", "InstanceTypeFamily"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

# Absent and empty fields take separate rule bodies: every combination.
test_empty_family_falls_back_to_type if {
	instances := [instance({"InstanceType": "ecs.s2.large", "InstanceTypeFamily": ""})]
	deny_pointers(instances) == {"/instances/0/InstanceType"}
	count(unknown_pointers(instances)) == 0
}

test_absent_or_empty_type_and_family_are_unknown if {
	instances := [
		object.remove(instance({}), ["InstanceType", "InstanceTypeFamily"]),
		object.remove(instance({"InstanceType": ""}), ["InstanceTypeFamily"]),
		object.remove(instance({"InstanceTypeFamily": ""}), ["InstanceType"]),
		instance({"InstanceType": "", "InstanceTypeFamily": ""}),
		object.remove(instance({"InstanceType": "ecs.s2.large"}), ["InstanceTypeFamily"]),
	]
	unknown_pointers(instances) == {"/instances/0", "/instances/1", "/instances/2", "/instances/3"}
	deny_pointers(instances) == {"/instances/4/InstanceType"}
}
