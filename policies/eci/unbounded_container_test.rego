package ecsguard.eci.unbounded_container_test

container(name, cpu, memory) := {"Name": name, "Image": "acme/app:1.0", "Cpu": cpu, "Memory": memory}

group(containers) := {"ContainerGroupId": "eci-1", "ContainerGroupName": "api", "RegionId": "cn-hangzhou", "Cpu": 2, "Memory": 4, "Containers": containers}

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.unbounded_container.deny with input as {"container_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.unbounded_container.unknown with input as {"container_groups": groups}
}

test_unbounded_sidecar_is_denied if {
	groups := [group([container("app", 1.5, 3), container("proxy", 0, 1)])]
	deny_pointers(groups) == {"/container_groups/0/Containers/1/Cpu"}
	count(unknown_pointers(groups)) == 0
}

test_message if {
	findings := data.ecsguard.eci.unbounded_container.deny with input as {"container_groups": [group([container("app", 1.5, 3), container("proxy", 0.5, 0)])]}
	{f.msg | some f in findings} == {"container proxy of container group eci-1 (api) has Memory 0: it may take all of the group's memory"}
}

test_bounded_or_single_containers_pass if {
	groups := [group([container("app", 1.5, 3), container("proxy", 0.5, 1)]), group([container("app", 0, 0)])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_unbounded_container_is_denied if {
	groups := [group([container("app", 1.5, 3), container("proxy", 0.5, 1)]), group([container("app", 0, 0), container("proxy", 0.5, 1)])]
	deny_pointers(groups) == {"/container_groups/1/Containers/0/Cpu", "/container_groups/1/Containers/0/Memory"}
}

test_missing_data_is_unknown if {
	groups := [group([container("app", 1.5, 3), {"Name": "proxy", "Cpu": 0.5}]), {"ContainerGroupId": "eci-2", "RegionId": "cn-hangzhou"}, group([{"Name": "app"}])]
	unknown_pointers(groups) == {"/container_groups/0/Containers/1", "/container_groups/1"}
	count(deny_pointers(groups)) == 0
}
