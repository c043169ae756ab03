package ecsguard.ess.task_missing_rule_test

ari(id) := concat("", ["ari:acs:ess:cn-hangzhou:123:scalingrule/", id])

rule(id) := {"ScalingRuleId": id, "RegionId": "cn-hangzhou", "ScalingRuleAri": ari(id)}

task(fields) := object.union({"ScheduledTaskId": "t-1", "ScheduledTaskName": "morning", "RegionId": "cn-hangzhou", "TaskEnabled": true, "ScheduledAction": ari("asr-1")}, fields)

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scaling_rules": [rule("asr-1")], "scheduled_tasks": [task({})]}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.task_missing_rule.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.task_missing_rule.unknown with input as {"scaling_groups": groups}
}

test_task_with_deleted_rule_is_denied if {
	groups := [group({"scheduled_tasks": [task({"ScheduledAction": ari("asr-9")})]})]
	deny_pointers(groups) == {"/scaling_groups/0/scheduled_tasks/0/ScheduledAction"}
	count(unknown_pointers(groups)) == 0
}

test_message if {
	findings := data.ecsguard.ess.task_missing_rule.deny with input as {"scaling_groups": [group({"scheduled_tasks": [task({"ScheduledAction": ari("asr-9")})]})]}
	{f.msg | some f in findings} == {"scheduled task t-1 (morning) of scaling group asg-1 (web) runs scaling rule ari:acs:ess:cn-hangzhou:123:scalingrule/asr-9, which does not exist"}
}

test_existing_rule_or_capacity_task_passes if {
	groups := [group({"scheduled_tasks": [task({}), object.remove(task({"ScheduledTaskId": "t-2", "DesiredCapacity": 2}), ["ScheduledAction"])]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_broken_task_is_denied if {
	groups := [group({"scheduled_tasks": [task({}), task({"ScheduledTaskId": "t-2", "ScheduledAction": ari("asr-3")})]})]
	deny_pointers(groups) == {"/scaling_groups/0/scheduled_tasks/1/ScheduledAction"}
}

test_uncollected_rules_in_region_make_it_unknown if {
	groups := [group({"scheduled_tasks": [task({"ScheduledAction": ari("asr-9")})]}), object.remove(group({"ScalingGroupId": "asg-2", "scheduled_tasks": []}), ["scaling_rules"])]
	unknown_pointers(groups) == {"/scaling_groups/0/scheduled_tasks/0"}
	count(deny_pointers(groups)) == 0
}
