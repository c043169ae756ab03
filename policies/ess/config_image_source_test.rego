package ecsguard.ess.config_image_source_test

images := [
	{"ImageId": "m-self", "RegionId": "cn-hangzhou", "ImageOwnerAlias": "self"},
	{"ImageId": "m-shared", "RegionId": "cn-hangzhou", "ImageOwnerAlias": "others"},
	{"ImageId": "m-nosource", "RegionId": "cn-hangzhou"},
]

config(image) := {"ScalingConfigurationId": "asc-1", "ScalingConfigurationName": "web-v1", "RegionId": "cn-hangzhou", "ImageId": image}

groups(configs) := [{"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scaling_configurations": configs}]

deny_pointers(configs) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_image_source.deny with input as {"scaling_groups": groups(configs), "images": images}
}

unknown_pointers(configs) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.config_image_source.unknown with input as {"scaling_groups": groups(configs), "images": images}
}

test_shared_image_is_denied if {
	deny_pointers([config("m-shared")]) == {"/scaling_groups/0/scaling_configurations/0/ImageId"}
	count(unknown_pointers([config("m-shared")])) == 0
}

test_message if {
	findings := data.ecsguard.ess.config_image_source.deny with input as {"scaling_groups": groups([config("m-shared")]), "images": images}
	{f.msg | some f in findings} == {"scaling configuration asc-1 (web-v1) of scaling group asg-1 (web) uses image m-shared from source others (allowed: marketplace, self, system)"}
}

test_own_image_passes if {
	count(deny_pointers([config("m-self")])) == 0
	count(unknown_pointers([config("m-self")])) == 0
}

test_sources_are_a_parameter if {
	findings := data.ecsguard.ess.config_image_source.deny with input as {"scaling_groups": groups([config("m-self")]), "images": images}
		with data.ecsguard.params.config_image_source.allowed_sources as ["system"]
	count(findings) == 1
}

test_only_the_shared_image_is_denied if {
	deny_pointers([config("m-self"), config("m-shared")]) == {"/scaling_groups/0/scaling_configurations/1/ImageId"}
}

test_unknown_sources_are_unknown if {
	configs := [config("m-nosource"), config("m-gone"), {"ScalingConfigurationId": "asc-3", "RegionId": "cn-hangzhou"}]
	unknown_pointers(configs) == {"/scaling_groups/0/scaling_configurations/0/ImageId", "/scaling_groups/0/scaling_configurations/1/ImageId", "/scaling_groups/0/scaling_configurations/2"}
	count(deny_pointers(configs)) == 0
}
