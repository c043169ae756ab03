package ecsguard.ecs.cloud_assistant_version_test

record(fields) := object.union({"InstanceId": "i-1", "RegionId": "cn-hangzhou", "CloudAssistantStatus": true, "CloudAssistantVersion": "2.2.3.857"}, fields)

deny_pointers(records) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.cloud_assistant_version.deny with input as {"cloud_assistant": records}
		with data.ecsguard.params.cloud_assistant_version.min_version as "2.2.3.0"
}

unknown_pointers(records) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.cloud_assistant_version.unknown with input as {"cloud_assistant": records}
		with data.ecsguard.params.cloud_assistant_version.min_version as "2.2.3.0"
}

test_old_agent_is_denied if {
	records := [record({"CloudAssistantVersion": "2.1.0.221"})]
	deny_pointers(records) == {"/cloud_assistant/0/CloudAssistantVersion"}
	count(unknown_pointers(records)) == 0
}

test_message_gives_versions if {
	findings := data.ecsguard.ecs.cloud_assistant_version.deny with input as {"cloud_assistant": [record({"CloudAssistantVersion": "1.0.2.569"})]}
		with data.ecsguard.params.cloud_assistant_version.min_version as "2.2.3.0"
	{f.msg | some f in findings} == {"the Cloud Assistant agent of instance i-1 is version 1.0.2.569, older than 2.2.3.0"}
}

test_parts_compare_as_numbers if {
	# 2.10 is newer than 2.9, although "2.10" < "2.9" as text.
	count(deny_pointers([record({"CloudAssistantVersion": "2.10.0.1"})])) == 0
	deny_pointers([record({"CloudAssistantVersion": "2.2.2.999"})]) == {"/cloud_assistant/0/CloudAssistantVersion"}
}

test_short_versions_are_padded if {
	count(deny_pointers([record({"CloudAssistantVersion": "2.2.3"})])) == 0
	deny_pointers([record({"CloudAssistantVersion": "2.2"})]) == {"/cloud_assistant/0/CloudAssistantVersion"}
}

test_current_agent_passes if {
	records := [record({}), record({"InstanceId": "i-2", "CloudAssistantVersion": "2.2.3.0"})]
	count(deny_pointers(records)) == 0
	count(unknown_pointers(records)) == 0
}

test_only_the_old_agent_is_denied if {
	records := [record({}), record({"InstanceId": "i-2", "CloudAssistantVersion": "2.0.1.100"})]
	deny_pointers(records) == {"/cloud_assistant/1/CloudAssistantVersion"}
}

test_default_minimum_applies if {
	findings := data.ecsguard.ecs.cloud_assistant_version.deny with input as {"cloud_assistant": [record({"CloudAssistantVersion": "1.0.0.1"})]}
	{f.pointer | some f in findings} == {"/cloud_assistant/0/CloudAssistantVersion"}
}

test_missing_or_unreadable_version_is_unknown if {
	records := [object.remove(record({}), ["CloudAssistantVersion"]), record({"InstanceId": "i-2", "CloudAssistantVersion": "unknown"})]
	unknown_pointers(records) == {"/cloud_assistant/0", "/cloud_assistant/1"}
	count(deny_pointers(records)) == 0
}
