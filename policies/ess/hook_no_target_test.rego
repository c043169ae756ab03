package ecsguard.ess.hook_no_target_test

hook(fields) := object.union({"LifecycleHookId": "ash-1", "LifecycleHookName": "drain", "RegionId": "cn-hangzhou", "LifecycleTransition": "SCALE_IN", "LifecycleHookStatus": "Active", "NotificationArn": "acs:ess:cn-hangzhou:123:null/null"}, fields)

groups(hooks) := [{"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "lifecycle_hooks": hooks}]

deny_pointers(hooks) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.hook_no_target.deny with input as {"scaling_groups": groups(hooks)}
}

unknown_pointers(hooks) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.hook_no_target.unknown with input as {"scaling_groups": groups(hooks)}
}

test_placeholder_target_is_denied if {
	deny_pointers([hook({})]) == {"/scaling_groups/0/lifecycle_hooks/0/NotificationArn"}
	count(unknown_pointers([hook({})])) == 0
}

test_empty_target_is_denied if {
	deny_pointers([hook({"NotificationArn": ""})]) == {"/scaling_groups/0/lifecycle_hooks/0/NotificationArn"}
}

test_message if {
	findings := data.ecsguard.ess.hook_no_target.deny with input as {"scaling_groups": groups([hook({})])}
	{f.msg | some f in findings} == {"lifecycle hook ash-1 (drain) of scaling group asg-1 (web) has no notification target (acs:ess:cn-hangzhou:123:null/null): instances just wait out the timeout"}
}

test_real_target_or_inactive_hook_passes if {
	hooks := [hook({"NotificationArn": "acs:mns:cn-hangzhou:123:queue/drain"}), hook({"LifecycleHookStatus": "InActive"})]
	count(deny_pointers(hooks)) == 0
	count(unknown_pointers(hooks)) == 0
}

test_only_the_untargeted_hook_is_denied if {
	deny_pointers([hook({"NotificationArn": "acs:oos:cn-hangzhou:123:template/drain"}), hook({"LifecycleHookId": "ash-2"})]) == {"/scaling_groups/0/lifecycle_hooks/1/NotificationArn"}
}

test_missing_arn_is_unknown if {
	hooks := [object.remove(hook({}), ["NotificationArn"])]
	unknown_pointers(hooks) == {"/scaling_groups/0/lifecycle_hooks/0"}
	count(deny_pointers(hooks)) == 0
}
