package ecsguard.ess.zero_adjustment_test

rule(fields) := object.union({"ScalingRuleId": "asr-1", "ScalingRuleName": "add-one", "RegionId": "cn-hangzhou", "ScalingRuleType": "SimpleScalingRule", "AdjustmentType": "QuantityChangeInCapacity", "AdjustmentValue": 0}, fields)

groups(rules) := [{"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scaling_rules": rules}]

deny_pointers(rules) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.zero_adjustment.deny with input as {"scaling_groups": groups(rules)}
}

unknown_pointers(rules) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.zero_adjustment.unknown with input as {"scaling_groups": groups(rules)}
}

test_zero_rule_is_denied if {
	deny_pointers([rule({})]) == {"/scaling_groups/0/scaling_rules/0/AdjustmentValue"}
	deny_pointers([rule({"AdjustmentType": "PercentChangeInCapacity"})]) == {"/scaling_groups/0/scaling_rules/0/AdjustmentValue"}
	count(unknown_pointers([rule({})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.zero_adjustment.deny with input as {"scaling_groups": groups([rule({})])}
	{f.msg | some f in findings} == {"scaling rule asr-1 (add-one) of scaling group asg-1 (web) is a QuantityChangeInCapacity of 0: running it changes nothing"}
}

test_non_zero_total_and_other_types_pass if {
	rules := [
		rule({"AdjustmentValue": 1}),
		rule({"AdjustmentValue": -2}),
		rule({"AdjustmentType": "TotalCapacity"}),
		rule({"ScalingRuleType": "TargetTrackingScalingRule", "AdjustmentType": "TotalCapacity"}),
		object.remove(rule({"ScalingRuleType": "StepScalingRule"}), ["AdjustmentValue"]),
	]
	count(deny_pointers(rules)) == 0
	count(unknown_pointers(rules)) == 0
}

test_only_the_zero_rule_is_denied if {
	deny_pointers([rule({"AdjustmentValue": 1}), rule({"ScalingRuleId": "asr-2"})]) == {"/scaling_groups/0/scaling_rules/1/AdjustmentValue"}
}

test_missing_fields_are_unknown_when_they_matter if {
	rules := [
		object.remove(rule({}), ["AdjustmentValue"]),
		object.remove(rule({}), ["ScalingRuleType"]),
		object.remove(rule({}), ["AdjustmentType"]),
		object.remove(rule({"AdjustmentValue": 3}), ["ScalingRuleType"]),
	]
	unknown_pointers(rules) == {"/scaling_groups/0/scaling_rules/0", "/scaling_groups/0/scaling_rules/1", "/scaling_groups/0/scaling_rules/2"}
	count(deny_pointers(rules)) == 0
}
