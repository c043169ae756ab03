package ecsguard.ecs.deletion_protection_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "db-1", "RegionId": "cn-hangzhou", "InstanceChargeType": "PostPaid", "SpotStrategy": "NoSpot", "DeletionProtection": false, "Tags": []}, fields)

group(members) := {"ScalingGroupId": "asg-1", "RegionId": "cn-hangzhou", "scaling_instances": [{"InstanceId": id, "RegionId": "cn-hangzhou"} | some id in members]}

deny_pointers(instances, groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.deletion_protection.deny with input as {"instances": instances, "scaling_groups": groups}
}

unknown_pointers(instances, groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.deletion_protection.unknown with input as {"instances": instances, "scaling_groups": groups}
}

test_unprotected_pay_as_you_go_instance_is_denied if {
	deny_pointers([instance({})], [group([])]) == {"/instances/0/DeletionProtection"}
	count(unknown_pointers([instance({})], [group([])])) == 0
}

test_message_names_instance if {
	findings := data.ecsguard.ecs.deletion_protection.deny with input as {"instances": [instance({})], "scaling_groups": []}
	{f.msg | some f in findings} == {"pay-as-you-go instance i-1 (db-1) is in no scaling group and has DeletionProtection false"}
}

test_protected_instance_passes if {
	instances := [instance({"DeletionProtection": true})]
	count(deny_pointers(instances, [])) == 0
	count(unknown_pointers(instances, [])) == 0
}

test_subscription_spot_and_grouped_instances_pass if {
	instances := [
		instance({"InstanceChargeType": "PrePaid"}),
		instance({"InstanceId": "i-2", "SpotStrategy": "SpotAsPriceGo"}),
		instance({"InstanceId": "i-3"}),
		instance({"InstanceId": "i-4", "Tags": [{"Key": "acs:autoscaling:scalingGroupId", "Value": "asg-9"}]}),
	]
	count(deny_pointers(instances, [group(["i-3"])])) == 0
	count(unknown_pointers(instances, [group(["i-3"])])) == 0
}

test_only_the_unprotected_instance_is_denied if {
	instances := [instance({"DeletionProtection": true}), instance({"InstanceId": "i-2"}), instance({"InstanceId": "i-3", "InstanceChargeType": "PrePaid"})]
	deny_pointers(instances, [group([])]) == {"/instances/1/DeletionProtection"}
}

test_missing_deletion_protection_is_unknown if {
	instances := [object.remove(instance({}), ["DeletionProtection"])]
	unknown_pointers(instances, []) == {"/instances/0"}
	count(deny_pointers(instances, [])) == 0
}

test_missing_charge_type_is_unknown if {
	instances := [object.remove(instance({}), ["InstanceChargeType"])]
	unknown_pointers(instances, []) == {"/instances/0"}
	count(deny_pointers(instances, [])) == 0
}

test_missing_spot_strategy_is_unknown if {
	instances := [object.remove(instance({}), ["SpotStrategy"])]
	unknown_pointers(instances, []) == {"/instances/0"}
	count(deny_pointers(instances, [])) == 0
}

test_uncollected_group_members_make_it_unknown if {
	groups := [object.remove(group([]), ["scaling_instances"])]
	unknown_pointers([instance({})], groups) == {"/instances/0"}
	count(deny_pointers([instance({})], groups)) == 0
}

test_uncollected_members_in_another_region_do_not_matter if {
	groups := [object.remove(object.union(group([]), {"RegionId": "cn-beijing"}), ["scaling_instances"])]
	deny_pointers([instance({})], groups) == {"/instances/0/DeletionProtection"}
	count(unknown_pointers([instance({})], groups)) == 0
}

unknown_messages(instances) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ecs.deletion_protection.unknown with input as {"instances": instances, "scaling_groups": []}
}

test_unknown_message_names_the_instance if {
	unknown_messages([object.remove(instance({}), ["DeletionProtection"])]) == {"pay-as-you-go instance i-1 (db-1) has no DeletionProtection in the snapshot, its release protection cannot be judged"}
	unknown_messages([object.remove(instance({"InstanceName": ""}), ["DeletionProtection"])]) == {"pay-as-you-go instance i-1 has no DeletionProtection in the snapshot, its release protection cannot be judged"}
}
