package ecsguard.ecs.cloud_assistant_heartbeat_test

# 2025-01-01T00:00:00Z
now := 1735689600000000000

record(fields) := object.union({"InstanceId": "i-1", "RegionId": "cn-hangzhou", "CloudAssistantStatus": true, "LastHeartbeatTime": "2024-12-31T23:58:00Z"}, fields)

deny_pointers(records) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.cloud_assistant_heartbeat.deny with input as {"cloud_assistant": records}
		with data.ecsguard.now_ns as now
}

unknown_pointers(records) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.cloud_assistant_heartbeat.unknown with input as {"cloud_assistant": records}
		with data.ecsguard.now_ns as now
}

test_silent_running_agent_is_denied if {
	records := [record({"LastHeartbeatTime": "2024-12-29T00:00:00Z"})]
	deny_pointers(records) == {"/cloud_assistant/0/LastHeartbeatTime"}
	count(unknown_pointers(records)) == 0
}

test_message_gives_heartbeat_and_age if {
	findings := data.ecsguard.ecs.cloud_assistant_heartbeat.deny with input as {"cloud_assistant": [record({"LastHeartbeatTime": "2024-12-29T00:00:00Z"})]}
		with data.ecsguard.now_ns as now
	{f.msg | some f in findings} == {"the Cloud Assistant agent of instance i-1 is reported running but last sent a heartbeat at 2024-12-29T00:00:00Z, 72 hours ago (limit 24 hours)"}
}

test_recent_heartbeat_passes if {
	count(deny_pointers([record({})])) == 0
	count(unknown_pointers([record({})])) == 0
}

test_agent_reported_down_is_left_to_ecs_003 if {
	records := [record({"CloudAssistantStatus": false, "LastHeartbeatTime": "2024-10-01T00:00:00Z"}), object.remove(record({"InstanceId": "i-2", "CloudAssistantStatus": false}), ["LastHeartbeatTime"])]
	count(deny_pointers(records)) == 0
	count(unknown_pointers(records)) == 0
}

test_max_hours_parameter_applies if {
	findings := data.ecsguard.ecs.cloud_assistant_heartbeat.deny with input as {"cloud_assistant": [record({"LastHeartbeatTime": "2024-12-31T22:00:00Z"})]}
		with data.ecsguard.now_ns as now
		with data.ecsguard.params.cloud_assistant_heartbeat.max_hours as 1
	{f.pointer | some f in findings} == {"/cloud_assistant/0/LastHeartbeatTime"}
}

test_only_the_silent_agent_is_denied if {
	deny_pointers([record({}), record({"InstanceId": "i-2", "LastHeartbeatTime": "2024-12-01T00:00:00Z"})]) == {"/cloud_assistant/1/LastHeartbeatTime"}
}

test_running_agent_without_heartbeat_is_unknown if {
	records := [object.remove(record({}), ["LastHeartbeatTime"])]
	unknown_pointers(records) == {"/cloud_assistant/0"}
	count(deny_pointers(records)) == 0
}
