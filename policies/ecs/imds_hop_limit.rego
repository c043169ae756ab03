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

deny contains f if {
	some i, inst in input.instances
	hops := inst.MetadataOptions.HttpPutResponseHopLimit
	hops > max_hops
	not inst.MetadataOptions.HttpEndpoint == "disabled"
	f := {
		"pointer": sprintf("/instances/%d/MetadataOptions/HttpPutResponseHopLimit", [i]),
		"msg": sprintf("instance %s has metadata HttpPutResponseHopLimit %d (limit %d)", [label(inst), hops, max_hops]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	not inst.MetadataOptions.HttpPutResponseHopLimit
	not inst.MetadataOptions.HttpEndpoint == "disabled"
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no MetadataOptions.HttpPutResponseHopLimit in the snapshot, its metadata hop limit cannot be judged", [label(inst)]),
	}
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
