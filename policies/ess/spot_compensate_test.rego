package ecsguard.ess.spot_compensate_test

config(fields) := object.union({"ScalingConfigurationId": "asc-1", "RegionId": "cn-hangzhou", "LifecycleState": "Active", "SpotStrategy": "SpotAsPriceGo"}, fields)

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "batch", "RegionId": "cn-hangzhou", "MultiAZPolicy": "COST_OPTIMIZED", "CompensateWithOnDemand": false, "SpotCapacity": 0, "scaling_configurations": [config({})]}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.spot_compensate.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.spot_compensate.unknown with input as {"scaling_groups": groups}
}

test_cost_optimized_spot_group_without_fallback_is_denied if {
	deny_pointers([group({})]) == {"/scaling_groups/0/CompensateWithOnDemand"}
	count(unknown_pointers([group({})])) == 0
}

test_message_names_group if {
	findings := data.ecsguard.ess.spot_compensate.deny with input as {"scaling_groups": [group({})]}
	{f.msg | some f in findings} == {"cost-optimized scaling group asg-1 (batch) runs spot instances with CompensateWithOnDemand false: when spot capacity runs out it launches nothing"}
}

test_fallback_on_passes if {
	groups := [group({"CompensateWithOnDemand": true})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_other_policies_and_on_demand_groups_pass if {
	groups := [group({"MultiAZPolicy": "BALANCE"}), group({"ScalingGroupId": "asg-2", "scaling_configurations": [config({"SpotStrategy": "NoSpot"})]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_bad_group_is_denied if {
	groups := [group({"CompensateWithOnDemand": true}), group({"ScalingGroupId": "asg-2", "SpotCapacity": 3, "scaling_configurations": []})]
	deny_pointers(groups) == {"/scaling_groups/1/CompensateWithOnDemand"}
}

test_missing_flag_is_unknown if {
	groups := [object.remove(group({}), ["CompensateWithOnDemand"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}

test_missing_policy_is_unknown if {
	groups := [object.remove(group({}), ["MultiAZPolicy"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}

test_undecided_spot_is_unknown if {
	groups := [object.remove(group({}), ["scaling_configurations"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}
