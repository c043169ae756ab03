package ecsguard.ecs.cloud_assistant_agent_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "app-1", "RegionId": "cn-hangzhou", "Status": "Running"}, fields)

status(id, running) := {"InstanceId": id, "RegionId": "cn-hangzhou", "CloudAssistantStatus": running, "LastHeartbeatTime": "2025-01-01T00:00:00Z"}

deny_pointers(instances, records) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.cloud_assistant_agent.deny with input as {"instances": instances, "cloud_assistant": records}
}

unknown_pointers(instances, records) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.cloud_assistant_agent.unknown with input as {"instances": instances, "cloud_assistant": records}
}

test_agent_down_on_running_instance_is_denied if {
	deny_pointers([instance({})], [status("i-1", false)]) == {"/instances/0"}
	count(unknown_pointers([instance({})], [status("i-1", false)])) == 0
}

test_message_gives_last_heartbeat if {
	findings := data.ecsguard.ecs.cloud_assistant_agent.deny with input as {"instances": [instance({})], "cloud_assistant": [status("i-1", false)]}
	some f in findings
	f.msg == "running instance i-1 (app-1) has its Cloud Assistant agent not running (last heartbeat 2025-01-01T00:00:00Z)"
}

test_agent_running_passes if {
	instances := [instance({})]
	records := [status("i-1", true)]
	count(deny_pointers(instances, records)) == 0
	count(unknown_pointers(instances, records)) == 0
}

test_stopped_instance_is_not_judged if {
	instances := [instance({"Status": "Stopped"})]
	records := [status("i-1", false)]
	count(deny_pointers(instances, records)) == 0
	count(unknown_pointers(instances, records)) == 0
}

test_only_the_instance_with_agent_down_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2"}), instance({"InstanceId": "i-3", "Status": "Stopped"})]
	records := [status("i-1", true), status("i-2", false), status("i-3", false)]
	deny_pointers(instances, records) == {"/instances/1"}
}

test_running_instance_without_record_is_unknown if {
	instances := [instance({})]
	records := [status("i-other", false)]
	unknown_pointers(instances, records) == {"/instances/0"}
	count(deny_pointers(instances, records)) == 0
}

test_record_without_status_field_is_unknown if {
	instances := [instance({})]
	records := [{"InstanceId": "i-1", "RegionId": "cn-hangzhou"}]
	unknown_pointers(instances, records) == {"/instances/0"}
	count(deny_pointers(instances, records)) == 0
}

test_instance_without_status_is_unknown_unless_agent_runs if {
	instances := [object.remove(instance({}), ["Status"]), object.remove(instance({"InstanceId": "i-2"}), ["Status"])]
	records := [status("i-1", false), status("i-2", true)]
	unknown_pointers(instances, records) == {"/instances/0"}
	count(deny_pointers(instances, records)) == 0
}

unknown_messages(instances, records) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ecs.cloud_assistant_agent.unknown with input as {"instances": instances, "cloud_assistant": records}
}

test_unknown_messages_name_the_instance if {
	unknown_messages([instance({})], []) == {"running instance i-1 (app-1) has no Cloud Assistant status record in the snapshot, its agent cannot be judged"}
	unknown_messages([instance({})], [object.remove(status("i-1", true), ["CloudAssistantStatus"])]) == {"the Cloud Assistant record of running instance i-1 (app-1) has no CloudAssistantStatus, its agent cannot be judged"}
	unknown_messages([object.remove(instance({}), ["Status"])], [status("i-1", false)]) == {"instance i-1 (app-1) has no Status in the snapshot, whether its Cloud Assistant agent must run cannot be judged"}
}

test_messages_name_an_unnamed_instance_by_its_id if {
	unnamed := instance({"InstanceName": ""})
	denied := data.ecsguard.ecs.cloud_assistant_agent.deny with input as {"instances": [unnamed], "cloud_assistant": [status("i-1", false)]}
	{f.msg | some f in denied} == {"running instance i-1 has its Cloud Assistant agent not running (last heartbeat 2025-01-01T00:00:00Z)"}
	unknown_messages([unnamed], []) == {"running instance i-1 has no Cloud Assistant status record in the snapshot, its agent cannot be judged"}
	unknown_messages([instance({"InstanceName": "i-1"})], [object.remove(status("i-1", true), ["CloudAssistantStatus"])]) == {"the Cloud Assistant record of running instance i-1 has no CloudAssistantStatus, its agent cannot be judged"}
	unknown_messages([object.remove(unnamed, ["Status", "InstanceName"])], []) == {"instance i-1 has no Status in the snapshot, whether its Cloud Assistant agent must run cannot be judged"}
}
