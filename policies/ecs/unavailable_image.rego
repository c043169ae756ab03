# METADATA
# title: Instance runs on a deprecated or unavailable image
# description: >-
#   The image the instance was created from has Status Deprecated or
#   UnAvailable. An owner deprecates a custom image to retire it, usually
#   because it is faulty or superseded in its image family (new instances
#   from the family no longer get it), so this instance still runs what was
#   withdrawn. An UnAvailable image cannot be used at all: the instance
#   cannot be rebuilt, cloned or re-initialized from it, and anything that
#   recreates it from its recorded ImageId fails when it is needed.
# custom:
#   id: ECS-011
#   severity: medium
#   resource_type: instance
#   requires: [images]
#   remediation:
#     text: >-
#       Point whatever recreates the instance at a current, available image
#       and move the instance onto it (roll it, or replace its system disk,
#       which erases the disk). If it is your own custom image and was
#       deprecated by mistake, set it back to Available.
#     cli: aliyun ecs ModifyImageAttribute --RegionId {RegionId} --ImageId {ImageId} --Status Available
#   references:
#     - https://help.aliyun.com/en/ecs/user-guide/set-the-state-of-an-image-to-deprecated-or-restore-an-image
#     - https://alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyimageattribute
package ecsguard.ecs.unavailable_image

bad_statuses := {"Deprecated", "UnAvailable"}

# Built once per image: "RegionId/ImageId" -> its bad status.
bad_images := {concat("/", [img.RegionId, img.ImageId]): img.Status |
	some img in input.images
	img.Status in bad_statuses
}

known_images := {concat("/", [img.RegionId, img.ImageId]) | some img in input.images}

images_with_status := {concat("/", [img.RegionId, img.ImageId]) |
	some img in input.images
	img.Status
}

deny contains f if {
	some i, inst in input.instances
	status := bad_images[concat("/", [inst.RegionId, inst.ImageId])]
	f := {
		"pointer": sprintf("/instances/%d/ImageId", [i]),
		"msg": sprintf("instance %s runs image %s, which has Status %s", [label(inst), inst.ImageId, status]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	inst.ImageId != ""
	key := concat("/", [inst.RegionId, inst.ImageId])
	not key in images_with_status
	f := {
		"pointer": sprintf("/instances/%d/ImageId", [i]),
		"msg": sprintf("image %s of instance %s %s, its status cannot be judged", [inst.ImageId, label(inst), why_unknown(key)]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	no_image_id(inst)
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no ImageId in the snapshot, its image status cannot be judged", [label(inst)]),
	}
}

why_unknown(key) := "has no Status in the snapshot" if {
	key in known_images
} else := "is not in the snapshot"

no_image_id(inst) := true if {
	not inst.ImageId
} else := true if {
	inst.ImageId == ""
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
