package ecsguard.ess.no_launch_source_test

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "LifecycleState": "Active", "ActiveScalingConfigurationId": "", "LaunchTemplateId": ""}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.no_launch_source.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.no_launch_source.unknown with input as {"scaling_groups": groups}
}

test_group_without_source_is_denied if {
	deny_pointers([group({})]) == {"/scaling_groups/0/ActiveScalingConfigurationId"}
	count(unknown_pointers([group({})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.no_launch_source.deny with input as {"scaling_groups": [group({})]}
	{f.msg | some f in findings} == {"Active scaling group asg-1 (web) has neither an active scaling configuration nor a launch template: it cannot launch instances"}
}

test_group_with_a_source_or_inactive_passes if {
	groups := [
		group({"ActiveScalingConfigurationId": "asc-1"}),
		group({"LaunchTemplateId": "lt-1"}),
		object.remove(group({"ActiveScalingConfigurationId": "asc-1"}), ["LaunchTemplateId"]),
		group({"LifecycleState": "Inactive"}),
	]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_bare_group_is_denied if {
	deny_pointers([group({"ActiveScalingConfigurationId": "asc-1"}), group({"ScalingGroupId": "asg-2"})]) == {"/scaling_groups/1/ActiveScalingConfigurationId"}
}

test_missing_fields_are_unknown if {
	groups := [object.remove(group({}), ["LaunchTemplateId"]), object.remove(group({}), ["ActiveScalingConfigurationId"]), object.remove(group({}), ["LifecycleState"])]
	unknown_pointers(groups) == {"/scaling_groups/0", "/scaling_groups/1", "/scaling_groups/2"}
	count(deny_pointers(groups)) == 0
}
