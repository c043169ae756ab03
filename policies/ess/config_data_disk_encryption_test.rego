package ecsguard.ess.config_data_disk_encryption_test

disk(encrypted) := {"Category": "cloud_essd", "Size": 100, "Encrypted": encrypted}

config(disks) := {"ScalingConfigurationId": "asc-1", "ScalingConfigurationName": "web-v1", "RegionId": "cn-hangzhou", "DataDisks": disks}

groups(configs) := [{"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scaling_configurations": configs}]

deny_pointers(configs) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_data_disk_encryption.deny with input as {"scaling_groups": groups(configs)}
}

unknown_pointers(configs) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_data_disk_encryption.unknown with input as {"scaling_groups": groups(configs)}
}

test_unencrypted_data_disk_is_denied if {
	configs := [config([disk(true), disk(false)])]
	deny_pointers(configs) == {"/scaling_groups/0/scaling_configurations/0/DataDisks/1/Encrypted"}
	count(unknown_pointers(configs)) == 0
}

test_message if {
	findings := data.ecsguard.ess.config_data_disk_encryption.deny with input as {"scaling_groups": groups([config([disk(false)])])}
	{f.msg | some f in findings} == {"scaling configuration asc-1 (web-v1) of scaling group asg-1 (web) creates unencrypted data disk 0"}
}

test_encrypted_or_no_data_disks_pass if {
	configs := [config([disk(true)]), config([])]
	count(deny_pointers(configs)) == 0
	count(unknown_pointers(configs)) == 0
}

test_only_the_unencrypted_config_is_denied if {
	deny_pointers([config([disk(true)]), config([disk(false)])]) == {"/scaling_groups/0/scaling_configurations/1/DataDisks/0/Encrypted"}
}

test_missing_fields_are_unknown if {
	configs := [object.remove(config([]), ["DataDisks"]), config([{"Category": "cloud_essd"}, disk(false)])]
	unknown_pointers(configs) == {"/scaling_groups/0/scaling_configurations/0", "/scaling_groups/0/scaling_configurations/1"}
	deny_pointers(configs) == {"/scaling_groups/0/scaling_configurations/1/DataDisks/1/Encrypted"}
}
