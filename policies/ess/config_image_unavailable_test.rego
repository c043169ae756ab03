package ecsguard.ess.config_image_unavailable_test

images := [
	{"ImageId": "m-ok", "RegionId": "cn-hangzhou", "Status": "Available"},
	{"ImageId": "m-old", "RegionId": "cn-hangzhou", "Status": "Deprecated"},
	{"ImageId": "m-gone", "RegionId": "cn-hangzhou", "Status": "UnAvailable"},
]

config(fields) := object.union({"ScalingConfigurationId": "asc-1", "ScalingConfigurationName": "web-v2", "RegionId": "cn-hangzhou", "LifecycleState": "Active", "ImageId": "m-ok"}, fields)

group(configs) := {"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scaling_configurations": configs}

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_image_unavailable.deny with input as {"scaling_groups": groups, "images": images}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_image_unavailable.unknown with input as {"scaling_groups": groups, "images": images}
}

test_active_config_with_unavailable_image_is_denied if {
	groups := [group([config({"ImageId": "m-gone"})])]
	deny_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0/ImageId"}
	count(unknown_pointers(groups)) == 0
}

test_message_names_config_group_and_status if {
	findings := data.ecsguard.ess.config_image_unavailable.deny with input as {"scaling_groups": [group([config({"ImageId": "m-old"})])], "images": images}
	{f.msg | some f in findings} == {"active scaling configuration asc-1 (web-v2) of scaling group asg-1 (web) uses image m-old, which has Status Deprecated"}
}

test_config_named_active_by_the_group_is_judged if {
	g := object.union(group([config({"ImageId": "m-old", "LifecycleState": "Inactive"})]), {"ActiveScalingConfigurationId": "asc-1"})
	deny_pointers([g]) == {"/scaling_groups/0/scaling_configurations/0/ImageId"}
}

test_available_image_and_inactive_configs_pass if {
	groups := [group([config({}), config({"ScalingConfigurationId": "asc-0", "LifecycleState": "Inactive", "ImageId": "m-old"})])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_image_family_config_passes if {
	groups := [group([object.remove(config({"ImageFamily": "acs:aliyun_3_x64"}), ["ImageId"])])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_bad_config_is_denied if {
	groups := [group([config({})]), object.union(group([config({"ImageId": "m-gone"})]), {"ScalingGroupId": "asg-2"})]
	deny_pointers(groups) == {"/scaling_groups/1/scaling_configurations/0/ImageId"}
}

test_image_missing_from_snapshot_is_unknown if {
	groups := [group([config({"ImageId": "m-missing"})])]
	unknown_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0/ImageId"}
	count(deny_pointers(groups)) == 0
}

test_bad_image_with_undecidable_activity_is_unknown if {
	groups := [group([object.remove(config({"ImageId": "m-gone"}), ["LifecycleState"])])]
	unknown_pointers(groups) == {"/scaling_groups/0/scaling_configurations/0"}
	count(deny_pointers(groups)) == 0
}
