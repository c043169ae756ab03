# METADATA
# title: Metadata token responses travel more than one network hop
# description: >-
#   The instance's metadata service answers token requests with a hop limit
#   (MetadataOptions.HttpPutResponseHopLimit) above max_hops (default 1). A
#   larger limit lets the token, and with it the RAM role credentials, reach
#   containers and anything the instance forwards traffic for, which weakens
#   the protection the hardened (token) mode gives against request forgery.
#   Raise max_hops only for hosts whose containers must reach metadata.
# custom:
#   id: ECS-015
#   severity: low
#   resource_type: instance
#   remediation:
#     text: >-
#       Set the metadata hop limit back to 1, unless containers on the host
#       truly need instance metadata (then prefer giving them their own
#       credentials).
#     cli: aliyun ecs ModifyInstanceMetadataOptions --RegionId {RegionId} --InstanceId {InstanceId} --HttpPutResponseHopLimit 1
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstancemetadataoptions
package ecsguard.ecs.imds_hop_limit

max_hops := data.ecsguard.params.imds_hop_limit.max_hops

# Plain field tests in the loops, the limit bound to a local, and each
# finding built by one function that also spells the label out (a second
# call for the label costs more than the rest of the finding; Performance
# in policies/README.md).
deny contains too_many_hops(i, inst) if {
	lim := max_hops
	some i, inst in input.instances
	inst.MetadataOptions.HttpPutResponseHopLimit > lim
	not inst.MetadataOptions.HttpEndpoint == "disabled"
}

unknown contains no_hop_limit(i, inst) if {
	some i, inst in input.instances
	not inst.MetadataOptions.HttpPutResponseHopLimit
	not inst.MetadataOptions.HttpEndpoint == "disabled"
}

# "i-123 (name)" when the name is set and is not the id itself, else "i-123".
too_many_hops(i, inst) := {
	"pointer": sprintf("/instances/%d/MetadataOptions/HttpPutResponseHopLimit", [i]),
	"msg": sprintf("instance %s (%s) has metadata HttpPutResponseHopLimit %d (limit %d)", [inst.InstanceId, inst.InstanceName, inst.MetadataOptions.HttpPutResponseHopLimit, max_hops]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d/MetadataOptions/HttpPutResponseHopLimit", [i]),
	"msg": sprintf("instance %s has metadata HttpPutResponseHopLimit %d (limit %d)", [inst.InstanceId, inst.MetadataOptions.HttpPutResponseHopLimit, max_hops]),
}

no_hop_limit(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s (%s) has no MetadataOptions.HttpPutResponseHopLimit in the snapshot, its metadata hop limit cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no MetadataOptions.HttpPutResponseHopLimit in the snapshot, its metadata hop limit cannot be judged", [inst.InstanceId]),
}
