package ecsguard.ecs.image_source_test

images := [
	{"ImageId": "m-self", "RegionId": "cn-hangzhou", "ImageOwnerAlias": "self"},
	{"ImageId": "m-shared", "RegionId": "cn-hangzhou", "ImageOwnerAlias": "others"},
	{"ImageId": "aliyun_3", "RegionId": "cn-hangzhou", "ImageOwnerAlias": "system"},
	{"ImageId": "m-noowner", "RegionId": "cn-hangzhou"},
]

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "app-1", "RegionId": "cn-hangzhou", "ImageId": "m-self"}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.image_source.deny with input as {"instances": instances, "images": images}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.image_source.unknown with input as {"instances": instances, "images": images}
}

test_shared_image_is_denied if {
	instances := [instance({"ImageId": "m-shared"})]
	deny_pointers(instances) == {"/instances/0/ImageId"}
	count(unknown_pointers(instances)) == 0
}

test_message_gives_source_and_allowed if {
	findings := data.ecsguard.ecs.image_source.deny with input as {"instances": [instance({"ImageId": "m-shared"})], "images": images}
	{f.msg | some f in findings} == {"instance i-1 (app-1) runs image m-shared from source others (allowed: marketplace, self, system)"}
}

test_allowed_sources_pass if {
	instances := [instance({}), instance({"InstanceId": "i-2", "ImageId": "aliyun_3"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_allowed_sources_are_a_parameter if {
	findings := data.ecsguard.ecs.image_source.deny with input as {"instances": [instance({"ImageId": "m-shared"}), instance({"InstanceId": "i-2", "ImageId": "aliyun_3"})], "images": images}
		with data.ecsguard.params.image_source.allowed_sources as ["others", "self"]
	{f.pointer | some f in findings} == {"/instances/1/ImageId"}
}

test_only_the_shared_image_instance_is_denied if {
	deny_pointers([instance({}), instance({"InstanceId": "i-2", "ImageId": "m-shared"})]) == {"/instances/1/ImageId"}
}

test_image_missing_or_without_owner_is_unknown if {
	instances := [instance({"ImageId": "m-missing"}), instance({"InstanceId": "i-2", "ImageId": "m-noowner"})]
	unknown_pointers(instances) == {"/instances/0/ImageId", "/instances/1/ImageId"}
	count(deny_pointers(instances)) == 0
}

test_instance_without_image_id_is_unknown if {
	instances := [object.remove(instance({}), ["ImageId"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

# No image at all in the instance's region: its own rule body.
test_image_in_a_region_without_images_is_unknown if {
	instances := [instance({"RegionId": "cn-shanghai"})]
	unknown_pointers(instances) == {"/instances/0/ImageId"}
	count(deny_pointers(instances)) == 0
}

test_instance_without_image_id_is_unknown if {
	instances := [object.remove(instance({}), ["ImageId"]), instance({"ImageId": ""})]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
}

test_instance_in_a_region_without_images_is_unknown if {
	# No image was listed in cn-shanghai: the instance there is unknown, not
	# passed (the region's lookup must not be undefined).
	findings := data.ecsguard.ecs.image_source.unknown with input as {"regions": ["cn-hangzhou", "cn-shanghai"], "instances": [instance({"RegionId": "cn-shanghai"})], "images": images}
	{f.pointer | some f in findings} == {"/instances/0/ImageId"}
}
