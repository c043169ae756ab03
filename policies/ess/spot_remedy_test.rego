package ecsguard.ess.spot_remedy_test

config(fields) := object.union({"ScalingConfigurationId": "asc-1", "RegionId": "cn-hangzhou", "LifecycleState": "Active", "SpotStrategy": "SpotAsPriceGo"}, fields)

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "batch", "RegionId": "cn-hangzhou", "SpotInstanceRemedy": false, "SpotCapacity": 0, "scaling_configurations": [config({})]}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.spot_remedy.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.spot_remedy.unknown with input as {"scaling_groups": groups}
}

test_spot_group_without_remedy_is_denied if {
	deny_pointers([group({})]) == {"/scaling_groups/0/SpotInstanceRemedy"}
	count(unknown_pointers([group({})])) == 0
}

test_current_spot_capacity_counts_as_spot if {
	deny_pointers([group({"SpotCapacity": 2, "scaling_configurations": [config({"SpotStrategy": "NoSpot"})]})]) == {"/scaling_groups/0/SpotInstanceRemedy"}
}

test_message_names_group if {
	findings := data.ecsguard.ess.spot_remedy.deny with input as {"scaling_groups": [group({})]}
	{f.msg | some f in findings} == {"scaling group asg-1 (batch) runs spot instances with SpotInstanceRemedy false: instances about to be reclaimed are not replaced ahead of time"}
}

test_spot_group_with_remedy_passes if {
	groups := [group({"SpotInstanceRemedy": true})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_on_demand_group_passes if {
	groups := [group({"scaling_configurations": [config({"SpotStrategy": "NoSpot"}), config({"ScalingConfigurationId": "asc-0", "LifecycleState": "Inactive"})]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_spot_group_is_denied if {
	groups := [group({"SpotInstanceRemedy": true}), group({"ScalingGroupId": "asg-2"})]
	deny_pointers(groups) == {"/scaling_groups/1/SpotInstanceRemedy"}
}

test_missing_remedy_flag_is_unknown if {
	groups := [object.remove(group({}), ["SpotInstanceRemedy"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}

test_uncollected_configurations_are_unknown if {
	groups := [object.remove(group({}), ["scaling_configurations"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}

test_missing_spot_strategy_is_unknown if {
	groups := [group({"scaling_configurations": [object.remove(config({}), ["SpotStrategy"])]})]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}

unknown_messages(groups) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ess.spot_remedy.unknown with input as {"scaling_groups": groups}
}

test_unknown_messages_give_the_reason if {
	unknown_messages([object.remove(group({}), ["SpotInstanceRemedy"])]) == {"scaling group asg-1 (batch) runs spot instances but has no SpotInstanceRemedy in the snapshot, its reclaim handling cannot be judged"}
	unknown_messages([object.remove(group({}), ["scaling_configurations"])]) == {"scaling group asg-1 (batch) has SpotInstanceRemedy false and its scaling_configurations are not in the snapshot, so whether it runs spot cannot be judged"}
	unknown_messages([group({"scaling_configurations": [object.remove(config({}), ["SpotStrategy"]), object.remove(config({"ScalingConfigurationId": "asc-2", "LifecycleState": "Inactive"}), ["SpotStrategy"])]})]) == {"scaling group asg-1 (batch) has SpotInstanceRemedy false and active scaling configuration asc-1 has no SpotStrategy, so whether it runs spot cannot be judged"}
}

test_configuration_named_by_the_group_is_active if {
	groups := [group({"ActiveScalingConfigurationId": "asc-2", "scaling_configurations": [config({"LifecycleState": "Inactive", "SpotStrategy": "NoSpot"}), config({"ScalingConfigurationId": "asc-2", "LifecycleState": "Inactive"})]})]
	deny_pointers(groups) == {"/scaling_groups/0/SpotInstanceRemedy"}
}
