# METADATA
# title: Instance runs an image from a source that is not allowed
# description: >-
#   The image the instance was created from comes from a source
#   (ImageOwnerAlias) outside allowed_sources: by default system (Alibaba
#   Cloud public images), self (your own custom images) and marketplace.
#   An image shared by another account or from the community (others) is
#   built by someone outside your control and review; a backdoor or an
#   unpatched base in it lands on every instance created from it. Allow
#   others for accounts of your own organization by changing the parameter.
# custom:
#   id: ECS-018
#   severity: medium
#   resource_type: instance
#   requires: [images]
#   remediation:
#     text: >-
#       Rebuild the workload from an image of an allowed source (copy a
#       reviewed shared image into your account as a custom image first), and
#       point launch templates and scaling configurations at it.
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/user-guide/image-overview
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-copyimage
#   cloud_config: ecs-instance-image-type-check
package ecsguard.ecs.image_source

allowed := {s | some s in data.ecsguard.params.image_source.allowed_sources}

# Built once: "RegionId/ImageId" -> source, for images from other sources.
disallowed_images := {concat("/", [img.RegionId, img.ImageId]): img.ImageOwnerAlias |
	some img in input.images
	not img.ImageOwnerAlias in allowed
	img.ImageOwnerAlias
}

sourced_images := {concat("/", [img.RegionId, img.ImageId]) |
	some img in input.images
	img.ImageOwnerAlias
}

known_images := {concat("/", [img.RegionId, img.ImageId]) | some img in input.images}

deny contains f if {
	some i, inst in input.instances
	source := disallowed_images[concat("/", [inst.RegionId, inst.ImageId])]
	f := {
		"pointer": sprintf("/instances/%d/ImageId", [i]),
		"msg": sprintf("instance %s runs image %s from source %s (allowed: %s)", [label(inst), inst.ImageId, source, concat(", ", sort(allowed))]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	inst.ImageId != ""
	key := concat("/", [inst.RegionId, inst.ImageId])
	not key in sourced_images
	f := {
		"pointer": sprintf("/instances/%d/ImageId", [i]),
		"msg": sprintf("image %s of instance %s %s, its source cannot be judged", [inst.ImageId, label(inst), why_unknown(key)]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	no_image_id(inst)
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no ImageId in the snapshot, its image source cannot be judged", [label(inst)]),
	}
}

why_unknown(key) := "has no ImageOwnerAlias in the snapshot" if {
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
