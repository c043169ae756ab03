# METADATA
# title: Container group has a public IP address
# description: >-
#   The container group has an elastic IP bound (InternetIp is set), so its
#   containers' listening ports are reachable from the internet, guarded only
#   by the security group. Container workloads are normally exposed through
#   a load balancer or ingress and reach out through a NAT gateway.
# custom:
#   id: ECI-002
#   severity: medium
#   resource_type: container_group
#   remediation:
#     text: >-
#       Unbind the EIP from the container group (or create it without an
#       EIP), publish the service through a load balancer, and use a NAT
#       gateway for outbound traffic.
#   references:
#     - https://alibabacloud.com/help/en/eip/developer-reference/api-vpc-2016-04-28-unassociateeipaddress-eips
#     - https://alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-describecontainergroups
package ecsguard.eci.public_ip

deny contains f if {
	some i, cg in input.container_groups
	cg.InternetIp != ""
	f := {
		"pointer": sprintf("/container_groups/%d/InternetIp", [i]),
		"msg": sprintf("container group %s has public IP address %s", [label(cg), cg.InternetIp]),
	}
}

# A plain ref tests absence: the loader guarantees a string when present
# (builtin calls per group cost more than the rest of the rule).
unknown contains f if {
	some i, cg in input.container_groups
	not cg.InternetIp
	f := {
		"pointer": sprintf("/container_groups/%d", [i]),
		"msg": sprintf("container group %s has no InternetIp in the snapshot, whether it has a public address cannot be judged", [label(cg)]),
	}
}

# "eci-123 (name)", or just the id when the group has no name.
label(cg) := concat("", [cg.ContainerGroupId, " (", cg.ContainerGroupName, ")"]) if {
	cg.ContainerGroupName != ""
} else := cg.ContainerGroupId
