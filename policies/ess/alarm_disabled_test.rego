package ecsguard.ess.alarm_disabled_test

alarm(fields) := object.union({"AlarmTaskId": "alarm-1", "Name": "cpu-high", "RegionId": "cn-hangzhou", "Enable": true}, fields)

groups(alarms) := [{"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "alarms": alarms}]

deny_pointers(alarms) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.alarm_disabled.deny with input as {"scaling_groups": groups(alarms)}
}

unknown_pointers(alarms) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.alarm_disabled.unknown with input as {"scaling_groups": groups(alarms)}
}

test_disabled_alarm_is_denied if {
	deny_pointers([alarm({"Enable": false})]) == {"/scaling_groups/0/alarms/0/Enable"}
	count(unknown_pointers([alarm({"Enable": false})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.alarm_disabled.deny with input as {"scaling_groups": groups([alarm({"Enable": false})])}
	{f.msg | some f in findings} == {"alarm alarm-1 (cpu-high) of scaling group asg-1 (web) is disabled: its scaling rules never run"}
}

test_enabled_alarm_passes if {
	count(deny_pointers([alarm({})])) == 0
	count(unknown_pointers([alarm({})])) == 0
}

test_only_the_disabled_alarm_is_denied if {
	deny_pointers([alarm({}), alarm({"AlarmTaskId": "alarm-2", "Enable": false})]) == {"/scaling_groups/0/alarms/1/Enable"}
}

test_missing_enable_is_unknown if {
	alarms := [object.remove(alarm({}), ["Enable"])]
	unknown_pointers(alarms) == {"/scaling_groups/0/alarms/0"}
	count(deny_pointers(alarms)) == 0
}
