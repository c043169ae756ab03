package ecsguard.ess.alarm_conflict_test

ari(id) := concat("", ["ari:acs:ess:cn-hangzhou:123:scalingrule/", id])

rules := [
	{"ScalingRuleId": "asr-out", "RegionId": "cn-hangzhou", "ScalingRuleAri": ari("asr-out"), "ScalingRuleType": "SimpleScalingRule", "AdjustmentType": "QuantityChangeInCapacity", "AdjustmentValue": 1},
	{"ScalingRuleId": "asr-in", "RegionId": "cn-hangzhou", "ScalingRuleAri": ari("asr-in"), "ScalingRuleType": "SimpleScalingRule", "AdjustmentType": "QuantityChangeInCapacity", "AdjustmentValue": -1},
]

high(fields) := object.union({"AlarmTaskId": "a-high", "Name": "cpu-high", "RegionId": "cn-hangzhou", "MetricName": "CpuUtilization", "Statistics": "Average", "ComparisonOperator": ">=", "Threshold": 50, "Enable": true, "AlarmActions": [ari("asr-out")]}, fields)

low(fields) := object.union({"AlarmTaskId": "a-low", "Name": "cpu-low", "RegionId": "cn-hangzhou", "MetricName": "CpuUtilization", "Statistics": "Average", "ComparisonOperator": "<=", "Threshold": 60, "Enable": true, "AlarmActions": [ari("asr-in")]}, fields)

groups(alarms) := [{"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "scaling_rules": rules, "alarms": alarms}]

deny_pointers(alarms) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.alarm_conflict.deny with input as {"scaling_groups": groups(alarms)}
}

unknown_pointers(alarms) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.alarm_conflict.unknown with input as {"scaling_groups": groups(alarms)}
}

both := {"/scaling_groups/0/alarms/0/Threshold", "/scaling_groups/0/alarms/1/Threshold"}

test_overlapping_thresholds_are_denied if {
	deny_pointers([high({}), low({})]) == both
	count(unknown_pointers([high({}), low({})])) == 0
}

test_equal_inclusive_thresholds_overlap if {
	deny_pointers([high({"Threshold": 60}), low({})]) == both
}

test_same_direction_conditions_overlap if {
	deny_pointers([high({}), low({"ComparisonOperator": ">", "Threshold": 20})]) == both
	deny_pointers([high({"ComparisonOperator": "<", "Threshold": 10}), low({"Threshold": 30})]) == both
	deny_pointers([high({"ComparisonOperator": "<=", "Threshold": 70}), low({"ComparisonOperator": ">=", "Threshold": 60})]) == both
}

test_message if {
	findings := data.ecsguard.ess.alarm_conflict.deny with input as {"scaling_groups": groups([high({}), low({})])}
	{f.msg | some f in findings} == {"scale-out alarm a-high (cpu-high) (>= 50) and scale-in alarm a-low (cpu-low) (<= 60) of scaling group asg-1 (web) can both fire on CpuUtilization: the group flaps"}
}

test_separated_or_unrelated_alarms_pass if {
	cases := [
		[high({"Threshold": 70}), low({"Threshold": 30})],
		[high({"Threshold": 60, "ComparisonOperator": ">"}), low({})],
		[high({}), low({"Enable": false})],
		[high({}), low({"MetricName": "MemoryUtilization"})],
		[high({}), low({"Statistics": "Maximum"})],
		[high({}), low({"AlarmActions": [ari("asr-out")]})],
		[high({"ComparisonOperator": "<=", "Threshold": 40}), low({"ComparisonOperator": ">=", "Threshold": 60})],
	]
	every alarms in cases {
		count(deny_pointers(alarms)) == 0
		count(unknown_pointers(alarms)) == 0
	}
}

test_uncollected_rules_are_unknown if {
	findings := data.ecsguard.ess.alarm_conflict.unknown with input as {"scaling_groups": [{"ScalingGroupId": "asg-1", "RegionId": "cn-hangzhou", "alarms": [high({}), low({}), low({"AlarmTaskId": "a-mem", "MetricName": "MemoryUtilization"})]}]}
	{f.pointer | some f in findings} == {"/scaling_groups/0/alarms/0", "/scaling_groups/0/alarms/1"}
}
