package ecsguard.eci.no_liveness_probe_test

http := {"HttpGet": {"Path": "/healthz", "Port": 8080}, "InitialDelaySeconds": 10}

container(probe) := {"Name": "app", "Image": "acme/app:1.0", "LivenessProbe": probe}

group(fields) := object.union({"ContainerGroupId": "eci-1", "ContainerGroupName": "api", "RegionId": "cn-hangzhou", "Status": "Running", "RestartPolicy": "Always", "Containers": [container({})]}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.no_liveness_probe.deny with input as {"container_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.no_liveness_probe.unknown with input as {"container_groups": groups}
}

test_empty_probe_is_denied if {
	deny_pointers([group({})]) == {"/container_groups/0/Containers/0/LivenessProbe"}
	deny_pointers([group({"Containers": [container({"HttpGet": {}, "TcpSocket": {}, "Execs": []})]})]) == {"/container_groups/0/Containers/0/LivenessProbe"}
	count(unknown_pointers([group({})])) == 0
}

test_message if {
	findings := data.ecsguard.eci.no_liveness_probe.deny with input as {"container_groups": [group({})]}
	{f.msg | some f in findings} == {"container app of long-running container group eci-1 (api) has no liveness probe: a hung container is never restarted"}
}

test_probed_containers_and_jobs_pass if {
	groups := [
		group({"Containers": [container(http)]}),
		group({"Containers": [container({"TcpSocket": {"Port": 6379}})]}),
		group({"Containers": [container({"Execs": ["cat", "/tmp/ready"]})]}),
		group({"RestartPolicy": "Never"}),
		group({"Status": "Succeeded"}),
	]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_unprobed_container_is_denied if {
	groups := [group({"Containers": [container(http), object.union(container({}), {"Name": "sidecar"})]})]
	deny_pointers(groups) == {"/container_groups/0/Containers/1/LivenessProbe"}
}

test_missing_data_is_unknown if {
	groups := [
		group({"Containers": [{"Name": "app"}]}),
		object.remove(group({}), ["RestartPolicy"]),
		object.remove(group({}), ["Containers"]),
		object.remove(group({"Containers": [container(http)]}), ["Status"]),
	]
	unknown_pointers(groups) == {"/container_groups/0/Containers/0", "/container_groups/1", "/container_groups/2"}
	deny_pointers(groups) == set()
}

test_unknown_messages_give_the_reason if {
	groups := [
		object.remove(group({"Containers": [container({}), container({"TcpSocket": {"Host": "x"}})]}), ["RestartPolicy"]),
		object.remove(group({"ContainerGroupId": "eci-2"}), ["Containers", "Status"]),
		object.remove(group({"ContainerGroupId": "eci-3", "ContainerGroupName": "", "Containers": [container({"Execs": []})]}), ["Status", "RestartPolicy"]),
		object.remove(group({"ContainerGroupId": "eci-4", "Containers": [container({"Execs": ["true"]})]}), ["Status"]),
	]
	findings := data.ecsguard.eci.no_liveness_probe.unknown with input as {"container_groups": groups}
	{f.msg | some f in findings} == {
		"container group eci-1 (api) has no RestartPolicy in the snapshot, whether its containers need a liveness probe cannot be judged",
		"container group eci-2 (api) has no Containers in the snapshot, whether its containers need a liveness probe cannot be judged",
		"container group eci-3 has no Status in the snapshot, whether its containers need a liveness probe cannot be judged",
		"container group eci-3 has no RestartPolicy in the snapshot, whether its containers need a liveness probe cannot be judged",
	}
}
