package ecsguard.ess.failure_notification_test

note(types) := {"NotificationArn": "acs:ess:cn-hangzhou:123:cloudmonitor", "RegionId": "cn-hangzhou", "NotificationTypes": types}

both := ["AUTOSCALING:SCALE_OUT_ERROR", "AUTOSCALING:SCALE_IN_ERROR"]

group(notes) := {"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "notification_configurations": notes}

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.failure_notification.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.failure_notification.unknown with input as {"scaling_groups": groups}
}

test_group_without_notifications_is_denied if {
	deny_pointers([group([])]) == {"/scaling_groups/0"}
	count(unknown_pointers([group([])])) == 0
}

test_message_lists_missing_types if {
	findings := data.ecsguard.ess.failure_notification.deny with input as {"scaling_groups": [group([note(["AUTOSCALING:SCALE_OUT_ERROR", "AUTOSCALING:SCALE_OUT_SUCCESS"])])]}
	{f.msg | some f in findings} == {"scaling group asg-1 (web) has no notification for AUTOSCALING:SCALE_IN_ERROR"}
}

test_failures_covered_pass if {
	groups := [group([note(both)]), group([note(["AUTOSCALING:SCALE_OUT_ERROR"]), note(["AUTOSCALING:SCALE_IN_ERROR"])])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_silent_group_is_denied if {
	deny_pointers([group([note(both)]), group([note(["AUTOSCALING:SCALE_IN_SUCCESS"])])]) == {"/scaling_groups/1"}
}

test_missing_data_is_unknown if {
	groups := [{"ScalingGroupId": "asg-1", "RegionId": "cn-hangzhou"}, group([{"NotificationArn": "acs:ess:cn-hangzhou:123:cloudmonitor", "RegionId": "cn-hangzhou"}]), group([note(both), {"NotificationArn": "x", "RegionId": "cn-hangzhou"}])]
	unknown_pointers(groups) == {"/scaling_groups/0", "/scaling_groups/1"}
	count(deny_pointers(groups)) == 0
}

test_messages_list_both_missing_types_and_name_the_reason if {
	denied := data.ecsguard.ess.failure_notification.deny with input as {"scaling_groups": [group([])]}
	{f.msg | some f in denied} == {"scaling group asg-1 (web) has no notification for AUTOSCALING:SCALE_OUT_ERROR or AUTOSCALING:SCALE_IN_ERROR"}
	groups := [{"ScalingGroupId": "asg-1", "RegionId": "cn-hangzhou"}, group([{"NotificationArn": "x", "RegionId": "cn-hangzhou"}])]
	unknown := data.ecsguard.ess.failure_notification.unknown with input as {"scaling_groups": groups}
	{f.msg | some f in unknown} == {
		"scaling group asg-1 has no notification_configurations in the snapshot, whether its failures are reported cannot be judged",
		"a notification configuration of scaling group asg-1 (web) has no NotificationTypes in the snapshot, whether its failures are reported cannot be judged",
	}
}

test_one_group_notified_does_not_cover_another if {
	deny_pointers([group([note(both)]), group([])]) == {"/scaling_groups/1"}
}
