package ecsguard.ecs.expiring_subscription_test

# 2025-01-01T00:00:00Z
now := 1735689600000000000

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "db-1", "RegionId": "cn-hangzhou", "InstanceChargeType": "PrePaid", "ExpiredTime": "2025-01-11T00:00:00Z"}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.expiring_subscription.deny with input as {"instances": instances}
		with data.ecsguard.now_ns as now
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.expiring_subscription.unknown with input as {"instances": instances}
		with data.ecsguard.now_ns as now
}

deny_messages(instances) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ecs.expiring_subscription.deny with input as {"instances": instances}
		with data.ecsguard.now_ns as now
}

test_subscription_expiring_in_ten_days_is_denied if {
	deny_pointers([instance({})]) == {"/instances/0/ExpiredTime"}
	count(unknown_pointers([instance({})])) == 0
	deny_messages([instance({})]) == {"subscription instance i-1 (db-1) expires at 2025-01-11T00:00:00Z, in 10 days (limit 30 days)"}
}

test_expired_subscription_is_denied if {
	deny_messages([instance({"ExpiredTime": "2024-12-30T00:00:00Z"})]) == {"subscription instance i-1 (db-1) expired at 2024-12-30T00:00:00Z (limit 30 days)"}
}

test_far_expiry_passes if {
	instances := [instance({"ExpiredTime": "2025-06-01T00:00:00Z"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_pay_as_you_go_instance_passes if {
	instances := [instance({"InstanceChargeType": "PostPaid", "ExpiredTime": "2099-12-31T15:59:00Z"}), object.remove(instance({"InstanceId": "i-2", "InstanceChargeType": "PostPaid"}), ["ExpiredTime"])]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_expiring_instance_is_denied if {
	instances := [instance({"ExpiredTime": "2026-01-01T00:00:00Z"}), instance({"InstanceId": "i-2"})]
	deny_pointers(instances) == {"/instances/1/ExpiredTime"}
}

test_min_days_left_parameter_applies if {
	findings := data.ecsguard.ecs.expiring_subscription.deny with input as {"instances": [instance({})]}
		with data.ecsguard.now_ns as now
		with data.ecsguard.params.expiring_subscription.min_days_left as 7
	count(findings) == 0
}

test_subscription_without_expiry_is_unknown if {
	instances := [object.remove(instance({}), ["ExpiredTime"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_missing_charge_type_is_unknown_only_when_expiry_is_near if {
	instances := [object.remove(instance({}), ["InstanceChargeType"]), object.remove(instance({"InstanceId": "i-2", "ExpiredTime": "2099-12-31T15:59:00Z"}), ["InstanceChargeType"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

unknown_messages(instances) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ecs.expiring_subscription.unknown with input as {"instances": instances}
		with data.ecsguard.now_ns as now
}

test_unknown_messages_name_the_instance if {
	unknown_messages([object.remove(instance({}), ["ExpiredTime"])]) == {"subscription instance i-1 (db-1) has no ExpiredTime in the snapshot, its expiry cannot be judged"}
	unknown_messages([object.remove(instance({}), ["InstanceChargeType"])]) == {"instance i-1 (db-1) has ExpiredTime 2025-01-11T00:00:00Z but no InstanceChargeType in the snapshot, whether it is a subscription about to expire cannot be judged"}
}

test_messages_name_an_unnamed_instance_by_its_id if {
	deny_messages([instance({"InstanceName": ""})]) == {"subscription instance i-1 expires at 2025-01-11T00:00:00Z, in 10 days (limit 30 days)"}
	unknown_messages([object.remove(instance({"InstanceName": "i-1"}), ["ExpiredTime"])]) == {"subscription instance i-1 has no ExpiredTime in the snapshot, its expiry cannot be judged"}
	unknown_messages([object.remove(instance({}), ["InstanceChargeType", "InstanceName"])]) == {"instance i-1 has ExpiredTime 2025-01-11T00:00:00Z but no InstanceChargeType in the snapshot, whether it is a subscription about to expire cannot be judged"}
}

test_expiry_exactly_at_the_limit_passes if {
	count(deny_pointers([instance({"ExpiredTime": "2025-01-31T00:00:00Z"})])) == 0
	deny_pointers([instance({"ExpiredTime": "2025-01-30T23:59:59Z"})]) == {"/instances/0/ExpiredTime"}
	deny_messages([instance({"ExpiredTime": "2025-01-01T00:00:00Z"})]) == {"subscription instance i-1 (db-1) expired at 2025-01-01T00:00:00Z (limit 30 days)"}
}
