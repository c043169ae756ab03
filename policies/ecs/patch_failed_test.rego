package ecsguard.ecs.patch_failed_test

state(fields) := object.union({"InstanceId": "i-1", "RegionId": "cn-hangzhou", "BaselineId": "pb-1", "MissingCount": 0, "FailedCount": 0, "InstalledPendingRebootCount": 0, "Operation": "Scan", "OperationEndTime": "2025-01-01T00:00:00Z"}, fields)

deny_pointers(states) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.patch_failed.deny with input as {"patch_states": states}
}

unknown_pointers(states) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.patch_failed.unknown with input as {"patch_states": states}
}

test_positive_count_is_denied if {
	states := [state({"FailedCount": 3})]
	deny_pointers(states) == {"/patch_states/0/FailedCount"}
	count(unknown_pointers(states)) == 0
}

test_zero_passes if {
	states := [state({})]
	count(deny_pointers(states)) == 0
	count(unknown_pointers(states)) == 0
}

test_only_the_positive_state_is_denied if {
	states := [state({}), state({"InstanceId": "i-2", "FailedCount": 1}), state({"InstanceId": "i-3", "FailedCount": 0})]
	deny_pointers(states) == {"/patch_states/1/FailedCount"}
}

test_missing_count_is_unknown if {
	states := [object.remove(state({}), ["FailedCount"])]
	unknown_pointers(states) == {"/patch_states/0"}
	count(deny_pointers(states)) == 0
}

test_message_gives_count if {
	findings := data.ecsguard.ecs.patch_failed.deny with input as {"patch_states": [state({"FailedCount": 2})]}
	{f.msg | some f in findings} == {"2 patch(es) failed to install on instance i-1"}
}
