package ecsguard.ecs.image_allowlist_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "web-1", "RegionId": "cn-hangzhou", "ImageId": "m-bp1golden01"}, fields)

allowlist := ["m-bp1golden01", "aliyun_3_x64_20G_alibase_20250117.vhd"]

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.image_allowlist.deny with input as {"instances": instances}
		with data.ecsguard.params.image_allowlist.allowed_image_ids as allowlist
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.image_allowlist.unknown with input as {"instances": instances}
		with data.ecsguard.params.image_allowlist.allowed_image_ids as allowlist
}

test_image_outside_the_allowlist_is_denied if {
	instances := [instance({"ImageId": "m-bp1handmade"})]
	deny_pointers(instances) == {"/instances/0/ImageId"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_instance_and_image if {
	findings := data.ecsguard.ecs.image_allowlist.deny with input as {"instances": [instance({"ImageId": "m-bp1handmade"})]}
		with data.ecsguard.params.image_allowlist.allowed_image_ids as allowlist
	{f.msg | some f in findings} == {"instance i-1 (web-1) runs image m-bp1handmade, which is not in params.image_allowlist.allowed_image_ids"}
}

test_allowed_images_pass if {
	instances := [instance({}), instance({"InstanceId": "i-2", "InstanceName": "i-2", "ImageId": "aliyun_3_x64_20G_alibase_20250117.vhd"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_unapproved_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "ImageId": "ubuntu_22_04_x64_20G_alibase_20260818.vhd"}), instance({"InstanceId": "i-3"})]
	deny_pointers(instances) == {"/instances/1/ImageId"}
}

test_absent_or_empty_image_is_unknown if {
	instances := [object.remove(instance({}), ["ImageId"]), instance({"ImageId": ""}), instance({})]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
	count(deny_pointers(instances)) == 0
}

test_empty_allowlist_judges_nothing if {
	instances := [instance({"ImageId": "m-bp1handmade"}), object.remove(instance({"InstanceId": "i-2"}), ["ImageId"])]
	count(data.ecsguard.ecs.image_allowlist.deny) == 0 with input as {"instances": instances}
		with data.ecsguard.params.image_allowlist.allowed_image_ids as []
	count(data.ecsguard.ecs.image_allowlist.unknown) == 0 with input as {"instances": instances}
		with data.ecsguard.params.image_allowlist.allowed_image_ids as []
}

test_default_allowlist_is_empty if {
	data.ecsguard.params.image_allowlist.allowed_image_ids == []
}

test_allowlist_that_is_not_a_list_makes_every_instance_unknown if {
	instances := [instance({}), instance({"InstanceId": "i-2"})]
	findings := data.ecsguard.ecs.image_allowlist.unknown with input as {"instances": instances}
		with data.ecsguard.params.image_allowlist.allowed_image_ids as "m-bp1golden01"
	{f.pointer | some f in findings} == {"/instances/0", "/instances/1"}
	count(data.ecsguard.ecs.image_allowlist.deny) == 0 with input as {"instances": instances}
		with data.ecsguard.params.image_allowlist.allowed_image_ids as "m-bp1golden01"
}
