package ecsguard.ecs.unavailable_image_test

images := [
	{"ImageId": "m-ok", "RegionId": "cn-hangzhou", "Status": "Available"},
	{"ImageId": "m-old", "RegionId": "cn-hangzhou", "Status": "Deprecated"},
	{"ImageId": "m-gone", "RegionId": "cn-hangzhou", "Status": "UnAvailable"},
	{"ImageId": "m-nostatus", "RegionId": "cn-hangzhou"},
	# The same id in another region, deprecated there only.
	{"ImageId": "m-ok", "RegionId": "cn-beijing", "Status": "Deprecated"},
]

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "app-1", "RegionId": "cn-hangzhou", "ImageId": "m-ok"}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.unavailable_image.deny with input as {"instances": instances, "images": images}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.unavailable_image.unknown with input as {"instances": instances, "images": images}
}

test_deprecated_image_is_denied if {
	instances := [instance({"ImageId": "m-old"})]
	deny_pointers(instances) == {"/instances/0/ImageId"}
	count(unknown_pointers(instances)) == 0
}

test_unavailable_image_is_denied if {
	deny_pointers([instance({"ImageId": "m-gone"})]) == {"/instances/0/ImageId"}
}

test_message_gives_status if {
	findings := data.ecsguard.ecs.unavailable_image.deny with input as {"instances": [instance({"ImageId": "m-old"})], "images": images}
	{f.msg | some f in findings} == {"instance i-1 (app-1) runs image m-old, which has Status Deprecated"}
}

test_available_image_passes if {
	instances := [instance({})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_image_is_matched_in_the_instance_region if {
	deny_pointers([instance({"RegionId": "cn-beijing"})]) == {"/instances/0/ImageId"}
}

test_only_the_deprecated_image_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "ImageId": "m-old"})]
	deny_pointers(instances) == {"/instances/1/ImageId"}
}

test_image_missing_from_snapshot_is_unknown if {
	instances := [instance({"ImageId": "m-missing"})]
	unknown_pointers(instances) == {"/instances/0/ImageId"}
	count(deny_pointers(instances)) == 0
}

test_image_without_status_is_unknown if {
	findings := data.ecsguard.ecs.unavailable_image.unknown with input as {"instances": [instance({"ImageId": "m-nostatus"})], "images": images}
	{f.msg | some f in findings} == {"image m-nostatus of instance i-1 (app-1) has no Status in the snapshot, its status cannot be judged"}
}

test_instance_without_image_id_is_unknown if {
	instances := [object.remove(instance({}), ["ImageId"]), instance({"InstanceId": "i-2", "ImageId": ""})]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
	count(deny_pointers(instances)) == 0
}

# No image at all in the instance's region: its own rule body.
test_image_in_a_region_without_images_is_unknown if {
	instances := [instance({"RegionId": "cn-shanghai"})]
	unknown_pointers(instances) == {"/instances/0/ImageId"}
	count(deny_pointers(instances)) == 0
	findings := data.ecsguard.ecs.unavailable_image.unknown with input as {"instances": instances, "images": images}
	some f in findings
	f.msg == "image m-ok of instance i-1 (app-1) is not in the snapshot, its status cannot be judged"
}

test_instance_in_a_region_without_images_is_unknown if {
	# No image was listed in cn-shanghai: the instance there is unknown, not
	# passed (the region's lookup must not be undefined).
	findings := data.ecsguard.ecs.unavailable_image.unknown with input as {"regions": ["cn-hangzhou", "cn-shanghai"], "instances": [instance({"RegionId": "cn-shanghai"})], "images": images}
	{f.pointer | some f in findings} == {"/instances/0/ImageId"}
}
