# METADATA
# title: Container group mounts no data volume
# description: >-
#   No container of the group mounts a volume (the group has no Volumes, or
#   none of its containers has a VolumeMounts entry). Everything the
#   containers write lives in the instance's temporary storage and is lost
#   when the group is deleted, reclaimed (spot) or recreated, and it is
#   counted against the group's small ephemeral storage. Stateless services
#   and jobs that write their results elsewhere fail here too and can be
#   waived.
# custom:
#   id: ECI-009
#   severity: low
#   resource_type: container_group
#   remediation:
#     text: >-
#       Mount a persistent volume (a disk, NAS or OSS volume) where the
#       containers keep data that must outlive the group.
#     cli: aliyun eci CreateContainerGroup --RegionId {RegionId} --Volume.1.Name data --Volume.1.Type NFSVolume --Container.1.VolumeMount.1.Name data --Container.1.VolumeMount.1.MountPath /data
#   references:
#     - https://www.alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-createcontainergroup
#     - https://www.alibabacloud.com/help/en/elastic-container-instance/latest/use-a-disk-as-a-volume
#   cloud_config: eci-elastic-instance-container-group-mount-data-volume
package ecsguard.eci.no_data_volume

deny contains f if {
	some i, cg in input.container_groups
	cg.Volumes == []
	f := {
		"pointer": sprintf("/container_groups/%d/Volumes", [i]),
		"msg": sprintf("container group %s has no volumes: its data does not outlive it", [label(cg)]),
	}
}

# Plain refs and comparisons instead of builtin and helper calls per group
# (the loader guarantees arrays when present; Performance in
# policies/README.md).
deny contains f if {
	some i, cg in input.container_groups
	cg.Volumes != []
	cg.Containers != []
	every c in cg.Containers {
		c.VolumeMounts == []
	}
	f := {
		"pointer": sprintf("/container_groups/%d/Volumes", [i]),
		"msg": sprintf("container group %s has volumes but no container mounts one: its data does not outlive it", [label(cg)]),
	}
}

unknown contains undecided(i, cg, "no Volumes in the snapshot") if {
	some i, cg in input.container_groups
	not cg.Volumes
}

unknown contains undecided(i, cg, "containers without VolumeMounts in the snapshot") if {
	some i, cg in input.container_groups
	some c in cg.Containers
	not c.VolumeMounts
	cg.Volumes != []
	not mounted(cg)
}

unknown contains undecided(i, cg, "no Containers in the snapshot") if {
	some i, cg in input.container_groups
	not cg.Containers
	cg.Volumes != []
}

undecided(i, cg, reason) := {
	"pointer": sprintf("/container_groups/%d", [i]),
	"msg": sprintf("container group %s has %s, whether it mounts a data volume cannot be judged", [label(cg), reason]),
}

mounted(cg) if {
	some c in cg.Containers
	count(c.VolumeMounts) > 0
}

# "eci-123 (name)", or just the id when the group has no name.
label(cg) := concat("", [cg.ContainerGroupId, " (", cg.ContainerGroupName, ")"]) if {
	cg.ContainerGroupName != ""
} else := cg.ContainerGroupId
