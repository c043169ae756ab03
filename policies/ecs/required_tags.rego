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

# Per instance: one set of its keys and a membership test per required key;
# the list of missing keys is built only for a failing instance, in the
# head. A validated snapshot has Tags as a list or not at all, so plain refs
# test what is_array would, without a call per instance (Performance in
# policies/README.md).
deny contains missing_tags(i, inst, req) if {
	req := required_keys
	some i, inst in input.instances
	inst.Tags
	have := {tag.Key | tag := inst.Tags[_]}
	some k in req
	not k in have
}

unknown contains f if {
	some i, inst in input.instances
	not inst.Tags
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no Tags in the snapshot, whether it carries the required tags cannot be judged", [label(inst)]),
	}
}

missing_tags(i, inst, req) := {
	"pointer": sprintf("/instances/%d/Tags", [i]),
	"msg": sprintf("instance %s has no %s tag", [label(inst), concat(" or ", missing)]),
} if {
	have := {tag.Key | some tag in inst.Tags}
	missing := [k | some k in req; not k in have]
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
