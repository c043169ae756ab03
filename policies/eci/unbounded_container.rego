# METADATA
# title: Container shares its group's resources without a limit
# description: >-
#   In a container group with several containers, a container sets Cpu or
#   Memory to 0, so it is not bounded and may use all of the group's vCPUs or
#   memory. A leaking or busy sidecar (a log agent, a proxy) then starves the
#   main container or gets the whole group OOM-killed, and the group's sizing
#   no longer says what each part may use.
# custom:
#   id: ECI-007
#   severity: low
#   resource_type: container_group
#   remediation:
#     text: >-
#       Give every container of a multi-container group its own Cpu and Memory,
#       adding up to no more than the group's.
#     cli: aliyun eci UpdateContainerGroup --RegionId {RegionId} --ContainerGroupId {ContainerGroupId} --Container.1.Cpu <vcpu> --Container.1.Memory <gib>
#   references:
#     - https://www.alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-createcontainergroup
#     - https://www.alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-describecontainergroups
package ecsguard.eci.unbounded_container

# Plain refs instead of builtins per group and container: a second
# container exists, a field is absent (the loader guarantees numbers and
# arrays when present).
deny contains f if {
	some i, cg in input.container_groups
	cg.Containers[1]
	some j, c in cg.Containers
	some field in ["Cpu", "Memory"]
	c[field] == 0
	f := {
		"pointer": sprintf("/container_groups/%d/Containers/%d/%s", [i, j, field]),
		"msg": sprintf("container %s of container group %s has %s 0: it may take all of the group's %s", [c.Name, label(cg), field, lower(field)]),
	}
}

unknown contains f if {
	some i, cg in input.container_groups
	cg.Containers[1]
	some j, c in cg.Containers
	some field in ["Cpu", "Memory"]
	not c[field]
	f := {
		"pointer": sprintf("/container_groups/%d/Containers/%d", [i, j]),
		"msg": sprintf("container %s of container group %s has no %s in the snapshot, whether it is bounded cannot be judged", [c.Name, label(cg), field]),
	}
}

unknown contains f if {
	some i, cg in input.container_groups
	not cg.Containers
	f := {
		"pointer": sprintf("/container_groups/%d", [i]),
		"msg": sprintf("container group %s has no Containers in the snapshot, its containers' limits cannot be judged", [label(cg)]),
	}
}

# "eci-123 (name)", or just the id when the group has no name.
label(cg) := concat("", [cg.ContainerGroupId, " (", cg.ContainerGroupName, ")"]) if {
	cg.ContainerGroupName != ""
} else := cg.ContainerGroupId
