package ecsguard.ecs.image_age_test

# 2025-01-01T00:00:00Z
now := 1735689600000000000

images := [
	{"ImageId": "m-old", "RegionId": "cn-hangzhou", "ImageName": "web-2023", "CreationTime": "2024-01-01T00:00:00Z"},
	{"ImageId": "m-new", "RegionId": "cn-hangzhou", "ImageName": "web-2024", "CreationTime": "2024-12-01T00:00:00Z"},
	{"ImageId": "m-undated", "RegionId": "cn-hangzhou"},
	# The same public image id in another region, with a different date.
	{"ImageId": "m-new", "RegionId": "cn-beijing", "CreationTime": "2023-01-01T00:00:00Z"},
]

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "web-1", "RegionId": "cn-hangzhou", "ImageId": "m-new"}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.image_age.deny with input as {"instances": instances, "images": images}
		with data.ecsguard.now_ns as now
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.image_age.unknown with input as {"instances": instances, "images": images}
		with data.ecsguard.now_ns as now
}

test_old_image_is_denied if {
	deny_pointers([instance({"ImageId": "m-old"})]) == {"/instances/0/ImageId"}
	count(unknown_pointers([instance({"ImageId": "m-old"})])) == 0
}

test_message_gives_image_date_and_age if {
	findings := data.ecsguard.ecs.image_age.deny with input as {"instances": [instance({"ImageId": "m-old"})], "images": images}
		with data.ecsguard.now_ns as now
	some f in findings
	f.msg == "instance i-1 (web-1) runs image m-old (web-2023) created 2024-01-01T00:00:00Z, 366 days ago (limit 180 days)"
}

test_recent_image_passes if {
	instances := [instance({})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_image_is_matched_in_the_instance_region if {
	deny_pointers([instance({"RegionId": "cn-beijing"})]) == {"/instances/0/ImageId"}
}

test_only_the_old_image_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "ImageId": "m-old"}), instance({"InstanceId": "i-3"})]
	deny_pointers(instances) == {"/instances/1/ImageId"}
}

test_max_age_days_parameter_applies if {
	findings := data.ecsguard.ecs.image_age.deny with input as {"instances": [instance({})], "images": images}
		with data.ecsguard.now_ns as now
		with data.ecsguard.params.image_age.max_age_days as 30
	{f.pointer | some f in findings} == {"/instances/0/ImageId"}
}

test_age_is_measured_at_now_ns if {
	# On 2024-06-01 the 2024-01-01 image is 152 days old: within the limit.
	findings := data.ecsguard.ecs.image_age.deny with input as {"instances": [instance({"ImageId": "m-old"})], "images": images}
		with data.ecsguard.now_ns as 1717200000000000000
	count(findings) == 0
}

test_image_missing_from_snapshot_is_unknown if {
	instances := [instance({"ImageId": "m-gone"})]
	unknown_pointers(instances) == {"/instances/0/ImageId"}
	count(deny_pointers(instances)) == 0
}

test_image_without_creation_time_is_unknown if {
	instances := [instance({"ImageId": "m-undated"})]
	unknown_pointers(instances) == {"/instances/0/ImageId"}
	count(deny_pointers(instances)) == 0
}

test_instance_without_image_id_is_unknown if {
	instances := [object.remove(instance({}), ["ImageId"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_instance_with_empty_image_id_is_unknown if {
	instances := [instance({"ImageId": ""})]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_unknown_messages_give_the_reason if {
	findings := data.ecsguard.ecs.image_age.unknown with input as {"instances": [instance({"ImageId": "m-undated"}), instance({"InstanceId": "i-2", "InstanceName": "", "ImageId": "m-gone"})], "images": images}
		with data.ecsguard.now_ns as now
	{f.msg | some f in findings} == {
		"image m-undated of instance i-1 (web-1) has no CreationTime in the snapshot, its age cannot be judged",
		"image m-gone of instance i-2 is not in the snapshot, its age cannot be judged",
	}
}

test_message_names_an_unnamed_instance_by_its_id if {
	findings := data.ecsguard.ecs.image_age.deny with input as {"instances": [instance({"ImageId": "m-old", "InstanceName": "i-1"})], "images": images}
		with data.ecsguard.now_ns as now
	{f.msg | some f in findings} == {"instance i-1 runs image m-old (web-2023) created 2024-01-01T00:00:00Z, 366 days ago (limit 180 days)"}
}

test_instance_in_a_region_without_images_is_unknown if {
	# No image was listed in cn-shanghai: every instance there is unknown, in
	# OPA as in regorus (the lookup of the region must not be undefined).
	findings := data.ecsguard.ecs.image_age.unknown with input as {"regions": ["cn-hangzhou", "cn-shanghai"], "instances": [instance({"RegionId": "cn-shanghai"})], "images": images}
		with data.ecsguard.now_ns as now
	{f.pointer | some f in findings} == {"/instances/0/ImageId"}
}

test_an_image_listed_with_an_empty_id_does_not_date_an_empty_image_id if {
	listed := array.concat(images, [{"ImageId": "", "RegionId": "cn-hangzhou", "CreationTime": "2024-12-01T00:00:00Z"}])
	findings := data.ecsguard.ecs.image_age.unknown with input as {"instances": [instance({"ImageId": ""})], "images": listed}
		with data.ecsguard.now_ns as now
	{f.pointer | some f in findings} == {"/instances/0"}
}
