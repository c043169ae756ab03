package ecsguard.ecs.public_image_test

image(fields) := object.union({"ImageId": "m-1", "ImageName": "web-base", "RegionId": "cn-hangzhou", "ImageOwnerAlias": "self", "IsPublic": false}, fields)

deny_pointers(images) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.public_image.deny with input as {"images": images}
}

unknown_pointers(images) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.public_image.unknown with input as {"images": images}
}

test_public_custom_image_is_denied if {
	images := [image({"IsPublic": true})]
	deny_pointers(images) == {"/images/0/IsPublic"}
	count(unknown_pointers(images)) == 0
}

test_message_names_image if {
	findings := data.ecsguard.ecs.public_image.deny with input as {"images": [image({"IsPublic": true})]}
	{f.msg | some f in findings} == {"custom image m-1 (web-base) in cn-hangzhou is public: any Alibaba Cloud account can launch it"}
}

test_private_custom_and_public_system_images_pass if {
	images := [image({}), image({"ImageId": "m-2", "ImageOwnerAlias": "system", "IsPublic": true}), image({"ImageId": "m-3", "ImageOwnerAlias": "others", "IsPublic": true})]
	count(deny_pointers(images)) == 0
	count(unknown_pointers(images)) == 0
}

test_only_the_public_custom_image_is_denied if {
	images := [image({}), image({"ImageId": "m-2", "ImageName": "", "IsPublic": true})]
	deny_pointers(images) == {"/images/1/IsPublic"}
}

test_missing_fields_are_unknown_when_they_matter if {
	images := [object.remove(image({}), ["IsPublic"]), object.remove(image({"ImageId": "m-2", "IsPublic": true}), ["ImageOwnerAlias"]), object.remove(image({"ImageId": "m-3"}), ["ImageOwnerAlias"])]
	unknown_pointers(images) == {"/images/0", "/images/1"}
	count(deny_pointers(images)) == 0
}
