package ecsguard.ess.spot_interruption_stop_test

config(fields) := object.union({"ScalingConfigurationId": "asc-1", "RegionId": "cn-hangzhou", "LifecycleState": "Active", "SpotStrategy": "SpotAsPriceGo", "SpotInterruptionBehavior": "Stop"}, fields)

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "render", "RegionId": "cn-hangzhou", "ScalingPolicy": "release", "scaling_configurations": [config({})]}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.spot_interruption_stop.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.spot_interruption_stop.unknown with input as {"scaling_groups": groups}
}

test_stop_in_release_group_is_denied if {
	deny_pointers([group({})]) == {"/scaling_groups/0/scaling_configurations/0/SpotInterruptionBehavior"}
	count(unknown_pointers([group({})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.spot_interruption_stop.deny with input as {"scaling_groups": [group({})]}
	{f.msg | some f in findings} == {"scaling configuration asc-1 of scaling group asg-1 (render) stops interrupted spot instances, but the group's ScalingPolicy is release: they stay stopped and billed"}
}

test_terminate_recycle_on_demand_or_inactive_pass if {
	groups := [
		group({"scaling_configurations": [config({"SpotInterruptionBehavior": "Terminate"})]}),
		group({"ScalingPolicy": "recycle"}),
		group({"scaling_configurations": [config({"SpotStrategy": "NoSpot"})]}),
		group({"scaling_configurations": [config({"LifecycleState": "Inactive"})]}),
	]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_stopping_config_is_denied if {
	groups := [group({"scaling_configurations": [config({"LifecycleState": "Inactive", "ScalingConfigurationId": "asc-0"}), config({})]})]
	deny_pointers(groups) == {"/scaling_groups/0/scaling_configurations/1/SpotInterruptionBehavior"}
}

test_missing_policy_is_unknown if {
	groups := [object.remove(group({}), ["ScalingPolicy"])]
	unknown_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0"}
	count(deny_pointers(groups)) == 0
}
