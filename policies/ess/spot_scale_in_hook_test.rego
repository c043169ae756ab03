package ecsguard.ess.spot_scale_in_hook_test

config(fields) := object.union({"ScalingConfigurationId": "asc-1", "RegionId": "cn-hangzhou", "LifecycleState": "Active", "SpotStrategy": "NoSpot"}, fields)

hook(fields) := object.union({"LifecycleHookId": "ash-1", "RegionId": "cn-hangzhou", "LifecycleTransition": "SCALE_IN", "LifecycleHookStatus": "Active"}, fields)

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "batch", "RegionId": "cn-hangzhou", "scaling_configurations": [], "lifecycle_hooks": []}, fields)

spot_config := config({"SpotStrategy": "SpotAsPriceGo"})

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.spot_scale_in_hook.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.spot_scale_in_hook.unknown with input as {"scaling_groups": groups}
}

test_spot_group_without_hook_is_denied if {
	deny_pointers([group({"scaling_configurations": [spot_config]})]) == {"/scaling_groups/0"}
	count(unknown_pointers([group({"scaling_configurations": [spot_config]})])) == 0
}

test_spot_with_price_limit_without_hook_is_denied if {
	groups := [group({"scaling_configurations": [config({"SpotStrategy": "SpotWithPriceLimit"})]})]
	deny_pointers(groups) == {"/scaling_groups/0"}
}

test_scale_out_hook_does_not_count if {
	groups := [group({"scaling_configurations": [spot_config], "lifecycle_hooks": [hook({"LifecycleTransition": "SCALE_OUT"})]})]
	deny_pointers(groups) == {"/scaling_groups/0"}
}

test_inactive_scale_in_hook_does_not_count if {
	groups := [group({"scaling_configurations": [spot_config], "lifecycle_hooks": [hook({"LifecycleHookStatus": "InActive"})]})]
	deny_pointers(groups) == {"/scaling_groups/0"}
}

test_active_configuration_found_by_group_id if {
	# The spot configuration is not marked Active but is the group's active one.
	c := config({"ScalingConfigurationId": "asc-9", "LifecycleState": "Inactive", "SpotStrategy": "SpotAsPriceGo"})
	groups := [group({"ActiveScalingConfigurationId": "asc-9", "scaling_configurations": [c]})]
	deny_pointers(groups) == {"/scaling_groups/0"}
}

test_current_spot_capacity_counts_as_spot if {
	deny_pointers([group({"SpotCapacity": 3, "scaling_configurations": [config({})]})]) == {"/scaling_groups/0"}
}

test_message_names_group if {
	findings := data.ecsguard.ess.spot_scale_in_hook.deny with input as {"scaling_groups": [group({"scaling_configurations": [spot_config]})]}
	some f in findings
	f.msg == "scaling group asg-1 (batch) launches spot instances but has no active SCALE_IN lifecycle hook"
}

test_spot_group_with_scale_in_hook_passes if {
	groups := [group({"scaling_configurations": [spot_config], "lifecycle_hooks": [hook({})]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_hook_without_status_counts_as_active if {
	groups := [group({"scaling_configurations": [spot_config], "lifecycle_hooks": [object.remove(hook({}), ["LifecycleHookStatus"])]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_on_demand_group_passes if {
	groups := [group({"SpotCapacity": 0, "scaling_configurations": [config({}), config({"ScalingConfigurationId": "asc-old", "LifecycleState": "Inactive", "SpotStrategy": "SpotAsPriceGo"})]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_spot_group_is_denied if {
	groups := [
		group({"scaling_configurations": [config({})]}),
		group({"ScalingGroupId": "asg-2", "scaling_configurations": [spot_config]}),
		group({"ScalingGroupId": "asg-3", "scaling_configurations": [spot_config], "lifecycle_hooks": [hook({})]}),
	]
	deny_pointers(groups) == {"/scaling_groups/1"}
}

test_spot_group_without_collected_hooks_is_unknown if {
	groups := [object.remove(group({"scaling_configurations": [spot_config]}), ["lifecycle_hooks"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}

test_missing_spot_strategy_is_unknown if {
	groups := [group({"scaling_configurations": [object.remove(config({}), ["SpotStrategy"])]})]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}

test_missing_configurations_is_unknown if {
	groups := [object.remove(group({}), ["scaling_configurations"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}

test_launch_template_group_is_unknown if {
	groups := [group({"LaunchTemplateId": "lt-1"})]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}

test_undecided_group_with_hook_passes if {
	groups := [group({"LaunchTemplateId": "lt-1", "lifecycle_hooks": [hook({})]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

unknown_messages(groups) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ess.spot_scale_in_hook.unknown with input as {"scaling_groups": groups}
}

test_unknown_messages_give_the_reason if {
	unknown_messages([object.remove(group({"scaling_configurations": [spot_config]}), ["lifecycle_hooks"])]) == {"scaling group asg-1 (batch) launches spot instances but its lifecycle_hooks are not in the snapshot"}
	unknown_messages([object.remove(group({}), ["scaling_configurations"])]) == {"scaling group asg-1 (batch) has no active SCALE_IN lifecycle hook and its scaling_configurations are not in the snapshot, so whether it runs spot cannot be judged"}
	unknown_messages([group({"scaling_configurations": [object.remove(config({}), ["SpotStrategy"]), object.remove(config({"ScalingConfigurationId": "asc-2", "LifecycleState": "Inactive"}), ["SpotStrategy"])]})]) == {"scaling group asg-1 (batch) has no active SCALE_IN lifecycle hook and active scaling configuration asc-1 has no SpotStrategy, so whether it runs spot cannot be judged"}
	unknown_messages([group({"LaunchTemplateId": "lt-1", "ScalingGroupName": ""})]) == {"scaling group asg-1 has no active SCALE_IN lifecycle hook and it launches from launch template lt-1, which the snapshot does not hold, so whether it runs spot cannot be judged"}
}

test_a_group_with_an_active_configuration_is_not_undecided_by_its_template if {
	count(unknown_pointers([group({"LaunchTemplateId": "lt-1", "scaling_configurations": [config({})]})])) == 0
	count(unknown_pointers([group({"LaunchTemplateId": "", "scaling_configurations": [config({"LifecycleState": "Inactive"})]})])) == 0
}
