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
image_regions := {img.RegionId | some img in input.images}

known_images := {region: ids |
	some region in image_regions
	ids := {img.ImageId | some img in input.images; img.RegionId == region}
}

dated_images := {region: ids |
	some region in image_regions
	ids := {img.ImageId | some img in input.images; img.RegionId == region; img.CreationTime}
}

old_images := {region: old |
	some region in image_regions
	old := {img.ImageId: info |
		some img in input.images
		img.RegionId == region
		age := now_ns - time.parse_rfc3339_ns(img.CreationTime)
		age > max_age_days * day_ns
		info := {"image": image_label(img), "created": img.CreationTime, "days": floor(age / day_ns)}
	}
}

deny contains too_old(i, inst, info) if {
	old := old_images
	some i, inst in input.instances
	# Two steps: regorus runs `old[r][id]` as a scan, each lookup alone is cheap.
	old_in_region := old[inst.RegionId]
	info := old_in_region[inst.ImageId]
}

unknown contains no_image_id(i, inst) if {
	some i, inst in input.instances
	not inst.ImageId
}

unknown contains no_image_id(i, inst) if {
	some i, inst in input.instances
	inst.ImageId == ""
}

unknown contains f if {
	dated := dated_images
	some i, inst in input.instances
	inst.ImageId != ""
	not inst.ImageId in dated[inst.RegionId]
	f := {
		"pointer": sprintf("/instances/%d/ImageId", [i]),
		"msg": sprintf("image %s of instance %s %s, its age cannot be judged", [inst.ImageId, label(inst), why_undated(inst)]),
	}
}

# Built by one function that also spells the label out: "i-123 (name)"
# when the name is set and is not the id itself, else "i-123" (a second
# call for the label costs more than the rest of the finding).
too_old(i, inst, info) := {
	"pointer": sprintf("/instances/%d/ImageId", [i]),
	"msg": sprintf("instance %s (%s) runs image %s created %s, %d days ago (limit %d days)", [inst.InstanceId, inst.InstanceName, info.image, info.created, info.days, max_age_days]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d/ImageId", [i]),
	"msg": sprintf("instance %s runs image %s created %s, %d days ago (limit %d days)", [inst.InstanceId, info.image, info.created, info.days, max_age_days]),
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
