# METADATA
# title: Instance is not on the latest image of its image family
# description: >-
#   The instance's image belongs to an image family (ImageFamily), and the
#   same family in the same region has a newer Available image. An image
#   family is how image builders publish new versions: whatever launches
#   from the family already gets the newest one, so this instance runs a
#   superseded build and misses what changed since (usually patches).
#   Newest is judged among the images in the snapshot; ECS-001 judges the
#   image's age and ECS-011 a deprecated image.
# custom:
#   id: ECS-026
#   severity: low
#   resource_type: instance
#   requires: [images]
#   remediation:
#     text: >-
#       Roll the instance onto the family's latest image: replace it through
#       its scaling group or launch template, or replace its system disk
#       (which erases the disk).
#     cli: aliyun ecs DescribeImageFromFamily --RegionId {RegionId} --ImageFamily <image-family>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/user-guide/overview-37
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeimagefromfamily
package ecsguard.ecs.image_family_outdated

# Each family's Available images sorted by creation time, so the last one
# of each family is its newest; neighbours are compared once instead of
# grouping per family. Keys are "RegionId/ImageFamily".
ranked := sort([[concat("/", [img.RegionId, img.ImageFamily]), img.CreationTime, img.ImageId] |
	some img in input.images
	img.Status == "Available"
	img.ImageFamily != ""
	img.CreationTime
])

newest := {x[0]: x[2] |
	some i, x in ranked
	not same_family(i, x[0])
}

same_family(i, family) if ranked[i + 1][0] == family

# "RegionId/ImageId" -> [newest image id, family] for every image of a
# family that is not the family's newest: judging an instance is one lookup.
superseded := {concat("/", [img.RegionId, img.ImageId]): [latest, img.ImageFamily] |
	some img in input.images
	img.ImageFamily != ""
	latest := newest[concat("/", [img.RegionId, img.ImageFamily])]
	latest != img.ImageId
}

known_images := {concat("/", [img.RegionId, img.ImageId]) | some img in input.images}

# Images whose family is known (an empty ImageFamily means none).
images_with_family := {concat("/", [img.RegionId, img.ImageId]) |
	some img in input.images
	is_string(img.ImageFamily)
}

deny contains f if {
	some i, inst in input.instances
	s := superseded[concat("/", [inst.RegionId, inst.ImageId])]
	f := {
		"pointer": sprintf("/instances/%d/ImageId", [i]),
		"msg": sprintf("instance %s runs image %s, but the newest Available image of family %s is %s", [label(inst), inst.ImageId, s[1], s[0]]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	key := concat("/", [inst.RegionId, inst.ImageId])
	not key in images_with_family
	inst.ImageId != ""
	f := {
		"pointer": sprintf("/instances/%d/ImageId", [i]),
		"msg": sprintf("image %s of instance %s %s, whether it is its family's newest cannot be judged", [inst.ImageId, label(inst), why_unknown(key)]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	no_image_id(inst)
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no ImageId in the snapshot, whether it runs its image family's newest image cannot be judged", [label(inst)]),
	}
}

no_image_id(inst) := true if {
	not inst.ImageId
} else := true if {
	inst.ImageId == ""
}

why_unknown(key) := "has no ImageFamily in the snapshot" if {
	key in known_images
} else := "is not in the snapshot"

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
