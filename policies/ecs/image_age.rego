# METADATA
# title: Instance runs on an old image
# description: >-
#   The instance was created from an image built more than max_age_days
#   (default 180) before the snapshot. Old images miss months of OS and
#   package security fixes, and every instance rebuilt or scaled out from
#   them starts unpatched.
# custom:
#   id: ECS-001
#   severity: medium
#   resource_type: instance
#   requires: [images]
#   remediation:
#     text: >-
#       Build or pick a current image (a patched custom image, or the latest
#       version of the public image family), point launch templates and
#       scaling configurations at it, and roll the instances onto it.
#       Replacing the system disk (ReplaceSystemDisk) erases its data.
#   references:
#     - https://www.alibabacloud.com/help/en/cloud-config/latest/ecs-instances-use-images-within-the-specified-validity-period
#     - https://www.alibabacloud.com/help/en/ecs/user-guide/image-overview
#   cloud_config: ecs-instance-image-expired-check
package ecsguard.ecs.image_age

# Bound once: `data.ecsguard.now_ns` read inside a loop or per finding
# costs a scan of the whole data tree each time (Performance in
# policies/README.md).
now_ns := data.ecsguard.now_ns

day_ns := 86400000000000

max_age_days := data.ecsguard.params.image_age.max_age_days

# Everything below is computed once per image and kept per region, then per
# image id (public image ids repeat in every region): judging an instance is
# two lookups, with no key building and no function call (see Performance in
# policies/README.md).
# Every collected region too, so that `dated_images[r]` is an empty set, not
# undefined, where no image was listed: OPA drops a body whose `not` reads an
# undefined lookup, and the instances there would pass unjudged.
image_regions := {img.RegionId | some img in input.images} | {r | some r in input.regions}

known_images := {region: ids |
	some region in image_regions
	ids := {img.ImageId | some img in input.images; img.RegionId == region}
}

dated_images := {region: ids |
	some region in image_regions
	ids := {img.ImageId | some img in input.images; img.RegionId == region; img.ImageId != ""; img.CreationTime}
}

old_images := {region: old |
	some region in image_regions
	old := {img.ImageId: info |
		some img in input.images
		img.RegionId == region
		age := now_ns - time.parse_rfc3339_ns(img.CreationTime)
		age > max_age_days * day_ns
		# The end of every message about this image, spelled out once here.
		info := sprintf(" runs image %s created %s, %d days ago (limit %d days)", [image_label(img), img.CreationTime, floor(age / day_ns), max_age_days])
	}
}

deny contains f if {
	old := old_images
	some i, inst in input.instances
	# Two steps: regorus runs `old[r][id]` as a scan, each lookup alone is cheap.
	old_in_region := old[inst.RegionId]
	tail := old_in_region[inst.ImageId]
	# The label, "i-123 (name)" or the bare id when the name is empty or the
	# id itself, picked without a helper call: a call costs as much as the
	# rest of the finding, and on an old fleet most instances fail here.
	shown := {false: concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]), true: inst.InstanceId}
	f := {
		"pointer": sprintf("/instances/%d/ImageId", [i]),
		"msg": concat("", ["instance ", shown[inst.InstanceName in {"", inst.InstanceId}], tail]),
	}
}

unknown contains no_image_id(i, inst) if {
	some i, inst in input.instances
	not inst.ImageId
}

# One pass for every instance whose image the snapshot does not date: an
# empty ImageId, or one the images collection does not date (an empty id is
# never dated). The reason is worked out only for those. An absent ImageId
# is the body above's: OPA drops this body then, regorus finds the same
# finding through `undated`.
unknown contains undated(i, inst) if {
	dated := dated_images
	some i, inst in input.instances
	not inst.ImageId in dated[inst.RegionId]
}

undated(i, inst) := no_image_id(i, inst) if {
	not inst.ImageId
} else := no_image_id(i, inst) if {
	inst.ImageId == ""
} else := {
	"pointer": sprintf("/instances/%d/ImageId", [i]),
	"msg": sprintf("image %s of instance %s %s, its age cannot be judged", [inst.ImageId, label(inst), why_undated(inst)]),
}

no_image_id(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no ImageId in the snapshot, its image age cannot be judged", [label(inst)]),
}

why_undated(inst) := "has no CreationTime in the snapshot" if {
	inst.ImageId in known_images[inst.RegionId]
} else := "is not in the snapshot"

# "m-123 (name)", or just the id when the image has no name.
image_label(img) := concat("", [img.ImageId, " (", img.ImageName, ")"]) if {
	img.ImageName != ""
} else := img.ImageId

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
