package ecsguard.ess.alarm_missing_rule_test

ari(id) := concat("", ["ari:acs:ess:cn-hangzhou:123:scalingrule/", id])

rule(id) := {"ScalingRuleId": id, "RegionId": "cn-hangzhou", "ScalingRuleAri": ari(id)}

alarm(fields) := object.union({"AlarmTaskId": "alarm-1", "Name": "cpu-high", "RegionId": "cn-hangzhou", "Enable": true, "AlarmActions": [ari("asr-1")]}, fields)

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scaling_rules": [rule("asr-1")], "alarms": [alarm({})]}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.alarm_missing_rule.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.alarm_missing_rule.unknown with input as {"scaling_groups": groups}
}

test_alarm_with_deleted_rule_is_denied if {
	groups := [group({"alarms": [alarm({"AlarmActions": [ari("asr-9")]})]})]
	deny_pointers(groups) == {"/scaling_groups/0/alarms/0/AlarmActions"}
	count(unknown_pointers(groups)) == 0
}

test_message if {
	findings := data.ecsguard.ess.alarm_missing_rule.deny with input as {"scaling_groups": [group({"alarms": [alarm({"AlarmActions": [ari("asr-9")]})]})]}
	{f.msg | some f in findings} == {"alarm alarm-1 (cpu-high) of scaling group asg-1 (web) runs scaling rule ari:acs:ess:cn-hangzhou:123:scalingrule/asr-9, which does not exist"}
}

test_alarm_with_existing_rules_passes if {
	groups := [group({}), group({"ScalingGroupId": "asg-2", "scaling_rules": [rule("asr-2")], "alarms": [alarm({"AlarmActions": [ari("asr-1"), ari("asr-2")]})]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_broken_alarm_is_denied if {
	groups := [group({"alarms": [alarm({}), alarm({"AlarmTaskId": "alarm-2", "AlarmActions": [ari("asr-1"), ari("asr-7")]})]})]
	deny_pointers(groups) == {"/scaling_groups/0/alarms/1/AlarmActions"}
}

test_uncollected_rules_in_region_make_it_unknown if {
	groups := [group({"alarms": [alarm({"AlarmActions": [ari("asr-9")]})]}), object.remove(group({"ScalingGroupId": "asg-2", "alarms": []}), ["scaling_rules"])]
	unknown_pointers(groups) == {"/scaling_groups/0/alarms/0"}
	count(deny_pointers(groups)) == 0
}

test_missing_actions_are_unknown if {
	groups := [group({"alarms": [object.remove(alarm({}), ["AlarmActions"])]})]
	unknown_pointers(groups) == {"/scaling_groups/0/alarms/0"}
	count(deny_pointers(groups)) == 0
}
