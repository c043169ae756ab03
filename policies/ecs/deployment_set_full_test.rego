package ecsguard.ecs.deployment_set_full_test

set(capacities) := {"DeploymentSetId": "ds-1", "DeploymentSetName": "db-spread", "RegionId": "cn-hangzhou", "DeploymentStrategy": "Availability", "Capacities": capacities}

zone(id, available) := {"ZoneId": id, "AvailableAmount": available, "UsedAmount": 20 - available}

deny_pointers(sets) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.deployment_set_full.deny with input as {"deployment_sets": sets}
}

unknown_pointers(sets) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.deployment_set_full.unknown with input as {"deployment_sets": sets}
}

test_full_zone_is_denied if {
	sets := [set([zone("cn-hangzhou-h", 12), zone("cn-hangzhou-i", 0)])]
	deny_pointers(sets) == {"/deployment_sets/0/Capacities/1/AvailableAmount"}
	count(unknown_pointers(sets)) == 0
}

test_message_names_set_and_zone if {
	findings := data.ecsguard.ecs.deployment_set_full.deny with input as {"deployment_sets": [set([zone("cn-hangzhou-i", 0)])]}
	{f.msg | some f in findings} == {"deployment set ds-1 (db-spread) has 0 free place(s) left in zone cn-hangzhou-i (minimum 1)"}
}

test_headroom_passes if {
	sets := [set([zone("cn-hangzhou-h", 19), zone("cn-hangzhou-i", 1)])]
	count(deny_pointers(sets)) == 0
	count(unknown_pointers(sets)) == 0
}

test_min_available_parameter_applies if {
	findings := data.ecsguard.ecs.deployment_set_full.deny with input as {"deployment_sets": [set([zone("cn-hangzhou-h", 19), zone("cn-hangzhou-i", 1)])]}
		with data.ecsguard.params.deployment_set_full.min_available as 2
	{f.pointer | some f in findings} == {"/deployment_sets/0/Capacities/1/AvailableAmount"}
}

test_only_the_full_set_is_denied if {
	sets := [set([zone("cn-hangzhou-h", 5)]), object.union(set([zone("cn-hangzhou-h", 0)]), {"DeploymentSetId": "ds-2"})]
	deny_pointers(sets) == {"/deployment_sets/1/Capacities/0/AvailableAmount"}
}

test_missing_capacities_are_unknown if {
	sets := [object.remove(set([]), ["Capacities"])]
	unknown_pointers(sets) == {"/deployment_sets/0"}
	count(deny_pointers(sets)) == 0
}

test_zone_without_available_amount_is_unknown if {
	sets := [set([{"ZoneId": "cn-hangzhou-h", "UsedAmount": 3}])]
	unknown_pointers(sets) == {"/deployment_sets/0/Capacities/0"}
	count(deny_pointers(sets)) == 0
}
