package ecsguard.ess.target_tracking_target_test

rule(fields) := object.union({"ScalingRuleId": "asr-1", "ScalingRuleName": "cpu-tt", "RegionId": "cn-hangzhou", "ScalingRuleType": "TargetTrackingScalingRule", "MetricName": "CpuUtilization", "TargetValue": 95}, fields)

groups(rules) := [{"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scaling_rules": rules}]

deny_pointers(rules) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.target_tracking_target.deny with input as {"scaling_groups": groups(rules)}
}

unknown_pointers(rules) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.target_tracking_target.unknown with input as {"scaling_groups": groups(rules)}
}

test_saturating_target_is_denied if {
	deny_pointers([rule({})]) == {"/scaling_groups/0/scaling_rules/0/TargetValue"}
	deny_pointers([rule({"TargetValue": 10})]) == {"/scaling_groups/0/scaling_rules/0/TargetValue"}
	count(unknown_pointers([rule({})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.target_tracking_target.deny with input as {"scaling_groups": groups([rule({})])}
	{f.msg | some f in findings} == {"target tracking rule asr-1 (cpu-tt) of scaling group asg-1 (web) aims at CpuUtilization 95, outside 20..85"}
}

test_sensible_or_unbanded_targets_pass if {
	rules := [rule({"TargetValue": 60}), rule({"MetricName": "IntranetTx", "TargetValue": 5000}), rule({"ScalingRuleType": "SimpleScalingRule", "TargetValue": 99}), rule({"MetricName": "MemoryUtilization", "TargetValue": 88})]
	count(deny_pointers(rules)) == 0
	count(unknown_pointers(rules)) == 0
}

test_bands_are_a_parameter if {
	findings := data.ecsguard.ess.target_tracking_target.deny with input as {"scaling_groups": groups([rule({"TargetValue": 60})])}
		with data.ecsguard.params.target_tracking_target.bands as {"CpuUtilization": [30, 50]}
	count(findings) == 1
}

test_only_the_bad_rule_is_denied if {
	deny_pointers([rule({"TargetValue": 50}), rule({"ScalingRuleId": "asr-2"})]) == {"/scaling_groups/0/scaling_rules/1/TargetValue"}
}

test_missing_fields_are_unknown if {
	rules := [object.remove(rule({}), ["TargetValue"]), object.remove(rule({}), ["MetricName"]), object.remove(rule({"MetricName": "IntranetRx"}), ["TargetValue"])]
	unknown_pointers(rules) == {"/scaling_groups/0/scaling_rules/0", "/scaling_groups/0/scaling_rules/1"}
	count(deny_pointers(rules)) == 0
}
