package ecsguard.ess.scale_in_hook_abandon_test

hook(fields) := object.union({"LifecycleHookId": "ash-1", "LifecycleHookName": "drain", "RegionId": "cn-hangzhou", "LifecycleTransition": "SCALE_IN", "DefaultResult": "ABANDON", "HeartbeatTimeout": 300, "LifecycleHookStatus": "Active"}, fields)

groups(hooks) := [{"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "lifecycle_hooks": hooks}]

deny_pointers(hooks) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.scale_in_hook_abandon.deny with input as {"scaling_groups": groups(hooks)}
}

unknown_pointers(hooks) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.scale_in_hook_abandon.unknown with input as {"scaling_groups": groups(hooks)}
}

test_abandoning_scale_in_hook_is_denied if {
	deny_pointers([hook({})]) == {"/scaling_groups/0/lifecycle_hooks/0/DefaultResult"}
	count(unknown_pointers([hook({})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.scale_in_hook_abandon.deny with input as {"scaling_groups": groups([hook({})])}
	{f.msg | some f in findings} == {"SCALE_IN lifecycle hook ash-1 (drain) of scaling group asg-1 (web) has DefaultResult ABANDON: on timeout the other scale-in hooks are skipped"}
}

test_continue_scale_out_and_inactive_hooks_pass if {
	hooks := [hook({"DefaultResult": "CONTINUE"}), hook({"LifecycleTransition": "SCALE_OUT"}), hook({"LifecycleHookStatus": "InActive"})]
	count(deny_pointers(hooks)) == 0
	count(unknown_pointers(hooks)) == 0
}

test_only_the_abandoning_hook_is_denied if {
	deny_pointers([hook({"DefaultResult": "CONTINUE"}), hook({"LifecycleHookId": "ash-2"})]) == {"/scaling_groups/0/lifecycle_hooks/1/DefaultResult"}
}

test_missing_fields_are_unknown_when_they_matter if {
	hooks := [object.remove(hook({}), ["DefaultResult"]), object.remove(hook({}), ["LifecycleTransition"]), object.remove(hook({"DefaultResult": "CONTINUE"}), ["LifecycleTransition"]), object.remove(hook({"LifecycleTransition": "SCALE_OUT"}), ["DefaultResult"])]
	unknown_pointers(hooks) == {"/scaling_groups/0/lifecycle_hooks/0", "/scaling_groups/0/lifecycle_hooks/1"}
	count(deny_pointers(hooks)) == 0
}
