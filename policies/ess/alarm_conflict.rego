# METADATA
# title: Scale-out and scale-in alarms can fire at the same time
# description: >-
#   Two enabled event-triggered tasks (alarms) of the group watch the same
#   metric and statistic, one runs a scale-out rule and the other a scale-in
#   rule, and their conditions overlap (scale out at >= 50 and scale in at
#   <= 60 both hold at 55). While the metric sits in that band the group adds
#   and removes instances in turn: capacity flaps, instances are released
#   while warm and the bill grows. Rules are told apart by the sign of a
#   simple scaling rule's AdjustmentValue.
# custom:
#   id: ESS-023
#   severity: medium
#   resource_type: alarm
#   requires: [scaling_rules]
#   remediation:
#     text: >-
#       Leave a gap between the thresholds (scale out above the scale-in
#       threshold, for example >= 70 and <= 30), or replace the pair with one
#       target tracking rule.
#     cli: aliyun ess ModifyAlarm --RegionId {RegionId} --AlarmTaskId {AlarmTaskId} --Threshold <value>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyalarm
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describealarms
package ecsguard.ess.alarm_conflict

relative := {"QuantityChangeInCapacity", "PercentChangeInCapacity"}

simple_rules := [r |
	some g in input.scaling_groups
	some r in g.scaling_rules
	r.ScalingRuleType == "SimpleScalingRule"
	r.AdjustmentType in relative
]

out_aris := {r.ScalingRuleAri | some r in simple_rules; r.AdjustmentValue > 0}

in_aris := {r.ScalingRuleAri | some r in simple_rules; r.AdjustmentValue < 0}

upper := {">", ">="}

lower := {"<", "<="}

deny contains f if {
	some gi, g in input.scaling_groups
	some ai, a in g.alarms
	a.Enable == true
	some ari in a.AlarmActions
	ari in out_aris
	some bi, b in g.alarms
	b.Enable == true
	b.MetricName == a.MetricName
	object.get(b, "Statistics", "") == object.get(a, "Statistics", "")
	some bari in b.AlarmActions
	bari in in_aris
	overlap(a, b)
	some i in [ai, bi]
	f := {
		"pointer": sprintf("/scaling_groups/%d/alarms/%d/Threshold", [gi, i]),
		"msg": sprintf("scale-out alarm %s (%s %v) and scale-in alarm %s (%s %v) of scaling group %s can both fire on %s: the group flaps", [alarm_label(a), a.ComparisonOperator, a.Threshold, alarm_label(b), b.ComparisonOperator, b.Threshold, group_label(g), a.MetricName]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	# A plain ref tests absence: the loader guarantees the type when present.
	not g.scaling_rules
	some ai, a in g.alarms
	a.Enable == true
	some b in g.alarms
	b.AlarmTaskId != a.AlarmTaskId
	b.Enable == true
	b.MetricName == a.MetricName
	f := {
		"pointer": sprintf("/scaling_groups/%d/alarms/%d", [gi, ai]),
		"msg": sprintf("alarm %s of scaling group %s shares metric %s with another enabled alarm, but the group's scaling_rules are not in the snapshot, so whether they scale in opposite directions cannot be judged", [alarm_label(a), group_label(g), a.MetricName]),
	}
}

# Can a.ComparisonOperator a.Threshold and b.ComparisonOperator b.Threshold
# hold for one value of the metric?
overlap(a, b) if {
	a.ComparisonOperator in upper
	b.ComparisonOperator in upper
}

overlap(a, b) if {
	a.ComparisonOperator in lower
	b.ComparisonOperator in lower
}

overlap(a, b) if {
	a.ComparisonOperator in upper
	b.ComparisonOperator in lower
	meets(a.Threshold, a.ComparisonOperator, b.Threshold, b.ComparisonOperator)
}

overlap(a, b) if {
	a.ComparisonOperator in lower
	b.ComparisonOperator in upper
	meets(b.Threshold, b.ComparisonOperator, a.Threshold, a.ComparisonOperator)
}

# "above lo" and "below hi" leave a common value.
meets(lo, _, hi, _) if lo < hi

meets(lo, ">=", hi, "<=") if lo == hi

alarm_label(a) := concat("", [a.AlarmTaskId, " (", a.Name, ")"]) if {
	a.Name != ""
} else := a.AlarmTaskId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
