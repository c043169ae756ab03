package ecsguard.ess.spot_type_diversity_test

config(fields) := object.union({"ScalingConfigurationId": "asc-1", "ScalingConfigurationName": "batch-v7", "RegionId": "cn-hangzhou", "LifecycleState": "Active", "SpotStrategy": "SpotAsPriceGo", "InstanceType": "ecs.c7.2xlarge", "InstanceTypes": ["ecs.c7.2xlarge"]}, fields)

group(configs) := {"ScalingGroupId": "asg-1", "ScalingGroupName": "batch", "RegionId": "cn-hangzhou", "scaling_configurations": configs}

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.spot_type_diversity.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.spot_type_diversity.unknown with input as {"scaling_groups": groups}
}

test_single_type_spot_config_is_denied if {
	groups := [group([config({})])]
	deny_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0/InstanceTypes"}
	count(unknown_pointers(groups)) == 0
}

test_lone_instance_type_field_is_denied if {
	groups := [group([object.remove(config({}), ["InstanceTypes"])])]
	deny_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0/InstanceType"}
}

test_message_lists_types if {
	findings := data.ecsguard.ess.spot_type_diversity.deny with input as {"scaling_groups": [group([config({})])]}
	{f.msg | some f in findings} == {"active spot scaling configuration asc-1 (batch-v7) of scaling group asg-1 (batch) offers 1 instance type(s) (ecs.c7.2xlarge), fewer than 2"}
}

test_two_types_pass if {
	groups := [group([config({"InstanceTypes": ["ecs.c7.2xlarge", "ecs.g7.2xlarge"]})])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_pattern_on_demand_and_inactive_configs_pass if {
	groups := [group([
		config({"InstancePatternInfos": [{"Cores": 8, "Memory": 16}]}),
		config({"ScalingConfigurationId": "asc-2", "SpotStrategy": "NoSpot"}),
		config({"ScalingConfigurationId": "asc-3", "LifecycleState": "Inactive"}),
	])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_min_types_parameter_applies if {
	findings := data.ecsguard.ess.spot_type_diversity.deny with input as {"scaling_groups": [group([config({"InstanceTypes": ["ecs.c7.2xlarge", "ecs.g7.2xlarge"]})])]}
		with data.ecsguard.params.spot_type_diversity.min_types as 3
	{f.pointer | some f in findings} == {"/scaling_groups/0/scaling_configurations/0/InstanceTypes"}
}

test_only_the_single_type_config_is_denied if {
	groups := [group([config({"InstanceTypes": ["ecs.c7.2xlarge", "ecs.g7.2xlarge"]})]), object.union(group([config({})]), {"ScalingGroupId": "asg-2"})]
	deny_pointers(groups) == {"/scaling_groups/1/scaling_configurations/0/InstanceTypes"}
}

test_missing_types_are_unknown if {
	groups := [group([object.remove(config({}), ["InstanceType", "InstanceTypes"])])]
	unknown_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0"}
	count(deny_pointers(groups)) == 0
}

test_undecidable_activity_is_unknown if {
	groups := [group([object.remove(config({}), ["LifecycleState"])])]
	unknown_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0"}
	count(deny_pointers(groups)) == 0
}

messages(groups) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ess.spot_type_diversity.deny | data.ecsguard.ess.spot_type_diversity.unknown with input as {"scaling_groups": groups}
}

test_messages_of_each_case if {
	messages([group([config({"InstanceTypes": [], "InstanceType": "ecs.g7.large"})])]) == {"active spot scaling configuration asc-1 (batch-v7) of scaling group asg-1 (batch) offers 1 instance type(s) (ecs.g7.large), fewer than 2"}
	messages([group([config({"InstanceTypes": [], "InstanceType": ""})])]) == {"active spot scaling configuration asc-1 (batch-v7) of scaling group asg-1 (batch) has neither InstanceTypes nor InstanceType in the snapshot, its type diversity cannot be judged"}
	messages([group([object.remove(config({}), ["LifecycleState"])])]) == {"spot scaling configuration asc-1 (batch-v7) of scaling group asg-1 (batch) offers too few instance types but has no LifecycleState in the snapshot, whether it is active cannot be judged"}
	one_is_enough := messages([group([config({"InstanceTypes": [], "InstanceType": "ecs.g7.large"})])]) with data.ecsguard.params.spot_type_diversity.min_types as 1
	count(one_is_enough) == 0
}

test_undecidable_activity_with_a_lone_instance_type_is_unknown if {
	groups := [group([object.remove(config({"InstanceTypes": []}), ["LifecycleState"])])]
	unknown_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0"}
	count(unknown_pointers([group([object.remove(config({"InstanceTypes": [], "InstanceType": ""}), ["LifecycleState"])])])) == 0
}
