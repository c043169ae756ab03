package ecsguard.ess.config_drift_test

inst(fields) := object.union({"InstanceId": "i-1", "RegionId": "cn-hangzhou", "ScalingConfigurationId": "asc-new", "CreationType": "AutoCreated", "LifecycleState": "InService"}, fields)

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "ActiveScalingConfigurationId": "asc-new", "scaling_instances": [inst({})]}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_drift.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_drift.unknown with input as {"scaling_groups": groups}
}

test_old_configuration_is_denied if {
	groups := [group({"scaling_instances": [inst({"ScalingConfigurationId": "asc-old"})]})]
	deny_pointers(groups) == {"/scaling_groups/0/scaling_instances/0/ScalingConfigurationId"}
	count(unknown_pointers(groups)) == 0
}

test_message if {
	findings := data.ecsguard.ess.config_drift.deny with input as {"scaling_groups": [group({"scaling_instances": [inst({"ScalingConfigurationId": "asc-old"})]})]}
	{f.msg | some f in findings} == {"instance i-1 of scaling group asg-1 (web) runs scaling configuration asc-old, not the active asc-new"}
}

test_current_attached_and_template_instances_pass if {
	groups := [
		group({}),
		group({"scaling_instances": [object.remove(inst({"CreationType": "Attached"}), ["ScalingConfigurationId"])]}),
		object.remove(group({"LaunchTemplateId": "lt-1", "scaling_instances": [object.remove(inst({}), ["ScalingConfigurationId"])]}), ["ActiveScalingConfigurationId"]),
	]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_old_instance_is_denied if {
	groups := [group({"scaling_instances": [inst({}), inst({"InstanceId": "i-2", "ScalingConfigurationId": "asc-old"})]})]
	deny_pointers(groups) == {"/scaling_groups/0/scaling_instances/1/ScalingConfigurationId"}
}

test_missing_fields_are_unknown if {
	groups := [
		group({"scaling_instances": [object.remove(inst({}), ["ScalingConfigurationId"])]}),
		object.remove(group({}), ["ActiveScalingConfigurationId"]),
		group({"scaling_instances": [object.remove(inst({"ScalingConfigurationId": "asc-old"}), ["CreationType"]), object.remove(inst({}), ["CreationType"])]}),
	]
	unknown_pointers(groups) == {"/scaling_groups/0/scaling_instances/0", "/scaling_groups/1/scaling_instances/0", "/scaling_groups/2/scaling_instances/0"}
	count(deny_pointers(groups)) == 0
}
