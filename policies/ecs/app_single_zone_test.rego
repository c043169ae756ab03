package ecsguard.ecs.app_single_zone_test

instance(id, zone, app) := {"InstanceId": id, "InstanceName": id, "RegionId": "cn-shanghai", "ZoneId": zone, "Status": "Running", "Tags": [{"Key": "app", "Value": app}, {"Key": "env", "Value": "prod"}]}

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.app_single_zone.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.app_single_zone.unknown with input as {"instances": instances}
}

test_group_in_one_zone_is_denied if {
	instances := [instance("i-1", "cn-shanghai-f", "api"), instance("i-2", "cn-shanghai-f", "api")]
	deny_pointers(instances) == {"/instances/0/ZoneId", "/instances/1/ZoneId"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_tags_and_zone if {
	findings := data.ecsguard.ecs.app_single_zone.deny with input as {"instances": [instance("i-1", "cn-shanghai-f", "api"), instance("i-2", "cn-shanghai-f", "api")]}
	some f in findings
	f.msg == "instance i-1 is one of the instances tagged app=api, env=prod in cn-shanghai, which all run in zone cn-shanghai-f"
}

test_group_across_zones_passes if {
	instances := [instance("i-1", "cn-shanghai-f", "api"), instance("i-2", "cn-shanghai-f", "api"), instance("i-3", "cn-shanghai-g", "api")]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_single_instance_passes if {
	count(deny_pointers([instance("i-1", "cn-shanghai-f", "api")])) == 0
}

test_stopped_instances_do_not_count if {
	stopped := object.union(instance("i-2", "cn-shanghai-g", "api"), {"Status": "Stopped"})
	instances := [instance("i-1", "cn-shanghai-f", "api"), stopped, instance("i-3", "cn-shanghai-f", "api")]
	deny_pointers(instances) == {"/instances/0/ZoneId", "/instances/2/ZoneId"}
}

test_groups_are_regional_and_need_every_tag if {
	other_region := object.union(instance("i-2", "cn-hangzhou-h", "api"), {"RegionId": "cn-hangzhou"})
	no_env := object.union(instance("i-3", "cn-shanghai-f", "api"), {"Tags": [{"Key": "app", "Value": "api"}]})
	instances := [instance("i-1", "cn-shanghai-f", "api"), other_region, no_env, instance("i-4", "cn-shanghai-f", "web")]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_min_instances_is_a_parameter if {
	findings := data.ecsguard.ecs.app_single_zone.deny with input as {"instances": [instance("i-1", "cn-shanghai-f", "api"), instance("i-2", "cn-shanghai-f", "api")]}
		with data.ecsguard.params.app_single_zone.min_instances as 3
	count(findings) == 0
}

test_only_the_single_zone_group_is_denied if {
	instances := [instance("i-1", "cn-shanghai-f", "api"), instance("i-2", "cn-shanghai-g", "api"), instance("i-3", "cn-shanghai-e", "web"), instance("i-4", "cn-shanghai-e", "web")]
	deny_pointers(instances) == {"/instances/2/ZoneId", "/instances/3/ZoneId"}
}

test_group_with_a_zoneless_member_is_unknown if {
	instances := [instance("i-1", "cn-shanghai-f", "api"), instance("i-2", "cn-shanghai-f", "api"), object.remove(instance("i-3", "", "api"), ["ZoneId"])]
	unknown_pointers(instances) == {"/instances/0", "/instances/1", "/instances/2"}
	count(deny_pointers(instances)) == 0
}

test_instance_without_tags_is_unknown if {
	instances := [object.remove(instance("i-1", "cn-shanghai-f", "api"), ["Tags"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

# An empty ZoneId is as unknown as a missing one (its own rule body).
test_group_with_an_empty_zone_is_unknown if {
	instances := [instance("i-1", "cn-shanghai-f", "api"), instance("i-2", "cn-shanghai-f", "api"), instance("i-3", "", "api")]
	unknown_pointers(instances) == {"/instances/0", "/instances/1", "/instances/2"}
	count(deny_pointers(instances)) == 0
}
