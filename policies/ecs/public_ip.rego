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

# Plain field tests per instance; each finding is built by one function
# that also spells the label out: "i-123 (name)" when the name is set and
# is not the id itself, else "i-123" (a helper call per instance, or a
# second one for the label, costs more than the rest of the finding;
# Performance in policies/README.md).
deny contains public_ip(i, inst) if {
	some i, inst in input.instances
	some ip in inst.PublicIpAddress
	ip != ""
}

deny contains elastic_ip(i, inst, ip) if {
	some i, inst in input.instances
	ip := inst.EipAddress.IpAddress
	ip != ""
}

# Without both address fields, an instance with no public address seen so
# far may still have one: one body per missing field (an instance missing
# both gets the same finding from each).
unknown contains addresses_missing(i, inst) if {
	some i, inst in input.instances
	not inst.PublicIpAddress
	not has_public_address(inst)
}

unknown contains addresses_missing(i, inst) if {
	some i, inst in input.instances
	not inst.EipAddress.IpAddress
	not has_public_address(inst)
}

public_ip(i, inst) := {
	"pointer": sprintf("/instances/%d/PublicIpAddress", [i]),
	"msg": sprintf("instance %s (%s) has public IP address %s", [inst.InstanceId, inst.InstanceName, concat(", ", [a | some a in inst.PublicIpAddress; a != ""])]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d/PublicIpAddress", [i]),
	"msg": sprintf("instance %s has public IP address %s", [inst.InstanceId, concat(", ", [a | some a in inst.PublicIpAddress; a != ""])]),
}

elastic_ip(i, inst, ip) := {
	"pointer": sprintf("/instances/%d/EipAddress/IpAddress", [i]),
	"msg": sprintf("instance %s (%s) has elastic IP address %s bound", [inst.InstanceId, inst.InstanceName, ip]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d/EipAddress/IpAddress", [i]),
	"msg": sprintf("instance %s has elastic IP address %s bound", [inst.InstanceId, ip]),
}

addresses_missing(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s (%s) lacks %s in the snapshot, whether it has a public address cannot be judged", [inst.InstanceId, inst.InstanceName, missing_fields(inst)]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s lacks %s in the snapshot, whether it has a public address cannot be judged", [inst.InstanceId, missing_fields(inst)]),
}

has_public_address(inst) := true if {
	some ip in inst.PublicIpAddress
	ip != ""
} else := true if {
	inst.EipAddress.IpAddress != ""
}

missing_fields(inst) := concat(" and ", [name |
	some name in ["PublicIpAddress", "EipAddress"]
	not field_present(inst, name)
])

field_present(inst, "PublicIpAddress") if is_array(inst.PublicIpAddress)

field_present(inst, "EipAddress") if is_string(inst.EipAddress.IpAddress)
