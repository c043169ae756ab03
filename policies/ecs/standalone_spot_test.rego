package ecsguard.ecs.standalone_spot_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "worker-1", "RegionId": "cn-hangzhou", "SpotStrategy": "SpotAsPriceGo"}, fields)

group(id, members) := {"ScalingGroupId": id, "RegionId": "cn-hangzhou", "scaling_instances": [m |
	some member in members
	m := {"InstanceId": member, "RegionId": "cn-hangzhou", "ScalingGroupId": id}
]}

groups := [group("asg-1", ["i-in-group"]), group("asg-2", [])]

deny_pointers(instances, scaling_groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.standalone_spot.deny with input as {"instances": instances, "scaling_groups": scaling_groups}
}

unknown_pointers(instances, scaling_groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.standalone_spot.unknown with input as {"instances": instances, "scaling_groups": scaling_groups}
}

test_standalone_spot_instance_is_denied if {
	deny_pointers([instance({})], groups) == {"/instances/0"}
	count(unknown_pointers([instance({})], groups)) == 0
}

test_spot_with_price_limit_is_denied if {
	deny_pointers([instance({"SpotStrategy": "SpotWithPriceLimit"})], groups) == {"/instances/0"}
}

test_message_names_instance_and_strategy if {
	findings := data.ecsguard.ecs.standalone_spot.deny with input as {"instances": [instance({})], "scaling_groups": groups}
	some f in findings
	f.msg == "spot instance i-1 (worker-1) with SpotStrategy SpotAsPriceGo is in no scaling group: nothing replaces it when it is reclaimed"
}

test_spot_instance_in_a_group_passes if {
	instances := [instance({"InstanceId": "i-in-group"})]
	count(deny_pointers(instances, groups)) == 0
	count(unknown_pointers(instances, groups)) == 0
}

test_on_demand_instance_passes if {
	instances := [instance({"SpotStrategy": "NoSpot"})]
	count(deny_pointers(instances, groups)) == 0
	count(unknown_pointers(instances, groups)) == 0
}

test_only_the_standalone_spot_instance_is_denied if {
	instances := [
		instance({"InstanceId": "i-in-group"}),
		instance({"InstanceId": "i-2", "SpotStrategy": "NoSpot"}),
		instance({"InstanceId": "i-3"}),
	]
	deny_pointers(instances, groups) == {"/instances/2"}
}

test_no_scaling_groups_at_all_denies if {
	deny_pointers([instance({})], []) == {"/instances/0"}
}

test_uncollected_group_members_make_it_unknown if {
	partial := [group("asg-1", ["i-in-group"]), {"ScalingGroupId": "asg-3", "RegionId": "cn-hangzhou"}]
	unknown_pointers([instance({})], partial) == {"/instances/0"}
	count(deny_pointers([instance({})], partial)) == 0
}

test_uncollected_members_in_another_region_do_not_matter if {
	partial := [group("asg-1", ["i-in-group"]), {"ScalingGroupId": "asg-3", "RegionId": "cn-beijing"}]
	deny_pointers([instance({})], partial) == {"/instances/0"}
	count(unknown_pointers([instance({})], partial)) == 0
}

test_missing_spot_strategy_is_unknown if {
	instances := [object.remove(instance({}), ["SpotStrategy"])]
	unknown_pointers(instances, groups) == {"/instances/0"}
	count(deny_pointers(instances, groups)) == 0
}
