package ecsguard.ecs.deployment_set_strategy_test

set(fields) := object.union({"DeploymentSetId": "ds-1", "DeploymentSetName": "db", "RegionId": "cn-hangzhou", "DeploymentStrategy": "Availability"}, fields)

deny_pointers(sets) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.deployment_set_strategy.deny with input as {"deployment_sets": sets}
}

unknown_pointers(sets) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.deployment_set_strategy.unknown with input as {"deployment_sets": sets}
}

test_low_latency_set_is_denied if {
	sets := [set({"DeploymentStrategy": "LowLatency"})]
	deny_pointers(sets) == {"/deployment_sets/0/DeploymentStrategy"}
	count(unknown_pointers(sets)) == 0
}

test_message_gives_strategy if {
	findings := data.ecsguard.ecs.deployment_set_strategy.deny with input as {"deployment_sets": [set({"DeploymentStrategy": "LooseAggregation"})]}
	{f.msg | some f in findings} == {"deployment set ds-1 (db) uses strategy LooseAggregation, which does not spread its instances over hosts"}
}

test_spreading_sets_pass if {
	sets := [set({}), set({"DeploymentSetId": "ds-2", "DeploymentStrategy": "AvailabilityGroup"})]
	count(deny_pointers(sets)) == 0
	count(unknown_pointers(sets)) == 0
}

test_allowed_strategies_is_a_parameter if {
	findings := data.ecsguard.ecs.deployment_set_strategy.deny with input as {"deployment_sets": [set({"DeploymentStrategy": "LowLatency"})]}
		with data.ecsguard.params.deployment_set_strategy.allowed_strategies as ["Availability", "LowLatency"]
	count(findings) == 0
}

test_only_the_packed_set_is_denied if {
	sets := [set({}), set({"DeploymentSetId": "ds-2", "DeploymentStrategy": "LowLatency"})]
	deny_pointers(sets) == {"/deployment_sets/1/DeploymentStrategy"}
}

test_set_without_strategy_is_unknown if {
	sets := [object.remove(set({}), ["DeploymentStrategy"]), set({"DeploymentSetId": "ds-2", "DeploymentSetName": "", "DeploymentStrategy": ""})]
	unknown_pointers(sets) == {"/deployment_sets/0", "/deployment_sets/1"}
	count(deny_pointers(sets)) == 0
}
