# METADATA
# title: Instance has a public IP address
# description: >-
#   The instance has a public IPv4 address or an elastic IP (EIP) bound to it,
#   so it is reachable from the internet and its security group rules are
#   the only thing between it and every scanner. Instances that serve the
#   internet are usually better placed behind a load balancer or NAT gateway,
#   with private addresses only.
# custom:
#   id: ECS-005
#   severity: medium
#   resource_type: instance
#   remediation:
#     text: >-
#       Unbind the EIP (or convert the static public IP to an EIP and unbind
#       it), and reach the instance through a load balancer, a NAT gateway or
#       a bastion host instead. If the instance must be public, keep its
#       security groups to the ports it serves.
#     cli: aliyun vpc UnassociateEipAddress --RegionId {RegionId} --InstanceId {InstanceId} --AllocationId <eip-allocation-id>
#   references:
#     - https://alibabacloud.com/help/en/eip/developer-reference/api-vpc-2016-04-28-unassociateeipaddress-eips
#   cloud_config: ecs-instance-no-public-ip
package ecsguard.ecs.public_ip

deny contains f if {
	some i, inst in input.instances
	some ip in inst.PublicIpAddress
	ip != ""
	f := {
		"pointer": sprintf("/instances/%d/PublicIpAddress", [i]),
		"msg": sprintf("instance %s has public IP address %s", [label(inst), concat(", ", [a | some a in inst.PublicIpAddress; a != ""])]),
	}
}

deny contains f if {
	some i, inst in input.instances
	ip := inst.EipAddress.IpAddress
	ip != ""
	f := {
		"pointer": sprintf("/instances/%d/EipAddress/IpAddress", [i]),
		"msg": sprintf("instance %s has elastic IP address %s bound", [label(inst), ip]),
	}
}

# Without both address fields, an instance with no public address seen so
# far may still have one.
unknown contains f if {
	some i, inst in input.instances
	addresses_missing(inst)
	not has_public_address(inst)
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s lacks %s in the snapshot, whether it has a public address cannot be judged", [label(inst), missing_fields(inst)]),
	}
}

has_public_address(inst) := true if {
	some ip in inst.PublicIpAddress
	ip != ""
} else := true if {
	inst.EipAddress.IpAddress != ""
}

addresses_missing(inst) := true if {
	not inst.PublicIpAddress
} else := true if {
	not inst.EipAddress.IpAddress
}

missing_fields(inst) := concat(" and ", [name |
	some name in ["PublicIpAddress", "EipAddress"]
	not field_present(inst, name)
])

field_present(inst, "PublicIpAddress") if is_array(inst.PublicIpAddress)

field_present(inst, "EipAddress") if is_string(inst.EipAddress.IpAddress)

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
