package ecsguard.ecs.patch_missing_test

state(fields) := object.union({"InstanceId": "i-1", "RegionId": "cn-hangzhou", "BaselineId": "pb-1", "MissingCount": 0, "FailedCount": 0, "InstalledPendingRebootCount": 0, "Operation": "Scan", "OperationEndTime": "2025-01-01T00:00:00Z"}, fields)

deny_pointers(states) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.patch_missing.deny with input as {"patch_states": states}
}

unknown_pointers(states) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.patch_missing.unknown with input as {"patch_states": states}
}

test_positive_count_is_denied if {
	states := [state({"MissingCount": 3})]
	deny_pointers(states) == {"/patch_states/0/MissingCount"}
	count(unknown_pointers(states)) == 0
}

test_zero_passes if {
	states := [state({})]
	count(deny_pointers(states)) == 0
	count(unknown_pointers(states)) == 0
}

test_only_the_positive_state_is_denied if {
	states := [state({}), state({"InstanceId": "i-2", "MissingCount": 1}), state({"InstanceId": "i-3", "MissingCount": 0})]
	deny_pointers(states) == {"/patch_states/1/MissingCount"}
}

test_missing_count_is_unknown if {
	states := [object.remove(state({}), ["MissingCount"])]
	unknown_pointers(states) == {"/patch_states/0"}
	count(deny_pointers(states)) == 0
}

test_message_gives_count_and_last_operation if {
	findings := data.ecsguard.ecs.patch_missing.deny with input as {"patch_states": [state({"MissingCount": 3})]}
	{f.msg | some f in findings} == {"instance i-1 is missing 3 approved patch(es) (last Scan ended 2025-01-01T00:00:00Z)"}
}

test_message_without_operation if {
	findings := data.ecsguard.ecs.patch_missing.deny with input as {"patch_states": [object.remove(state({"MissingCount": 1}), ["Operation"])]}
	{f.msg | some f in findings} == {"instance i-1 is missing 1 approved patch(es)"}
}
