# METADATA
# title: Target tracking rule aims at an unreasonable utilization
# description: >-
#   A target tracking scaling rule on a utilization metric has a TargetValue
#   outside the band set for that metric in bands (default 20..85 % for CPU,
#   20..90 % for memory). Above the band the group scales out only once its
#   instances are saturated, so latency suffers before capacity arrives and a
#   lost instance overloads the rest; below it the group keeps most of its
#   capacity idle and pays for it.
# custom:
#   id: ESS-036
#   severity: low
#   resource_type: scaling_rule
#   remediation:
#     text: >-
#       Set the rule's TargetValue inside the band (for CPU, typically 40-70 %),
#       or change the band for this workload with --data.
#     cli: aliyun ess ModifyScalingRule --RegionId {RegionId} --ScalingRuleId {ScalingRuleId} --TargetValue <percent>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalingrule
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describescalingrules
package ecsguard.ess.target_tracking_target

bands := data.ecsguard.params.target_tracking_target.bands

deny contains f if {
	some gi, g in input.scaling_groups
	some ri, r in g.scaling_rules
	r.ScalingRuleType == "TargetTrackingScalingRule"
	band := bands[r.MetricName]
	outside(r.TargetValue, band)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_rules/%d/TargetValue", [gi, ri]),
		"msg": sprintf("target tracking rule %s of scaling group %s aims at %s %v, outside %v..%v", [rule_label(r), group_label(g), r.MetricName, r.TargetValue, band[0], band[1]]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ri, r in g.scaling_rules
	r.ScalingRuleType == "TargetTrackingScalingRule"
	some reason in undecided(r)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_rules/%d", [gi, ri]),
		"msg": sprintf("target tracking rule %s of scaling group %s has %s, its target cannot be judged", [rule_label(r), group_label(g), reason]),
	}
}

undecided(r) := {"no MetricName in the snapshot" | not r.MetricName} | {"no TargetValue in the snapshot" |
	bands[r.MetricName]
	# A plain ref tests absence: the loader guarantees the type when present.
	not r.TargetValue
}

outside(v, band) if v < band[0]

outside(v, band) if v > band[1]

rule_label(r) := concat("", [r.ScalingRuleId, " (", r.ScalingRuleName, ")"]) if {
	r.ScalingRuleName != ""
} else := r.ScalingRuleId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
