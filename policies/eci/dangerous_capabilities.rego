# METADATA
# title: Container adds dangerous Linux capabilities
# description: >-
#   A container's SecurityContext adds a Linux capability from
#   dangerous_capabilities (default: ALL, SYS_ADMIN, NET_ADMIN, SYS_MODULE,
#   SYS_PTRACE, SYS_RAWIO, DAC_READ_SEARCH, BPF). Each of these lets a
#   compromised process reconfigure the network, read other processes'
#   memory or files, or load kernel code, turning one bad dependency into
#   control of the whole container group and its credentials.
# custom:
#   id: ECI-004
#   severity: high
#   resource_type: container_group
#   remediation:
#     text: >-
#       Remove the capability from SecurityContext.Capability.Add and give the
#       container only what it needs (NET_BIND_SERVICE for low ports, for
#       example); recreate the container group.
#     cli: aliyun eci UpdateContainerGroup --RegionId {RegionId} --ContainerGroupId {ContainerGroupId} --Container.1.SecurityContext.Capability.Add.1 <capability>
#   references:
#     - https://www.alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-createcontainergroup
#     - https://www.alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-describecontainergroups
package ecsguard.eci.dangerous_capabilities

dangerous := {upper(c) | some c in data.ecsguard.params.dangerous_capabilities.capabilities}

# The set of added capabilities is built only for containers that add some.
deny contains f if {
	some i, cg in input.container_groups
	some j, c in cg.Containers
	c.SecurityContext.Capability.Adds != []
	added := {name |
		some raw in c.SecurityContext.Capability.Adds
		name := capability(raw)
		name in dangerous
	}
	count(added) > 0
	f := {
		"pointer": sprintf("/container_groups/%d/Containers/%d/SecurityContext/Capability/Adds", [i, j]),
		"msg": sprintf("container %s of container group %s adds capabilities %s", [c.Name, label(cg), concat(", ", sort(added))]),
	}
}

unknown contains f if {
	some i, cg in input.container_groups
	some j, c in cg.Containers
	not c.SecurityContext
	f := {
		"pointer": sprintf("/container_groups/%d/Containers/%d", [i, j]),
		"msg": sprintf("container %s of container group %s has no SecurityContext in the snapshot, its added capabilities cannot be judged", [c.Name, label(cg)]),
	}
}

# A plain ref tests absence: the loader guarantees an array when present.
unknown contains f if {
	some i, cg in input.container_groups
	not cg.Containers
	f := {
		"pointer": sprintf("/container_groups/%d", [i]),
		"msg": sprintf("container group %s has no Containers in the snapshot, its containers' capabilities cannot be judged", [label(cg)]),
	}
}

# "NET_ADMIN", "cap_net_admin" and the API's "[NET_ADMIN]" are one capability.
capability(raw) := trim_prefix(upper(trim(raw, "[]\"' ")), "CAP_")

# "eci-123 (name)", or just the id when the group has no name.
label(cg) := concat("", [cg.ContainerGroupId, " (", cg.ContainerGroupName, ")"]) if {
	cg.ContainerGroupName != ""
} else := cg.ContainerGroupId
