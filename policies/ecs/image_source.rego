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

# Built once per image and kept per region, then per image id (public
# image ids repeat in every region): judging an instance is two local
# lookups, with no key building and no function call; findings are built in
# the head (Performance in policies/README.md).
image_regions := {img.RegionId | some img in input.images}

# Image id -> source, for images from other sources.
disallowed_images := {region: bad |
	some region in image_regions
	bad := {img.ImageId: img.ImageOwnerAlias |
		some img in input.images
		img.RegionId == region
		not img.ImageOwnerAlias in allowed
		img.ImageOwnerAlias
	}
}

sourced_images := {region: ids |
	some region in image_regions
	ids := {img.ImageId | some img in input.images; img.RegionId == region; img.ImageOwnerAlias}
}

known_images := {region: ids |
	some region in image_regions
	ids := {img.ImageId | some img in input.images; img.RegionId == region}
}

deny contains disallowed(i, inst, source) if {
	bad := disallowed_images
	some i, inst in input.instances
	in_region := bad[inst.RegionId]
	source := in_region[inst.ImageId]
}

unknown contains no_source(i, inst) if {
	sourced := sourced_images
	some i, inst in input.instances
	inst.ImageId != ""
	ids := sourced[inst.RegionId]
	not inst.ImageId in ids
}

# No image at all in the instance's region.
unknown contains no_source(i, inst) if {
	sourced := sourced_images
	some i, inst in input.instances
	inst.ImageId != ""
	region := inst.RegionId
	not sourced[region]
}

unknown contains no_image_id(i, inst) if {
	some i, inst in input.instances
	not inst.ImageId
}

unknown contains no_image_id(i, inst) if {
	some i, inst in input.instances
	inst.ImageId == ""
}

disallowed(i, inst, source) := {
	"pointer": sprintf("/instances/%d/ImageId", [i]),
	"msg": sprintf("instance %s runs image %s from source %s (allowed: %s)", [label(inst), inst.ImageId, source, concat(", ", sort(allowed))]),
}

no_source(i, inst) := {
	"pointer": sprintf("/instances/%d/ImageId", [i]),
	"msg": sprintf("image %s of instance %s %s, its source cannot be judged", [inst.ImageId, label(inst), why_unknown(inst)]),
}

no_image_id(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no ImageId in the snapshot, its image source cannot be judged", [label(inst)]),
}

why_unknown(inst) := "has no ImageOwnerAlias in the snapshot" if {
	inst.ImageId in known_images[inst.RegionId]
} else := "is not in the snapshot"

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
