package ecsguard.ecs.charge_type_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "db-1", "RegionId": "cn-hangzhou", "InstanceChargeType": "PrePaid"}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.charge_type.deny with input as {"instances": instances}
		with data.ecsguard.params.charge_type.allowed_charge_types as ["PrePaid"]
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.charge_type.unknown with input as {"instances": instances}
		with data.ecsguard.params.charge_type.allowed_charge_types as ["PrePaid"]
}

test_pay_as_you_go_instance_is_denied_when_only_subscription_is_allowed if {
	instances := [instance({"InstanceChargeType": "PostPaid"})]
	deny_pointers(instances) == {"/instances/0/InstanceChargeType"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_instance_and_charge_type if {
	findings := data.ecsguard.ecs.charge_type.deny with input as {"instances": [instance({"InstanceChargeType": "PostPaid"})]}
		with data.ecsguard.params.charge_type.allowed_charge_types as ["PrePaid"]
	{f.msg | some f in findings} == {"instance i-1 (db-1) is billed PostPaid, which is not in params.charge_type.allowed_charge_types"}
}

test_subscription_instance_passes if {
	instances := [instance({}), instance({"InstanceId": "i-2", "InstanceName": ""})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_pay_as_you_go_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "InstanceChargeType": "PostPaid"}), instance({"InstanceId": "i-3"})]
	deny_pointers(instances) == {"/instances/1/InstanceChargeType"}
}

test_subscription_is_denied_when_only_pay_as_you_go_is_allowed if {
	findings := data.ecsguard.ecs.charge_type.deny with input as {"instances": [instance({}), instance({"InstanceId": "i-2", "InstanceChargeType": "PostPaid"})]}
		with data.ecsguard.params.charge_type.allowed_charge_types as ["PostPaid"]
	{f.pointer | some f in findings} == {"/instances/0/InstanceChargeType"}
}

test_absent_or_empty_charge_type_is_unknown if {
	instances := [object.remove(instance({}), ["InstanceChargeType"]), instance({"InstanceChargeType": ""}), instance({})]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
	count(deny_pointers(instances)) == 0
}

test_empty_allowlist_judges_nothing if {
	instances := [instance({"InstanceChargeType": "PostPaid"}), object.remove(instance({"InstanceId": "i-2"}), ["InstanceChargeType"])]
	count(data.ecsguard.ecs.charge_type.deny) == 0 with input as {"instances": instances}
		with data.ecsguard.params.charge_type.allowed_charge_types as []
	count(data.ecsguard.ecs.charge_type.unknown) == 0 with input as {"instances": instances}
		with data.ecsguard.params.charge_type.allowed_charge_types as []
}

test_default_allowlist_is_empty if {
	data.ecsguard.params.charge_type.allowed_charge_types == []
}

test_allowlist_that_is_not_a_list_makes_every_instance_unknown if {
	instances := [instance({}), instance({"InstanceId": "i-2"})]
	findings := data.ecsguard.ecs.charge_type.unknown with input as {"instances": instances}
		with data.ecsguard.params.charge_type.allowed_charge_types as "PrePaid"
	{f.pointer | some f in findings} == {"/instances/0", "/instances/1"}
	count(data.ecsguard.ecs.charge_type.deny) == 0 with input as {"instances": instances}
		with data.ecsguard.params.charge_type.allowed_charge_types as "PrePaid"
}
