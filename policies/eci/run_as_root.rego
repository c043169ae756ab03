# METADATA
# title: Container runs as root
# description: >-
#   A container's SecurityContext sets RunAsUser 0, so its processes run as
#   root. Any code execution flaw in the application then has root inside the
#   container (every file, every mounted volume, the network stack), which
#   makes escaping it or tampering with sidecars much easier. When RunAsUser
#   is not set, the user comes from the image, which the snapshot does not
#   show: that is unknown.
# custom:
#   id: ECI-005
#   severity: medium
#   resource_type: container_group
#   remediation:
#     text: >-
#       Run the container as an unprivileged user (SecurityContext.RunAsUser,
#       and a USER in the image), and give it only the capabilities it needs.
#     cli: aliyun eci UpdateContainerGroup --RegionId {RegionId} --ContainerGroupId {ContainerGroupId} --Container.1.SecurityContext.RunAsUser <uid>
#   references:
#     - https://www.alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-createcontainergroup
#     - https://www.alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-describecontainergroups
package ecsguard.eci.run_as_root

deny contains f if {
	some i, cg in input.container_groups
	some j, c in cg.Containers
	c.SecurityContext.RunAsUser == 0
	f := {
		"pointer": sprintf("/container_groups/%d/Containers/%d/SecurityContext/RunAsUser", [i, j]),
		"msg": sprintf("container %s of container group %s runs as root (RunAsUser 0)", [c.Name, label(cg)]),
	}
}

# Plain refs test absence: the loader guarantees an integer and an array
# when present (builtin calls per container cost more than the rest).
unknown contains f if {
	some i, cg in input.container_groups
	some j, c in cg.Containers
	not c.SecurityContext.RunAsUser
	f := {
		"pointer": sprintf("/container_groups/%d/Containers/%d", [i, j]),
		"msg": sprintf("container %s of container group %s has no SecurityContext.RunAsUser in the snapshot: it runs as the image's user, which cannot be judged", [c.Name, label(cg)]),
	}
}

unknown contains f if {
	some i, cg in input.container_groups
	not cg.Containers
	f := {
		"pointer": sprintf("/container_groups/%d", [i]),
		"msg": sprintf("container group %s has no Containers in the snapshot, the users its containers run as cannot be judged", [label(cg)]),
	}
}

# "eci-123 (name)", or just the id when the group has no name.
label(cg) := concat("", [cg.ContainerGroupId, " (", cg.ContainerGroupName, ")"]) if {
	cg.ContainerGroupName != ""
} else := cg.ContainerGroupId
