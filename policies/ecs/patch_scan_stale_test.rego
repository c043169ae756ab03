package ecsguard.ecs.patch_scan_stale_test

# 2025-01-01T00:00:00Z
now := 1735689600000000000

state(fields) := object.union({"InstanceId": "i-1", "RegionId": "cn-hangzhou", "Operation": "Scan", "OperationEndTime": "2024-12-30T00:00:00Z"}, fields)

deny_pointers(states) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.patch_scan_stale.deny with input as {"patch_states": states}
		with data.ecsguard.now_ns as now
}

unknown_pointers(states) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.patch_scan_stale.unknown with input as {"patch_states": states}
		with data.ecsguard.now_ns as now
}

test_old_scan_is_denied if {
	states := [state({"OperationEndTime": "2024-11-01T00:00:00Z"})]
	deny_pointers(states) == {"/patch_states/0/OperationEndTime"}
	count(unknown_pointers(states)) == 0
}

test_message_gives_operation_and_age if {
	findings := data.ecsguard.ecs.patch_scan_stale.deny with input as {"patch_states": [state({"Operation": "Install", "OperationEndTime": "2024-11-01T00:00:00Z"})]}
		with data.ecsguard.now_ns as now
	{f.msg | some f in findings} == {"the last patch install of instance i-1 ended 2024-11-01T00:00:00Z, 61 days ago (limit 14 days)"}
}

test_message_without_operation if {
	findings := data.ecsguard.ecs.patch_scan_stale.deny with input as {"patch_states": [object.remove(state({"OperationEndTime": "2024-11-01T00:00:00Z"}), ["Operation"])]}
		with data.ecsguard.now_ns as now
	{f.msg | some f in findings} == {"the last patch operation of instance i-1 ended 2024-11-01T00:00:00Z, 61 days ago (limit 14 days)"}
}

test_recent_scan_passes if {
	count(deny_pointers([state({})])) == 0
	count(unknown_pointers([state({})])) == 0
}

test_threshold_is_a_parameter if {
	findings := data.ecsguard.ecs.patch_scan_stale.deny with input as {"patch_states": [state({})]}
		with data.ecsguard.now_ns as now
		with data.ecsguard.params.patch_scan_stale.max_days as 1
	{f.pointer | some f in findings} == {"/patch_states/0/OperationEndTime"}
}

test_only_the_stale_state_is_denied if {
	states := [state({}), state({"InstanceId": "i-2", "OperationEndTime": "2024-12-01T00:00:00Z"})]
	deny_pointers(states) == {"/patch_states/1/OperationEndTime"}
}

test_missing_end_time_is_unknown if {
	states := [object.remove(state({}), ["OperationEndTime"])]
	unknown_pointers(states) == {"/patch_states/0"}
	count(deny_pointers(states)) == 0
}
