package ecsguard.ecs.invocation_failed_test

# 2025-01-01T00:00:00Z
now := 1735689600000000000

invocation(fields) := object.union({"InvokeId": "t-1", "RegionId": "cn-hangzhou", "CommandName": "rotate-logs", "InvocationStatus": "Success", "RepeatMode": "Once", "CreationTime": "2024-12-31T00:00:00Z", "InvokeInstances": [{"InstanceId": "i-1", "InvocationStatus": "Success"}]}, fields)

deny_pointers(invocations) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.invocation_failed.deny with input as {"invocations": invocations}
		with data.ecsguard.now_ns as now
}

unknown_pointers(invocations) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.invocation_failed.unknown with input as {"invocations": invocations}
		with data.ecsguard.now_ns as now
}

messages(invocations) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ecs.invocation_failed.deny with input as {"invocations": invocations}
		with data.ecsguard.now_ns as now
}

test_recent_failed_invocation_is_denied if {
	invocations := [invocation({"InvocationStatus": "Failed"})]
	deny_pointers(invocations) == {"/invocations/0/InvocationStatus"}
	count(unknown_pointers(invocations)) == 0
}

test_message_lists_failed_instances if {
	targets := [{"InstanceId": "i-1", "InvocationStatus": "Success"}, {"InstanceId": "i-2", "InvocationStatus": "Failed", "ErrorCode": "ClientNotRunning"}, {"InstanceId": "i-3", "InvocationStatus": "Timeout", "ErrorCode": ""}]
	messages([invocation({"InvocationStatus": "PartialFailed", "InvokeInstances": targets})]) == {"Cloud Assistant invocation t-1 of command rotate-logs is PartialFailed: failed on i-2 (ClientNotRunning), i-3"}
}

test_message_without_instance_results if {
	messages([object.remove(invocation({"InvocationStatus": "Failed"}), ["InvokeInstances", "CommandName"])]) == {"Cloud Assistant invocation t-1 of command (unnamed) is Failed"}
}

test_successful_invocation_passes if {
	count(deny_pointers([invocation({})])) == 0
	count(unknown_pointers([invocation({})])) == 0
}

test_old_one_off_failure_passes if {
	invocations := [invocation({"InvocationStatus": "Failed", "CreationTime": "2024-11-01T00:00:00Z"})]
	count(deny_pointers(invocations)) == 0
	count(unknown_pointers(invocations)) == 0
}

test_old_recurring_failure_is_denied if {
	invocations := [invocation({"InvocationStatus": "Failed", "RepeatMode": "Period", "CreationTime": "2024-01-01T00:00:00Z"})]
	deny_pointers(invocations) == {"/invocations/0/InvocationStatus"}
}

test_only_the_failed_invocation_is_denied if {
	invocations := [invocation({}), invocation({"InvokeId": "t-2", "InvocationStatus": "PartialFailed"})]
	deny_pointers(invocations) == {"/invocations/1/InvocationStatus"}
}

test_missing_status_is_unknown if {
	invocations := [object.remove(invocation({}), ["InvocationStatus"])]
	unknown_pointers(invocations) == {"/invocations/0"}
	count(deny_pointers(invocations)) == 0
}

test_failure_without_creation_time_is_unknown if {
	invocations := [object.remove(invocation({"InvocationStatus": "Failed"}), ["CreationTime"]), object.remove(invocation({"InvokeId": "t-2", "InvocationStatus": "Failed", "RepeatMode": "EveryReboot"}), ["CreationTime"])]
	unknown_pointers(invocations) == {"/invocations/0"}
	deny_pointers(invocations) == {"/invocations/1/InvocationStatus"}
}

test_failure_without_repeat_mode_or_creation_time_is_unknown if {
	# Neither field says whether the failure still matters: unknown, in OPA
	# as in regorus (an absent RepeatMode must not drop the body).
	invocations := [object.remove(invocation({"InvocationStatus": "Failed"}), ["CreationTime", "RepeatMode"])]
	unknown_pointers(invocations) == {"/invocations/0"}
	count(deny_pointers(invocations)) == 0
}
