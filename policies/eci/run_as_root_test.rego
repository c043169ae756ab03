package ecsguard.eci.run_as_root_test

container(user) := {"Name": "app", "Image": "acme/app:1.0", "SecurityContext": {"RunAsUser": user}}

group(containers) := {"ContainerGroupId": "eci-1", "ContainerGroupName": "api", "RegionId": "cn-hangzhou", "Containers": containers}

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.run_as_root.deny with input as {"container_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.run_as_root.unknown with input as {"container_groups": groups}
}

test_root_container_is_denied if {
	deny_pointers([group([container(0)])]) == {"/container_groups/0/Containers/0/SecurityContext/RunAsUser"}
	count(unknown_pointers([group([container(0)])])) == 0
}

test_message if {
	findings := data.ecsguard.eci.run_as_root.deny with input as {"container_groups": [group([container(0)])]}
	{f.msg | some f in findings} == {"container app of container group eci-1 (api) runs as root (RunAsUser 0)"}
}

test_unprivileged_container_passes if {
	count(deny_pointers([group([container(1000)])])) == 0
	count(unknown_pointers([group([container(1000)])])) == 0
}

test_only_the_root_container_is_denied if {
	deny_pointers([group([container(1000), container(0)])]) == {"/container_groups/0/Containers/1/SecurityContext/RunAsUser"}
}

test_unset_user_is_unknown if {
	groups := [group([{"Name": "app"}, {"Name": "sidecar", "SecurityContext": {}}]), {"ContainerGroupId": "eci-2", "RegionId": "cn-hangzhou"}]
	unknown_pointers(groups) == {"/container_groups/0/Containers/0", "/container_groups/0/Containers/1", "/container_groups/1"}
	count(deny_pointers(groups)) == 0
}
