# METADATA
# title: Instance runs an image that is not in the allowlist
# description: >-
#   The image the instance was created from (ImageId) is not one of
#   allowed_image_ids, the images your organisation has built, hardened or
#   approved. An instance from any other image skipped that review: its
#   base packages, agents and settings are whatever its author chose. There
#   is no default list: until allowed_image_ids is set with --data the rule
#   judges nothing and is reported as not configured. ECS-018 judges the
#   image's source (system, self, others, marketplace) instead.
# custom:
#   id: ECS-046
#   severity: medium
#   resource_type: instance
#   needs_params: [image_allowlist.allowed_image_ids]
#   remediation:
#     text: >-
#       Rebuild the instance's system disk from an approved image
#       (ReplaceSystemDisk, which erases the system disk: move the workload
#       or its data first), and point launch templates and scaling
#       configurations at approved images; or add the image to
#       allowed_image_ids once it has been reviewed.
#     cli: aliyun ecs ReplaceSystemDisk --InstanceId {InstanceId} --ImageId <approved-image-id>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-replacesystemdisk
#     - https://www.alibabacloud.com/help/en/ecs/user-guide/image-overview
#   cloud_config: ecs-instance-imageId-check
package ecsguard.ecs.image_allowlist

allowed_image_ids := data.ecsguard.params.image_allowlist.allowed_image_ids

# Built once; judging an instance is one lookup in a local set, and the
# finding is built in the head (Performance in policies/README.md). An empty
# list judges nothing: ecsguard does not even run the rule then
# (custom.needs_params), and OPA, which runs it anyway, denies nothing.
allowed := {id | is_array(allowed_image_ids); some id in allowed_image_ids}

deny contains outside(i, inst) if {
	ok := allowed
	count(ok) > 0
	some i, inst in input.instances
	inst.ImageId != ""
	not inst.ImageId in ok
}

unknown contains no_image(i, inst) if {
	count(allowed) > 0
	some i, inst in input.instances
	not inst.ImageId
}

unknown contains no_image(i, inst) if {
	count(allowed) > 0
	some i, inst in input.instances
	inst.ImageId == ""
}

# A parameter that is not a list would allow nothing and judge nothing:
# every instance is unknown instead, with the reason.
unknown contains f if {
	not is_array(allowed_image_ids)
	some i, inst in input.instances
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("params.image_allowlist.allowed_image_ids is %v, not a list of image ids: instance %s cannot be judged", [allowed_image_ids, inst.InstanceId]),
	}
}

outside(i, inst) := {
	"pointer": sprintf("/instances/%d/ImageId", [i]),
	"msg": sprintf("instance %s runs image %s, which is not in params.image_allowlist.allowed_image_ids", [label(inst), inst.ImageId]),
}

no_image(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no ImageId in the snapshot, whether its image is allowed cannot be judged", [label(inst)]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
