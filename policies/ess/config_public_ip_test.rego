package ecsguard.ess.config_public_ip_test

config(fields) := object.union({"ScalingConfigurationId": "asc-1", "ScalingConfigurationName": "web-v2", "RegionId": "cn-hangzhou", "LifecycleState": "Active", "InternetMaxBandwidthOut": 0}, fields)

group(configs) := {"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scaling_configurations": configs}

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_public_ip.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_public_ip.unknown with input as {"scaling_groups": groups}
}

test_public_bandwidth_is_denied if {
	groups := [group([config({"InternetMaxBandwidthOut": 10})])]
	deny_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0/InternetMaxBandwidthOut"}
	count(unknown_pointers(groups)) == 0
}

test_message_names_config_and_bandwidth if {
	findings := data.ecsguard.ess.config_public_ip.deny with input as {"scaling_groups": [group([config({"InternetMaxBandwidthOut": 10})])]}
	{f.msg | some f in findings} == {"scaling configuration asc-1 (web-v2) of scaling group asg-1 (web) has InternetMaxBandwidthOut 10: its instances get public IP addresses"}
}

test_inactive_config_is_judged_too if {
	groups := [group([config({}), config({"ScalingConfigurationId": "asc-0", "LifecycleState": "Inactive", "InternetMaxBandwidthOut": 5})])]
	deny_pointers(groups) == {"/scaling_groups/0/scaling_configurations/1/InternetMaxBandwidthOut"}
}

test_private_config_passes if {
	groups := [group([config({})])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_missing_bandwidth_is_unknown if {
	groups := [group([object.remove(config({}), ["InternetMaxBandwidthOut"])])]
	unknown_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0"}
	count(deny_pointers(groups)) == 0
}
