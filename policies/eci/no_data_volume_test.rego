package ecsguard.eci.no_data_volume_test

vol := [{"Name": "data", "Type": "NFSVolume"}]

mount := [{"Name": "data", "MountPath": "/data"}]

group(fields) := object.union({"ContainerGroupId": "eci-1", "ContainerGroupName": "api", "RegionId": "cn-hangzhou", "Volumes": vol, "Containers": [{"Name": "app", "VolumeMounts": mount}, {"Name": "sidecar", "VolumeMounts": []}]}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.no_data_volume.deny with input as {"container_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.no_data_volume.unknown with input as {"container_groups": groups}
}

test_group_without_volumes_is_denied if {
	deny_pointers([group({"Volumes": []})]) == {"/container_groups/0/Volumes"}
	count(unknown_pointers([group({"Volumes": []})])) == 0
}

test_unmounted_volumes_are_denied if {
	groups := [group({"Containers": [{"Name": "app", "VolumeMounts": []}]})]
	deny_pointers(groups) == {"/container_groups/0/Volumes"}
	count(unknown_pointers(groups)) == 0
}

test_message if {
	findings := data.ecsguard.eci.no_data_volume.deny with input as {"container_groups": [group({"Volumes": []})]}
	{f.msg | some f in findings} == {"container group eci-1 (api) has no volumes: its data does not outlive it"}
}

test_mounted_volume_passes if {
	groups := [group({}), group({"Containers": [{"Name": "app", "VolumeMounts": mount}, {"Name": "sidecar"}]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_bare_group_is_denied if {
	deny_pointers([group({}), group({"ContainerGroupId": "eci-2", "Volumes": []})]) == {"/container_groups/1/Volumes"}
}

test_missing_data_is_unknown if {
	groups := [object.remove(group({}), ["Volumes"]), group({"Containers": [{"Name": "app"}, {"Name": "sidecar", "VolumeMounts": []}]}), object.remove(group({}), ["Containers"])]
	unknown_pointers(groups) == {"/container_groups/0", "/container_groups/1", "/container_groups/2"}
	count(deny_pointers(groups)) == 0
}

test_unknown_messages_give_the_reason if {
	groups := [object.remove(group({}), ["Volumes"]), group({"ContainerGroupId": "eci-2", "Containers": [{"Name": "app"}, {"Name": "sidecar", "VolumeMounts": []}]}), object.remove(group({"ContainerGroupId": "eci-3", "ContainerGroupName": ""}), ["Containers"]), group({"ContainerGroupId": "eci-4", "Containers": [{"Name": "app"}, {"Name": "sidecar", "VolumeMounts": mount}]})]
	findings := data.ecsguard.eci.no_data_volume.unknown with input as {"container_groups": groups}
	{f.msg | some f in findings} == {
		"container group eci-1 (api) has no Volumes in the snapshot, whether it mounts a data volume cannot be judged",
		"container group eci-2 (api) has containers without VolumeMounts in the snapshot, whether it mounts a data volume cannot be judged",
		"container group eci-3 has no Containers in the snapshot, whether it mounts a data volume cannot be judged",
	}
}
