# METADATA
# title: Internet-facing instance allows metadata access without a token
# description: >-
#   The instance has a public IP or EIP and its metadata service does not
#   require the security-hardened mode (MetadataOptions.HttpTokens is not
#   required). A server-side request forgery bug in anything it serves can
#   then read instance metadata, including the RAM role's temporary
#   credentials. Instances with the metadata endpoint disabled pass.
# custom:
#   id: ECS-004
#   severity: high
#   resource_type: instance
#   remediation:
#     text: >-
#       Make sure software on the instance fetches metadata with a token
#       (security-hardened mode), then set HttpTokens to required on the
#       instance.
#     cli: aliyun ecs ModifyInstanceMetadataOptions --RegionId {RegionId} --InstanceId {InstanceId} --HttpEndpoint enabled --HttpTokens required
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstancemetadataoptions
#     - https://www.alibabacloud.com/help/en/ecs/user-guide/access-instance-metadata-using-hardened-only-mode
#     - https://www.alibabacloud.com/help/en/cloud-config/latest/ecs-instance-meta-data-mode-check
#   cloud_config: ecs-instance-meta-data-mode-check
package ecsguard.ecs.imds_tokens_public

# Hot path (every instance): plain field tests only; "internet-facing" is
# spelled out as one body per address kind instead of a helper call, and
# helpers run only once a finding is certain (Performance in
# policies/README.md).

deny contains open_metadata(i, inst, tokens) if {
	some i, inst in input.instances
	tokens := inst.MetadataOptions.HttpTokens
	tokens != "required"
	not inst.MetadataOptions.HttpEndpoint == "disabled"
	some ip in inst.PublicIpAddress
	ip != ""
}

deny contains open_metadata(i, inst, tokens) if {
	some i, inst in input.instances
	tokens := inst.MetadataOptions.HttpTokens
	tokens != "required"
	not inst.MetadataOptions.HttpEndpoint == "disabled"
	inst.EipAddress.IpAddress != ""
}

unknown contains f if {
	some i, inst in input.instances
	not inst.MetadataOptions.HttpTokens
	not inst.MetadataOptions.HttpEndpoint == "disabled"
	internet_facing(inst)
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has a public address but no MetadataOptions.HttpTokens in the snapshot, its metadata access mode cannot be judged", [label(inst)]),
	}
}

unknown contains addresses_unknown(i, inst) if {
	some i, inst in input.instances
	not inst.PublicIpAddress
	not inst.MetadataOptions.HttpTokens == "required"
	not inst.MetadataOptions.HttpEndpoint == "disabled"
	not internet_facing(inst)
}

unknown contains addresses_unknown(i, inst) if {
	some i, inst in input.instances
	not inst.EipAddress
	not inst.MetadataOptions.HttpTokens == "required"
	not inst.MetadataOptions.HttpEndpoint == "disabled"
	not internet_facing(inst)
}

open_metadata(i, inst, tokens) := {
	"pointer": sprintf("/instances/%d/MetadataOptions/HttpTokens", [i]),
	"msg": sprintf("instance %s has public address %s and MetadataOptions.HttpTokens %s: metadata is readable without a token", [label(inst), concat(", ", sort(public_addresses(inst))), tokens]),
}

addresses_unknown(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s lacks PublicIpAddress or EipAddress in the snapshot, whether it is internet-facing cannot be judged", [label(inst)]),
}

internet_facing(inst) := true if {
	some ip in inst.PublicIpAddress
	ip != ""
} else := true if {
	inst.EipAddress.IpAddress != ""
}

# Public IPv4 addresses and the bound EIP, for the message.
public_addresses(inst) := {ip | some ip in object.get(inst, "PublicIpAddress", []); ip != ""} | {ip |
	ip := object.get(object.get(inst, "EipAddress", {}), "IpAddress", "")
	ip != ""
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
