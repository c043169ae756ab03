package ecsguard.ess.config_system_disk_encryption_test

config(fields) := object.union({"ScalingConfigurationId": "asc-1", "ScalingConfigurationName": "web-v1", "RegionId": "cn-hangzhou", "SystemDiskEncrypted": false}, fields)

groups(configs) := [{"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scaling_configurations": configs}]

deny_pointers(configs) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_system_disk_encryption.deny with input as {"scaling_groups": groups(configs)}
}

unknown_pointers(configs) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_system_disk_encryption.unknown with input as {"scaling_groups": groups(configs)}
}

test_unencrypted_system_disk_is_denied if {
	deny_pointers([config({})]) == {"/scaling_groups/0/scaling_configurations/0/SystemDiskEncrypted"}
	count(unknown_pointers([config({})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.config_system_disk_encryption.deny with input as {"scaling_groups": groups([config({})])}
	{f.msg | some f in findings} == {"scaling configuration asc-1 (web-v1) of scaling group asg-1 (web) creates unencrypted system disks"}
}

test_encrypted_system_disk_passes if {
	count(deny_pointers([config({"SystemDiskEncrypted": true})])) == 0
	count(unknown_pointers([config({"SystemDiskEncrypted": true})])) == 0
}

test_only_the_unencrypted_config_is_denied if {
	deny_pointers([config({"SystemDiskEncrypted": true}), config({"ScalingConfigurationId": "asc-2"})]) == {"/scaling_groups/0/scaling_configurations/1/SystemDiskEncrypted"}
}

test_missing_field_is_unknown if {
	configs := [object.remove(config({}), ["SystemDiskEncrypted"])]
	unknown_pointers(configs) == {"/scaling_groups/0/scaling_configurations/0"}
	count(deny_pointers(configs)) == 0
}
