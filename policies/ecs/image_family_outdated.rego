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
	rs := ranked
	some i, x in rs
	not same_family(rs, i + 1, x[0])
}

# Two steps: regorus scans for `rs[i][0]` in one expression.
same_family(rs, i, family) if {
	next := rs[i]
	next[0] == family
}

# Everything an instance is judged by is computed once per image and kept
# per region, then per image id (public image ids repeat in every region):
# judging an instance is two local lookups, with no key building and no
# function call; findings are built in the head (Performance in
# policies/README.md).
image_regions := {img.RegionId | some img in input.images}

# Image id -> [newest image id, family] for every image of a family that is
# not the family's newest.
superseded := {region: sup |
	some region in image_regions
	sup := {img.ImageId: [latest, img.ImageFamily] |
		some img in input.images
		img.RegionId == region
		img.ImageFamily != ""
		latest := newest[concat("/", [region, img.ImageFamily])]
		latest != img.ImageId
	}
}

known_images := {region: ids |
	some region in image_regions
	ids := {img.ImageId | some img in input.images; img.RegionId == region}
}

# Images whose family is known (an empty ImageFamily means none).
images_with_family := {region: ids |
	some region in image_regions
	ids := {img.ImageId | some img in input.images; img.RegionId == region; is_string(img.ImageFamily)}
}

deny contains outdated(i, inst, s) if {
	sup := superseded
	some i, inst in input.instances
	in_region := sup[inst.RegionId]
	s := in_region[inst.ImageId]
}

unknown contains no_family(i, inst) if {
	with_family := images_with_family
	some i, inst in input.instances
	inst.ImageId != ""
	ids := with_family[inst.RegionId]
	not inst.ImageId in ids
}

# No image at all in the instance's region.
unknown contains no_family(i, inst) if {
	with_family := images_with_family
	some i, inst in input.instances
	inst.ImageId != ""
	region := inst.RegionId
	not with_family[region]
}

unknown contains no_image_id(i, inst) if {
	some i, inst in input.instances
	not inst.ImageId
}

unknown contains no_image_id(i, inst) if {
	some i, inst in input.instances
	inst.ImageId == ""
}

# Built by one function that also spells the label out: "i-123 (name)"
# when the name is set and is not the id itself, else "i-123" (a second
# call for the label costs more than the rest of the finding).
outdated(i, inst, s) := {
	"pointer": sprintf("/instances/%d/ImageId", [i]),
	"msg": sprintf("instance %s (%s) runs image %s, but the newest Available image of family %s is %s", [inst.InstanceId, inst.InstanceName, inst.ImageId, s[1], s[0]]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d/ImageId", [i]),
	"msg": sprintf("instance %s runs image %s, but the newest Available image of family %s is %s", [inst.InstanceId, inst.ImageId, s[1], s[0]]),
}

no_family(i, inst) := {
	"pointer": sprintf("/instances/%d/ImageId", [i]),
	"msg": sprintf("image %s of instance %s %s, whether it is its family's newest cannot be judged", [inst.ImageId, label(inst), why_unknown(inst)]),
}

no_image_id(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no ImageId in the snapshot, whether it runs its image family's newest image cannot be judged", [label(inst)]),
}

why_unknown(inst) := "has no ImageFamily in the snapshot" if {
	inst.ImageId in known_images[inst.RegionId]
} else := "is not in the snapshot"

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
