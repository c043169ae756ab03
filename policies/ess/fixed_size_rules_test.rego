package ecsguard.ess.fixed_size_rules_test

rule := {"ScalingRuleId": "asr-1", "RegionId": "cn-hangzhou", "ScalingRuleType": "SimpleScalingRule", "AdjustmentType": "QuantityChangeInCapacity", "AdjustmentValue": 1}

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "MinSize": 4, "MaxSize": 4, "scaling_rules": [rule], "scheduled_tasks": []}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.fixed_size_rules.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.fixed_size_rules.unknown with input as {"scaling_groups": groups}
}

test_fixed_group_with_rules_is_denied if {
	deny_pointers([group({})]) == {"/scaling_groups/0/MaxSize"}
	count(unknown_pointers([group({})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.fixed_size_rules.deny with input as {"scaling_groups": [group({})]}
	{f.msg | some f in findings} == {"scaling group asg-1 (web) has MinSize = MaxSize = 4 but 1 scaling rule(s): they can never change its size"}
}

test_elastic_or_ruleless_or_scheduled_groups_pass if {
	task := {"ScheduledTaskId": "t-1", "RegionId": "cn-hangzhou", "TaskEnabled": true, "MaxValue": 10}
	groups := [group({"MaxSize": 8}), group({"scaling_rules": []}), group({"scheduled_tasks": [task]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_disabled_schedule_does_not_help if {
	task := {"ScheduledTaskId": "t-1", "RegionId": "cn-hangzhou", "TaskEnabled": false, "MaxValue": 10}
	groups := [group({"MaxSize": 8}), group({"ScalingGroupId": "asg-2", "scheduled_tasks": [task]})]
	deny_pointers(groups) == {"/scaling_groups/1/MaxSize"}
}

test_missing_collections_are_unknown if {
	groups := [object.remove(group({}), ["scaling_rules"]), object.remove(group({}), ["scheduled_tasks"]), object.remove(group({"scaling_rules": []}), ["scheduled_tasks"])]
	unknown_pointers(groups) == {"/scaling_groups/0", "/scaling_groups/1"}
	count(deny_pointers(groups)) == 0
}
