package ecsguard.ess.config_imds_tokens_test

config(fields) := object.union({"ScalingConfigurationId": "asc-1", "ScalingConfigurationName": "web-v2", "RegionId": "cn-hangzhou", "LifecycleState": "Active", "HttpEndpoint": "enabled", "HttpTokens": "required"}, fields)

group(configs) := {"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scaling_configurations": configs}

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_imds_tokens.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_imds_tokens.unknown with input as {"scaling_groups": groups}
}

test_optional_tokens_are_denied if {
	groups := [group([config({"HttpTokens": "optional"})])]
	deny_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0/HttpTokens"}
	count(unknown_pointers(groups)) == 0
}

test_message_names_config_and_mode if {
	findings := data.ecsguard.ess.config_imds_tokens.deny with input as {"scaling_groups": [group([config({"HttpTokens": "optional"})])]}
	{f.msg | some f in findings} == {"scaling configuration asc-1 (web-v2) of scaling group asg-1 (web) has HttpTokens optional: the instances it launches serve metadata without a token"}
}

test_required_tokens_and_disabled_endpoint_pass if {
	groups := [group([config({}), config({"ScalingConfigurationId": "asc-2", "HttpEndpoint": "disabled", "HttpTokens": "optional"})])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_optional_config_is_denied if {
	groups := [group([config({}), config({"ScalingConfigurationId": "asc-0", "LifecycleState": "Inactive", "HttpTokens": "optional"})])]
	deny_pointers(groups) == {"/scaling_groups/0/scaling_configurations/1/HttpTokens"}
}

test_missing_tokens_is_unknown_unless_endpoint_disabled if {
	groups := [group([object.remove(config({}), ["HttpTokens"]), object.remove(config({"ScalingConfigurationId": "asc-2", "HttpEndpoint": "disabled"}), ["HttpTokens"])])]
	unknown_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0"}
	count(deny_pointers(groups)) == 0
}
