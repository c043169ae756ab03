package ecsguard.eci.dangerous_capabilities_test

container(fields) := object.union({"Name": "app", "Image": "acme/app:1.0", "SecurityContext": {"RunAsUser": 1000, "Capability": {"Adds": []}}}, fields)

group(containers) := {"ContainerGroupId": "eci-1", "ContainerGroupName": "api", "RegionId": "cn-hangzhou", "Containers": containers}

caps(adds) := container({"SecurityContext": {"Capability": {"Adds": adds}}})

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.dangerous_capabilities.deny with input as {"container_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.dangerous_capabilities.unknown with input as {"container_groups": groups}
}

test_dangerous_capability_is_denied if {
	groups := [group([caps(["NET_BIND_SERVICE", "SYS_ADMIN"])])]
	deny_pointers(groups) == {"/container_groups/0/Containers/0/SecurityContext/Capability/Adds"}
	count(unknown_pointers(groups)) == 0
}

test_spellings_are_normalized if {
	findings := data.ecsguard.eci.dangerous_capabilities.deny with input as {"container_groups": [group([caps(["[NET_ADMIN]", "cap_sys_ptrace"])])]}
	{f.msg | some f in findings} == {"container app of container group eci-1 (api) adds capabilities NET_ADMIN, SYS_PTRACE"}
}

test_harmless_or_no_capabilities_pass if {
	groups := [group([container({}), caps(["NET_BIND_SERVICE"]), container({"SecurityContext": {"RunAsUser": 0}})])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_list_is_a_parameter if {
	findings := data.ecsguard.eci.dangerous_capabilities.deny with input as {"container_groups": [group([caps(["NET_BIND_SERVICE"])])]}
		with data.ecsguard.params.dangerous_capabilities.capabilities as ["net_bind_service"]
	count(findings) == 1
}

test_only_the_privileged_container_is_denied if {
	groups := [group([container({}), caps(["ALL"])])]
	deny_pointers(groups) == {"/container_groups/0/Containers/1/SecurityContext/Capability/Adds"}
}

test_missing_data_is_unknown if {
	groups := [group([object.remove(container({}), ["SecurityContext"])]), {"ContainerGroupId": "eci-2", "RegionId": "cn-hangzhou"}]
	unknown_pointers(groups) == {"/container_groups/0/Containers/0", "/container_groups/1"}
	count(deny_pointers(groups)) == 0
}
