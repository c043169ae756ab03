package ecsguard.eci.spot_restart_never_test

group(fields) := object.union({"ContainerGroupId": "eci-1", "ContainerGroupName": "render", "RegionId": "cn-hangzhou", "SpotStrategy": "SpotAsPriceGo", "RestartPolicy": "Never"}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.spot_restart_never.deny with input as {"container_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.spot_restart_never.unknown with input as {"container_groups": groups}
}

test_spot_group_with_restart_never_is_denied if {
	deny_pointers([group({})]) == {"/container_groups/0/RestartPolicy"}
	count(unknown_pointers([group({})])) == 0
}

test_spot_with_price_limit_is_denied if {
	deny_pointers([group({"SpotStrategy": "SpotWithPriceLimit"})]) == {"/container_groups/0/RestartPolicy"}
}

test_message_names_group if {
	findings := data.ecsguard.eci.spot_restart_never.deny with input as {"container_groups": [group({})]}
	some f in findings
	f.msg == "container group eci-1 (render) runs on spot (SpotAsPriceGo) with RestartPolicy Never"
}

test_spot_group_restarting_on_failure_passes if {
	groups := [group({"RestartPolicy": "OnFailure"})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_on_demand_group_with_restart_never_passes if {
	groups := [group({"SpotStrategy": "NoSpot"})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_spot_never_group_is_denied if {
	groups := [group({"RestartPolicy": "Always"}), group({"ContainerGroupId": "eci-2", "SpotStrategy": "NoSpot"}), group({"ContainerGroupId": "eci-3"})]
	deny_pointers(groups) == {"/container_groups/2/RestartPolicy"}
}

test_spot_group_without_restart_policy_is_unknown if {
	groups := [object.remove(group({}), ["RestartPolicy"])]
	unknown_pointers(groups) == {"/container_groups/0"}
	count(deny_pointers(groups)) == 0
}

test_group_without_spot_strategy_is_unknown_when_it_may_matter if {
	groups := [object.remove(group({}), ["SpotStrategy"]), object.remove(group({"ContainerGroupId": "eci-2", "RestartPolicy": "Always"}), ["SpotStrategy"])]
	unknown_pointers(groups) == {"/container_groups/0"}
	count(deny_pointers(groups)) == 0
}
