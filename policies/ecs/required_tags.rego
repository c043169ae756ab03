# METADATA
# title: Instance lacks required tags
# description: >-
#   The instance has none of, or only some of, the tag keys every instance
#   must carry (required_keys, default env and team). Untagged instances
#   have no owner to page when they break, cannot be charged back, and slip
#   past every tag-scoped policy, automation and cost report.
# custom:
#   id: ECS-027
#   severity: low
#   resource_type: instance
#   remediation:
#     text: >-
#       Tag the instance with the missing keys, and set the tags where the
#       instance is created (launch template, scaling configuration,
#       Terraform) so new instances carry them.
#     cli: aliyun ecs TagResources --RegionId {RegionId} --ResourceType instance --ResourceId.1 {InstanceId} --Tag.1.Key <key> --Tag.1.Value <value>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-tagresources
package ecsguard.ecs.required_tags

required_keys := data.ecsguard.params.required_tags.required_keys

deny contains f if {
	some i, inst in input.instances
	tags_reported(inst)
	have := {tag.Key | some tag in inst.Tags}
	missing := [k | some k in required_keys; not k in have]
	count(missing) > 0
	f := {
		"pointer": sprintf("/instances/%d/Tags", [i]),
		"msg": sprintf("instance %s has no %s tag", [label(inst), concat(" or ", missing)]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	not tags_reported(inst)
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no Tags in the snapshot, whether it carries the required tags cannot be judged", [label(inst)]),
	}
}

tags_reported(inst) if is_array(inst.Tags)

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
