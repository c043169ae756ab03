package ecsguard.ecs.long_running_postpaid_test

# 2025-01-01T00:00:00Z
now := 1735689600000000000

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "app-1", "RegionId": "cn-hangzhou", "Status": "Running", "InstanceChargeType": "PostPaid", "SpotStrategy": "NoSpot", "CreationTime": "2024-10-01T00:00:00Z", "Tags": []}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.long_running_postpaid.deny with input as {"instances": instances}
		with data.ecsguard.now_ns as now
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.long_running_postpaid.unknown with input as {"instances": instances}
		with data.ecsguard.now_ns as now
}

test_long_running_postpaid_instance_is_denied if {
	instances := [instance({})]
	deny_pointers(instances) == {"/instances/0/InstanceChargeType"}
	count(unknown_pointers(instances)) == 0
}

test_message_gives_age if {
	findings := data.ecsguard.ecs.long_running_postpaid.deny with input as {"instances": [instance({})]}
		with data.ecsguard.now_ns as now
	{f.msg | some f in findings} == {"pay-as-you-go instance i-1 (app-1) has run since 2024-10-01T00:00:00Z, 92 days (limit 30 days)"}
}

test_new_instance_passes if {
	instances := [instance({"CreationTime": "2024-12-20T00:00:00Z"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_subscription_spot_stopped_and_scaled_instances_pass if {
	instances := [
		instance({"InstanceChargeType": "PrePaid"}),
		instance({"InstanceId": "i-2", "SpotStrategy": "SpotAsPriceGo"}),
		instance({"InstanceId": "i-3", "Status": "Stopped"}),
		instance({"InstanceId": "i-4", "Tags": [{"Key": "acs:autoscaling:scalingGroupId", "Value": "asg-1"}]}),
	]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_threshold_is_a_parameter if {
	findings := data.ecsguard.ecs.long_running_postpaid.deny with input as {"instances": [instance({})]}
		with data.ecsguard.now_ns as now
		with data.ecsguard.params.long_running_postpaid.max_days as 100
	count(findings) == 0
}

test_only_the_old_instance_is_denied if {
	instances := [instance({"CreationTime": "2024-12-30T00:00:00Z"}), instance({"InstanceId": "i-2"})]
	deny_pointers(instances) == {"/instances/1/InstanceChargeType"}
}

test_missing_fields_are_unknown if {
	instances := [object.remove(instance({}), ["CreationTime"]), object.remove(instance({"InstanceId": "i-2"}), ["SpotStrategy"])]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
	count(deny_pointers(instances)) == 0
}

test_message_names_an_unnamed_instance_by_its_id if {
	findings := data.ecsguard.ecs.long_running_postpaid.deny with input as {"instances": [instance({"InstanceName": ""})]}
		with data.ecsguard.now_ns as now
	{f.msg | some f in findings} == {"pay-as-you-go instance i-1 has run since 2024-10-01T00:00:00Z, 92 days (limit 30 days)"}
}
