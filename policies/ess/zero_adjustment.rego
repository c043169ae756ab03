# METADATA
# title: Simple scaling rule adjusts capacity by zero
# description: >-
#   The simple scaling rule changes capacity by a quantity or percentage of 0
#   (AdjustmentValue 0 with QuantityChangeInCapacity or
#   PercentChangeInCapacity). Every alarm or scheduled task that runs it
#   succeeds without changing anything, so the scaling the operator expects
#   never happens and nothing reports a failure.
# custom:
#   id: ESS-022
#   severity: medium
#   resource_type: scaling_rule
#   remediation:
#     text: >-
#       Give the rule a non-zero AdjustmentValue (positive to scale out,
#       negative to scale in), or delete it.
#     cli: aliyun ess ModifyScalingRule --RegionId {RegionId} --ScalingRuleId {ScalingRuleId} --AdjustmentValue <n>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalingrule
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describescalingrules
package ecsguard.ess.zero_adjustment

relative := {"QuantityChangeInCapacity", "PercentChangeInCapacity"}

deny contains f if {
	some gi, g in input.scaling_groups
	some ri, r in g.scaling_rules
	r.AdjustmentValue == 0
	r.ScalingRuleType == "SimpleScalingRule"
	r.AdjustmentType in relative
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_rules/%d/AdjustmentValue", [gi, ri]),
		"msg": sprintf("scaling rule %s of scaling group %s is a %s of 0: running it changes nothing", [rule_label(r), group_label(g), r.AdjustmentType]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ri, r in g.scaling_rules
	object.get(r, "ScalingRuleType", "SimpleScalingRule") == "SimpleScalingRule"
	some reason in undecided(r)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_rules/%d", [gi, ri]),
		"msg": sprintf("scaling rule %s of scaling group %s has %s, whether it changes capacity cannot be judged", [rule_label(r), group_label(g), reason]),
	}
}

undecided(r) := {"no ScalingRuleType in the snapshot" |
	r.AdjustmentValue == 0
	not r.ScalingRuleType
} | {"no AdjustmentValue in the snapshot" |
	r.ScalingRuleType == "SimpleScalingRule"
	# A plain ref tests absence: the loader guarantees the type when present.
	not r.AdjustmentValue
} | {"AdjustmentValue 0 but no AdjustmentType in the snapshot" |
	r.AdjustmentValue == 0
	not r.AdjustmentType
}

rule_label(r) := concat("", [r.ScalingRuleId, " (", r.ScalingRuleName, ")"]) if {
	r.ScalingRuleName != ""
} else := r.ScalingRuleId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
