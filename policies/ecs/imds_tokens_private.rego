# METADATA
# title: Private instance allows metadata access without a token
# description: >-
#   The instance has no public address, but its metadata service answers
#   requests without a session token (MetadataOptions.HttpTokens not
#   required). Any request forgery bug in an application on it (SSRF), or
#   any process in a container, can read the instance RAM role's temporary
#   credentials with a plain GET. Internet-facing instances are ECS-004's
#   finding; together the two rules check what Cloud Config's
#   ecs-instance-meta-data-mode-check checks.
# custom:
#   id: ECS-041
#   severity: low
#   resource_type: instance
#   remediation:
#     text: >-
#       Make metadata access token-only (security hardening mode) once the
#       software on the instance fetches a token first (current Cloud
#       Assistant, SDKs and aliyun CLI do).
#     cli: aliyun ecs ModifyInstanceMetadataOptions --RegionId {RegionId} --InstanceId {InstanceId} --HttpTokens required
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstancemetadataoptions
package ecsguard.ecs.imds_tokens_private

# "Private" is spelled out in each body, after the cheaper tests: both
# address lists are in the snapshot and hold no address. Instances with an
# address, or without the lists, are ECS-004's to judge. Each finding is
# built by one function that also spells the label out: "i-123 (name)"
# when the name is set and is not the id itself, else "i-123" (a helper
# call per instance, or a second one for the label, costs more than the
# rest of the finding; Performance in policies/README.md).
deny contains open_metadata(i, inst, tokens) if {
	some i, inst in input.instances
	tokens := inst.MetadataOptions.HttpTokens
	tokens != "required"
	not inst.MetadataOptions.HttpEndpoint == "disabled"
	object.get(inst.EipAddress, "IpAddress", "") == ""
	is_array(inst.PublicIpAddress)
	every ip in inst.PublicIpAddress {
		ip == ""
	}
}

unknown contains tokens_unreported(i, inst) if {
	some i, inst in input.instances
	not inst.MetadataOptions.HttpTokens
	not inst.MetadataOptions.HttpEndpoint == "disabled"
	object.get(inst.EipAddress, "IpAddress", "") == ""
	is_array(inst.PublicIpAddress)
	every ip in inst.PublicIpAddress {
		ip == ""
	}
}

open_metadata(i, inst, tokens) := {
	"pointer": sprintf("/instances/%d/MetadataOptions/HttpTokens", [i]),
	"msg": sprintf("instance %s (%s) has MetadataOptions.HttpTokens %s: metadata is readable without a token", [inst.InstanceId, inst.InstanceName, tokens]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d/MetadataOptions/HttpTokens", [i]),
	"msg": sprintf("instance %s has MetadataOptions.HttpTokens %s: metadata is readable without a token", [inst.InstanceId, tokens]),
}

tokens_unreported(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s (%s) has no MetadataOptions.HttpTokens in the snapshot, its metadata access mode cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no MetadataOptions.HttpTokens in the snapshot, its metadata access mode cannot be judged", [inst.InstanceId]),
}
