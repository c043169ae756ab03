# METADATA
# title: Instance is on the classic network
# description: >-
#   The instance sits on the legacy classic network instead of a VPC. On the
#   classic network it shares an address space with other tenants' instances
#   and can only be isolated by security groups; it also cannot use most
#   newer features (private network ACLs, NAT gateways, newer instance
#   families). CIS Alibaba Cloud Foundation Benchmark 3.1 requires that no
#   legacy network is in use.
# custom:
#   id: ECS-009
#   severity: medium
#   resource_type: instance
#   remediation:
#     text: >-
#       Migrate the instance from the classic network to a VPC (the console's
#       classic-to-VPC migration, or rebuild it in a VPC from an image of it).
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-describeinstances
#   cloud_config: ecs-instances-in-vpc
#   cis: "3.1"
package ecsguard.ecs.classic_network

deny contains f if {
	some i, inst in input.instances
	inst.InstanceNetworkType == "classic"
	f := {
		"pointer": sprintf("/instances/%d/InstanceNetworkType", [i]),
		"msg": sprintf("instance %s is on the classic network (InstanceNetworkType classic)", [label(inst)]),
	}
}

# A VPC id settles it when the network type is missing. No VPC id is absent
# or empty, one body each with plain refs: a helper call per instance costs
# more than the rest of the rule (Performance in policies/README.md).
unknown contains type_unknown(i, inst) if {
	some i, inst in input.instances
	not inst.InstanceNetworkType
	not inst.VpcAttributes.VpcId
}

unknown contains type_unknown(i, inst) if {
	some i, inst in input.instances
	not inst.InstanceNetworkType
	inst.VpcAttributes.VpcId == ""
}

type_unknown(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has neither InstanceNetworkType nor VpcAttributes.VpcId in the snapshot, its network type cannot be judged", [label(inst)]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
