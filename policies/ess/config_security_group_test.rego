package ecsguard.ess.config_security_group_test

config(fields) := object.union({"ScalingConfigurationId": "asc-1", "ScalingConfigurationName": "web-v1", "RegionId": "cn-hangzhou", "SecurityGroupId": "", "SecurityGroupIds": []}, fields)

groups(configs) := [{"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scaling_configurations": configs}]

deny_pointers(configs) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_security_group.deny with input as {"scaling_groups": groups(configs)}
}

unknown_pointers(configs) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_security_group.unknown with input as {"scaling_groups": groups(configs)}
}

test_config_without_group_is_denied if {
	deny_pointers([config({})]) == {"/scaling_groups/0/scaling_configurations/0/SecurityGroupIds"}
	deny_pointers([object.remove(config({}), ["SecurityGroupIds"])]) == {"/scaling_groups/0/scaling_configurations/0/SecurityGroupId"}
	deny_pointers([object.remove(config({}), ["SecurityGroupId"])]) == {"/scaling_groups/0/scaling_configurations/0/SecurityGroupIds"}
	count(unknown_pointers([config({})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.config_security_group.deny with input as {"scaling_groups": groups([config({})])}
	{f.msg | some f in findings} == {"scaling configuration asc-1 (web-v1) of scaling group asg-1 (web) sets no security group"}
}

test_config_with_a_group_passes if {
	configs := [config({"SecurityGroupId": "sg-1"}), config({"SecurityGroupIds": ["sg-1"]}), object.remove(config({"SecurityGroupId": "sg-1"}), ["SecurityGroupIds"])]
	count(deny_pointers(configs)) == 0
	count(unknown_pointers(configs)) == 0
}

test_only_the_bare_config_is_denied if {
	deny_pointers([config({"SecurityGroupIds": ["sg-1"]}), config({"ScalingConfigurationId": "asc-2"})]) == {"/scaling_groups/0/scaling_configurations/1/SecurityGroupIds"}
}

test_missing_fields_are_unknown if {
	configs := [object.remove(config({}), ["SecurityGroupId", "SecurityGroupIds"])]
	unknown_pointers(configs) == {"/scaling_groups/0/scaling_configurations/0"}
	count(deny_pointers(configs)) == 0
}
