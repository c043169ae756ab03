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

# Built once per image and kept per region, then per image id (public
# image ids repeat in every region): judging an instance is two local
# lookups, with no key building and no function call; findings are built in
# the head (Performance in policies/README.md).
image_regions := {img.RegionId | some img in input.images}

# Image id -> its bad status.
bad_images := {region: bad |
	some region in image_regions
	bad := {img.ImageId: img.Status |
		some img in input.images
		img.RegionId == region
		img.Status in bad_statuses
	}
}

known_images := {region: ids |
	some region in image_regions
	ids := {img.ImageId | some img in input.images; img.RegionId == region}
}

images_with_status := {region: ids |
	some region in image_regions
	ids := {img.ImageId | some img in input.images; img.RegionId == region; img.Status}
}

deny contains unavailable(i, inst, status) if {
	bad := bad_images
	some i, inst in input.instances
	in_region := bad[inst.RegionId]
	status := in_region[inst.ImageId]
}

unknown contains no_status(i, inst) if {
	with_status := images_with_status
	some i, inst in input.instances
	inst.ImageId != ""
	ids := with_status[inst.RegionId]
	not inst.ImageId in ids
}

# No image at all in the instance's region.
unknown contains no_status(i, inst) if {
	with_status := images_with_status
	some i, inst in input.instances
	inst.ImageId != ""
	region := inst.RegionId
	not with_status[region]
}

unknown contains no_image_id(i, inst) if {
	some i, inst in input.instances
	not inst.ImageId
}

unknown contains no_image_id(i, inst) if {
	some i, inst in input.instances
	inst.ImageId == ""
}

unavailable(i, inst, status) := {
	"pointer": sprintf("/instances/%d/ImageId", [i]),
	"msg": sprintf("instance %s runs image %s, which has Status %s", [label(inst), inst.ImageId, status]),
}

no_status(i, inst) := {
	"pointer": sprintf("/instances/%d/ImageId", [i]),
	"msg": sprintf("image %s of instance %s %s, its status cannot be judged", [inst.ImageId, label(inst), why_unknown(inst)]),
}

no_image_id(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no ImageId in the snapshot, its image status cannot be judged", [label(inst)]),
}

why_unknown(inst) := "has no Status in the snapshot" if {
	inst.ImageId in known_images[inst.RegionId]
} else := "is not in the snapshot"

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
