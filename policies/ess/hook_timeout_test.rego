package ecsguard.ess.hook_timeout_test

hook(fields) := object.union({"LifecycleHookId": "ash-1", "LifecycleHookName": "drain", "RegionId": "cn-hangzhou", "LifecycleTransition": "SCALE_IN", "LifecycleHookStatus": "Active", "DefaultResult": "CONTINUE", "HeartbeatTimeout": 300}, fields)

group(hooks) := {"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "lifecycle_hooks": hooks}

deny_pointers(hooks) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.hook_timeout.deny with input as {"scaling_groups": [group(hooks)]}
}

unknown_pointers(hooks) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.hook_timeout.unknown with input as {"scaling_groups": [group(hooks)]}
}

test_short_timeout_is_denied if {
	deny_pointers([hook({"HeartbeatTimeout": 30})]) == {"/scaling_groups/0/lifecycle_hooks/0/HeartbeatTimeout"}
	count(unknown_pointers([hook({"HeartbeatTimeout": 30})])) == 0
}

test_long_timeout_is_denied if {
	deny_pointers([hook({"HeartbeatTimeout": 21600})]) == {"/scaling_groups/0/lifecycle_hooks/0/HeartbeatTimeout"}
}

test_message_gives_timeout_and_bounds if {
	findings := data.ecsguard.ess.hook_timeout.deny with input as {"scaling_groups": [group([hook({"HeartbeatTimeout": 30})])]}
	{f.msg | some f in findings} == {"SCALE_IN lifecycle hook ash-1 (drain) of scaling group asg-1 (web) has HeartbeatTimeout 30 s, outside 60..3600 s"}
}

test_sane_timeout_passes if {
	count(deny_pointers([hook({})])) == 0
	count(unknown_pointers([hook({})])) == 0
}

test_scale_out_and_inactive_hooks_pass if {
	hooks := [hook({"LifecycleTransition": "SCALE_OUT", "HeartbeatTimeout": 30}), hook({"LifecycleHookId": "ash-2", "LifecycleHookStatus": "InActive", "HeartbeatTimeout": 30})]
	count(deny_pointers(hooks)) == 0
	count(unknown_pointers(hooks)) == 0
}

test_bounds_are_parameters if {
	findings := data.ecsguard.ess.hook_timeout.deny with input as {"scaling_groups": [group([hook({})])]}
		with data.ecsguard.params.hook_timeout.min_seconds as 600
	{f.pointer | some f in findings} == {"/scaling_groups/0/lifecycle_hooks/0/HeartbeatTimeout"}
}

test_only_the_bad_hook_is_denied if {
	deny_pointers([hook({}), hook({"LifecycleHookId": "ash-2", "HeartbeatTimeout": 45})]) == {"/scaling_groups/0/lifecycle_hooks/1/HeartbeatTimeout"}
}

test_missing_timeout_is_unknown if {
	hooks := [object.remove(hook({}), ["HeartbeatTimeout"])]
	unknown_pointers(hooks) == {"/scaling_groups/0/lifecycle_hooks/0"}
	count(deny_pointers(hooks)) == 0
}

test_missing_transition_is_unknown_only_when_out_of_bounds if {
	hooks := [object.remove(hook({"HeartbeatTimeout": 30}), ["LifecycleTransition"]), object.remove(hook({"LifecycleHookId": "ash-2"}), ["LifecycleTransition"])]
	unknown_pointers(hooks) == {"/scaling_groups/0/lifecycle_hooks/0"}
	count(deny_pointers(hooks)) == 0
}
