package ecsguard.ecs.app_zone_imbalance_test

instance(id, zone, app) := {"InstanceId": id, "InstanceName": id, "RegionId": "cn-hangzhou", "ZoneId": zone, "Status": "Running", "Tags": [{"Key": "app", "Value": app}, {"Key": "env", "Value": "prod"}]}

# Four in zone h, one in zone i: 80 % in one zone.
lopsided := [
	instance("i-1", "cn-hangzhou-h", "web"),
	instance("i-2", "cn-hangzhou-h", "web"),
	instance("i-3", "cn-hangzhou-i", "web"),
	instance("i-4", "cn-hangzhou-h", "web"),
	instance("i-5", "cn-hangzhou-h", "web"),
]

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.app_zone_imbalance.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.app_zone_imbalance.unknown with input as {"instances": instances}
}

test_lopsided_group_is_denied if {
	deny_pointers(lopsided) == {"/instances/0/ZoneId", "/instances/1/ZoneId", "/instances/2/ZoneId", "/instances/3/ZoneId", "/instances/4/ZoneId"}
	count(unknown_pointers(lopsided)) == 0
}

test_message_gives_counts_and_zone if {
	findings := data.ecsguard.ecs.app_zone_imbalance.deny with input as {"instances": lopsided}
	some f in findings
	f.msg == "instance i-3 is one of 5 instances tagged app=web, env=prod in cn-hangzhou, 4 of which run in zone cn-hangzhou-h"
}

test_balanced_group_passes if {
	instances := [instance("i-1", "cn-hangzhou-h", "web"), instance("i-2", "cn-hangzhou-i", "web"), instance("i-3", "cn-hangzhou-h", "web"), instance("i-4", "cn-hangzhou-i", "web"), instance("i-5", "cn-hangzhou-j", "web")]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_single_zone_group_is_left_to_ecs_030 if {
	instances := [instance("i-1", "cn-hangzhou-h", "web"), instance("i-2", "cn-hangzhou-h", "web"), instance("i-3", "cn-hangzhou-h", "web")]
	count(deny_pointers(instances)) == 0
}

test_small_group_passes if {
	# Two in h, one in i is 67 %, under the 70 % default; min_instances 3.
	instances := [instance("i-1", "cn-hangzhou-h", "web"), instance("i-2", "cn-hangzhou-h", "web"), instance("i-3", "cn-hangzhou-i", "web")]
	count(deny_pointers(instances)) == 0
	findings := data.ecsguard.ecs.app_zone_imbalance.deny with input as {"instances": instances}
		with data.ecsguard.params.app_zone_imbalance.max_share as 0.6
	count(findings) == 3
	findings_min := data.ecsguard.ecs.app_zone_imbalance.deny with input as {"instances": instances}
		with data.ecsguard.params.app_zone_imbalance.max_share as 0.6
		with data.ecsguard.params.app_zone_imbalance.min_instances as 4
	count(findings_min) == 0
}

test_only_the_lopsided_group_is_denied if {
	stopped := object.union(instance("i-9", "cn-hangzhou-i", "api"), {"Status": "Stopped"})
	others := [instance("i-6", "cn-hangzhou-h", "api"), instance("i-7", "cn-hangzhou-i", "api"), stopped]
	deny_pointers(array.concat(others, lopsided)) == {"/instances/3/ZoneId", "/instances/4/ZoneId", "/instances/5/ZoneId", "/instances/6/ZoneId", "/instances/7/ZoneId"}
}

test_group_with_a_zoneless_member_is_unknown if {
	instances := array.concat(lopsided, [object.remove(instance("i-6", "", "web"), ["ZoneId"])])
	unknown_pointers(instances) == {"/instances/0", "/instances/1", "/instances/2", "/instances/3", "/instances/4", "/instances/5"}
	count(deny_pointers(instances)) == 0
}

test_instance_without_tags_is_unknown if {
	instances := [object.remove(instance("i-1", "cn-hangzhou-h", "web"), ["Tags"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

# An empty ZoneId is as unknown as a missing one.
test_group_with_an_empty_zone_is_unknown if {
	instances := array.concat(lopsided, [instance("i-6", "", "web")])
	unknown_pointers(instances) == {"/instances/0", "/instances/1", "/instances/2", "/instances/3", "/instances/4", "/instances/5"}
	count(deny_pointers(instances)) == 0
}

# A group too small to fail whatever its zones passes, zone known or not.
test_small_group_with_a_zoneless_member_passes if {
	instances := [instance("i-1", "cn-hangzhou-h", "web"), object.remove(instance("i-2", "", "web"), ["ZoneId"])]
	count(unknown_pointers(instances)) == 0
	count(deny_pointers(instances)) == 0
}
