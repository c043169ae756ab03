# METADATA
# title: Container image is not pinned to a version
# description: >-
#   A container of the group runs an image with no tag or the tag latest.
#   What such a container runs changes whenever someone pushes, so a restart
#   or a re-created group can silently pick up a different (possibly broken
#   or untrusted) build, and nobody can tell which version is running.
#   Images pinned by digest (@sha256:...) or by a version tag pass.
# custom:
#   id: ECI-003
#   severity: low
#   resource_type: container_group
#   remediation:
#     text: >-
#       Reference images by an immutable version tag or by digest, and roll
#       out new versions by updating the container group.
#     cli: aliyun eci UpdateContainerGroup --RegionId {RegionId} --ContainerGroupId {ContainerGroupId} --Container.1.Name <container> --Container.1.Image <repo:version>
#   references:
#     - https://www.alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-updatecontainergroup
package ecsguard.eci.unpinned_image

# Why an image reference floats, one body per reason with the builtins of
# each spelled out (a helper call per container costs more than they do;
# Performance in policies/README.md). Digests (@sha256:...) never float.
# The tag is after the last ":" of the last path part ("registry:5000/app"
# has none), so an image ending in ":latest" has the tag latest.
deny contains floating(i, j, cg, c, "tag latest") if {
	some i, cg in input.container_groups
	some j, c in cg.Containers
	endswith(c.Image, ":latest")
	not contains(c.Image, "@")
}

deny contains floating(i, j, cg, c, "no tag: latest is implied") if {
	some i, cg in input.container_groups
	some j, c in cg.Containers
	parts := split(c.Image, "/")
	not contains(parts[count(parts) - 1], ":")
	not contains(c.Image, "@")
}

unknown contains f if {
	some i, cg in input.container_groups
	some j, c in cg.Containers
	not c.Image
	f := {
		"pointer": sprintf("/container_groups/%d/Containers/%d", [i, j]),
		"msg": sprintf("container %s of container group %s has no Image in the snapshot, whether its image is pinned cannot be judged", [c.Name, label(cg)]),
	}
}

# A plain ref tests absence: the loader guarantees an array when present.
unknown contains f if {
	some i, cg in input.container_groups
	not cg.Containers
	f := {
		"pointer": sprintf("/container_groups/%d", [i]),
		"msg": sprintf("container group %s has no Containers in the snapshot, its images cannot be judged", [label(cg)]),
	}
}

floating(i, j, cg, c, tag) := {
	"pointer": sprintf("/container_groups/%d/Containers/%d/Image", [i, j]),
	"msg": sprintf("container %s of container group %s runs image %s (%s)", [c.Name, label(cg), c.Image, tag]),
}

# "eci-123 (name)", or just the id when the group has no name.
label(cg) := concat("", [cg.ContainerGroupId, " (", cg.ContainerGroupName, ")"]) if {
	cg.ContainerGroupName != ""
} else := cg.ContainerGroupId
