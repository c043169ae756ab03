package ecsguard.ecs.image_family_outdated_test

images := [
	{"ImageId": "m-v1", "RegionId": "cn-hangzhou", "ImageFamily": "web", "Status": "Available", "CreationTime": "2024-01-01T00:00:00Z"},
	{"ImageId": "m-v3", "RegionId": "cn-hangzhou", "ImageFamily": "web", "Status": "Available", "CreationTime": "2024-03-01T00:00:00Z"},
	{"ImageId": "m-v2", "RegionId": "cn-hangzhou", "ImageFamily": "web", "Status": "Available", "CreationTime": "2024-02-01T00:00:00Z"},
	# Newer but deprecated: not a candidate.
	{"ImageId": "m-v4", "RegionId": "cn-hangzhou", "ImageFamily": "web", "Status": "Deprecated", "CreationTime": "2024-04-01T00:00:00Z"},
	{"ImageId": "m-db", "RegionId": "cn-hangzhou", "ImageFamily": "db", "Status": "Available", "CreationTime": "2023-01-01T00:00:00Z"},
	{"ImageId": "m-solo", "RegionId": "cn-hangzhou", "ImageFamily": "", "Status": "Available", "CreationTime": "2020-01-01T00:00:00Z"},
	{"ImageId": "m-nofamily", "RegionId": "cn-hangzhou", "Status": "Available", "CreationTime": "2020-01-01T00:00:00Z"},
	# Same family name in another region, where m-v1 is the newest.
	{"ImageId": "m-v1", "RegionId": "cn-beijing", "ImageFamily": "web", "Status": "Available", "CreationTime": "2024-01-01T00:00:00Z"},
]

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "web-1", "RegionId": "cn-hangzhou", "ImageId": "m-v3"}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.image_family_outdated.deny with input as {"instances": instances, "images": images}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.image_family_outdated.unknown with input as {"instances": instances, "images": images}
}

test_superseded_image_is_denied if {
	instances := [instance({"ImageId": "m-v1"})]
	deny_pointers(instances) == {"/instances/0/ImageId"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_newest if {
	findings := data.ecsguard.ecs.image_family_outdated.deny with input as {"instances": [instance({"ImageId": "m-v2"})], "images": images}
	{f.msg | some f in findings} == {"instance i-1 (web-1) runs image m-v2, but the newest Available image of family web is m-v3"}
}

test_newest_image_passes if {
	instances := [instance({}), instance({"InstanceId": "i-2", "ImageId": "m-db"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_deprecated_newest_image_is_judged_against_the_available_ones if {
	deny_pointers([instance({"ImageId": "m-v4"})]) == {"/instances/0/ImageId"}
}

test_image_outside_a_family_passes if {
	instances := [instance({"ImageId": "m-solo"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_family_is_regional if {
	instances := [instance({"RegionId": "cn-beijing", "ImageId": "m-v1"})]
	count(deny_pointers(instances)) == 0
}

test_only_the_outdated_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "ImageId": "m-v1"}), instance({"InstanceId": "i-3", "ImageId": "m-db"})]
	deny_pointers(instances) == {"/instances/1/ImageId"}
}

test_image_missing_from_snapshot_is_unknown if {
	instances := [instance({"ImageId": "m-gone"})]
	unknown_pointers(instances) == {"/instances/0/ImageId"}
	count(deny_pointers(instances)) == 0
}

test_image_without_family_field_is_unknown if {
	instances := [instance({"ImageId": "m-nofamily"})]
	unknown_pointers(instances) == {"/instances/0/ImageId"}
	count(deny_pointers(instances)) == 0
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
}

test_message_names_an_unnamed_instance_by_its_id if {
	findings := data.ecsguard.ecs.image_family_outdated.deny with input as {"instances": [instance({"ImageId": "m-v2", "InstanceName": ""})], "images": images}
	{f.msg | some f in findings} == {"instance i-1 runs image m-v2, but the newest Available image of family web is m-v3"}
}

test_instance_in_a_region_without_images_is_unknown if {
	# No image was listed in cn-shanghai: the instance there is unknown, not
	# passed (the region's lookup must not be undefined).
	findings := data.ecsguard.ecs.image_family_outdated.unknown with input as {"regions": ["cn-hangzhou", "cn-shanghai"], "instances": [instance({"RegionId": "cn-shanghai"})], "images": images}
	{f.pointer | some f in findings} == {"/instances/0/ImageId"}
}
