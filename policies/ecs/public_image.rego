# METADATA
# title: Custom image is published to everyone
# description: >-
#   One of your own images (ImageOwnerAlias self) is public (IsPublic true):
#   published as a community image, which every Alibaba Cloud account can
#   list and launch. Images carry whatever was on the disk when they were
#   made: configuration, keys, credentials, internal hostnames, proprietary
#   software.
# custom:
#   id: ECS-038
#   severity: high
#   resource_type: image
#   remediation:
#     text: >-
#       Unpublish the image (ModifyImageSharePermission with IsPublic false),
#       share it only with the accounts that need it, and rotate any secret
#       it contained.
#     cli: aliyun ecs ModifyImageSharePermission --RegionId {RegionId} --ImageId {ImageId} --IsPublic false
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyimagesharepermission
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeimages
package ecsguard.ecs.public_image

deny contains f if {
	some i, img in input.images
	img.IsPublic == true
	img.ImageOwnerAlias == "self"
	f := {
		"pointer": sprintf("/images/%d/IsPublic", [i]),
		"msg": sprintf("custom image %s in %s is public: any Alibaba Cloud account can launch it", [label(img), img.RegionId]),
	}
}

unknown contains f if {
	some i, img in input.images
	img.ImageOwnerAlias == "self"
	# Neither true nor false: absent (the loader guarantees a boolean).
	not img.IsPublic == true
	not img.IsPublic == false
	f := {
		"pointer": sprintf("/images/%d", [i]),
		"msg": sprintf("custom image %s has no IsPublic in the snapshot, whether it is published cannot be judged", [label(img)]),
	}
}

unknown contains f if {
	some i, img in input.images
	img.IsPublic == true
	not img.ImageOwnerAlias
	f := {
		"pointer": sprintf("/images/%d", [i]),
		"msg": sprintf("public image %s has no ImageOwnerAlias in the snapshot, whether it is your own cannot be judged", [label(img)]),
	}
}

# "m-123 (name)", or just the id when the image has no name.
label(img) := concat("", [img.ImageId, " (", img.ImageName, ")"]) if {
	img.ImageName != ""
} else := img.ImageId
