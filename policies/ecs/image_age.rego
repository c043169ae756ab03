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

day_ns := 86400000000000

max_age_days := data.ecsguard.params.image_age.max_age_days

# Everything below is computed once per image, so judging an instance costs
# one key and a lookup. Images are regional (public image ids repeat in every
# region), so the key is "RegionId/ImageId".
known_images := {concat("/", [img.RegionId, img.ImageId]) | some img in input.images}

dated_images := {concat("/", [img.RegionId, img.ImageId]) |
	some img in input.images
	img.CreationTime
}

old_images := {key: info |
	some img in input.images
	age := data.ecsguard.now_ns - time.parse_rfc3339_ns(img.CreationTime)
	age > max_age_days * day_ns
	key := concat("/", [img.RegionId, img.ImageId])
	info := {"image": image_label(img), "created": img.CreationTime, "days": floor(age / day_ns)}
}

deny contains f if {
	some i, inst in input.instances
	old := old_images[concat("/", [inst.RegionId, inst.ImageId])]
	f := {
		"pointer": sprintf("/instances/%d/ImageId", [i]),
		"msg": sprintf("instance %s runs image %s created %s, %d days ago (limit %d days)", [label(inst), old.image, old.created, old.days, max_age_days]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	no_image_id(inst)
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no ImageId in the snapshot, its image age cannot be judged", [label(inst)]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	key := concat("/", [inst.RegionId, inst.ImageId])
	not key in dated_images
	inst.ImageId != ""
	f := {
		"pointer": sprintf("/instances/%d/ImageId", [i]),
		"msg": sprintf("image %s of instance %s %s, its age cannot be judged", [inst.ImageId, label(inst), why_undated(key)]),
	}
}

no_image_id(inst) := true if {
	not inst.ImageId
} else := true if {
	inst.ImageId == ""
}

why_undated(key) := "has no CreationTime in the snapshot" if {
	key in known_images
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
