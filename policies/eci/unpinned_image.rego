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

deny contains f if {
	some i, cg in input.container_groups
	some j, c in cg.Containers
	tag := floating_tag(c.Image)
	f := {
		"pointer": sprintf("/container_groups/%d/Containers/%d/Image", [i, j]),
		"msg": sprintf("container %s of container group %s runs image %s (%s)", [c.Name, label(cg), c.Image, tag]),
	}
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

unknown contains f if {
	some i, cg in input.container_groups
	not containers_reported(cg)
	f := {
		"pointer": sprintf("/container_groups/%d", [i]),
		"msg": sprintf("container group %s has no Containers in the snapshot, its images cannot be judged", [label(cg)]),
	}
}

# Why an image reference floats, or undefined when it is pinned. The tag is
# after the last ":" of the last path part ("registry:5000/app" has none).
floating_tag(image) := "no tag: latest is implied" if {
	not contains(image, "@")
	not contains(last_part(image), ":")
} else := "tag latest" if {
	not contains(image, "@")
	endswith(last_part(image), ":latest")
}

last_part(image) := parts[count(parts) - 1] if parts := split(image, "/")

containers_reported(cg) if is_array(cg.Containers)

# "eci-123 (name)", or just the id when the group has no name.
label(cg) := concat("", [cg.ContainerGroupId, " (", cg.ContainerGroupName, ")"]) if {
	cg.ContainerGroupName != ""
} else := cg.ContainerGroupId
