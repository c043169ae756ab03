# METADATA
# title: Cost-optimized spot group does not fall back to pay-as-you-go
# description: >-
#   The scaling group uses the COST_OPTIMIZED multi-zone policy with spot
#   instances and CompensateWithOnDemand off. When spot capacity runs out or
#   gets too expensive in every candidate zone and type, the group then simply
#   fails to launch, instead of filling the gap with pay-as-you-go instances
#   until spot capacity returns.
# custom:
#   id: ESS-012
#   severity: medium
#   resource_type: scaling_group
#   requires: [scaling_configurations]
#   remediation:
#     text: >-
#       Turn on CompensateWithOnDemand for the scaling group, so that launches
#       that find no spot capacity fall back to pay-as-you-go instances.
#     cli: aliyun ess ModifyScalingGroup --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --CompensateWithOnDemand true
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
#     - https://alibabacloud.com/help/en/auto-scaling/use-cases/cost-reduction-by-using-preemptible-instances
package ecsguard.ess.spot_compensate

spot_strategies := {"SpotWithPriceLimit", "SpotAsPriceGo"}

deny contains f if {
	some i, g in input.scaling_groups
	g.CompensateWithOnDemand == false
	g.MultiAZPolicy == "COST_OPTIMIZED"
	uses_spot(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d/CompensateWithOnDemand", [i]),
		"msg": sprintf("cost-optimized scaling group %s runs spot instances with CompensateWithOnDemand false: when spot capacity runs out it launches nothing", [label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	not compensate_reported(g)
	g.MultiAZPolicy == "COST_OPTIMIZED"
	uses_spot(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("cost-optimized scaling group %s runs spot instances but has no CompensateWithOnDemand in the snapshot, its fallback cannot be judged", [label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	g.CompensateWithOnDemand == false
	not g.MultiAZPolicy
	uses_spot(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("spot scaling group %s has CompensateWithOnDemand false but no MultiAZPolicy in the snapshot, whether it needs the fallback cannot be judged", [label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	g.CompensateWithOnDemand == false
	g.MultiAZPolicy == "COST_OPTIMIZED"
	not uses_spot(g)
	some reason in spot_undecided(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("cost-optimized scaling group %s has CompensateWithOnDemand false and %s, so whether it runs spot cannot be judged", [label(g), reason]),
	}
}

# A configuration the group launches from: the Active one, or the one named
# by ActiveScalingConfigurationId.
active(g, c) if c.LifecycleState == "Active"

active(g, c) if c.ScalingConfigurationId == g.ActiveScalingConfigurationId

uses_spot(g) if {
	some c in g.scaling_configurations
	active(g, c)
	c.SpotStrategy in spot_strategies
}

# The group holds spot instances right now, whatever launched them.
uses_spot(g) if g.SpotCapacity > 0

spot_undecided(g) := {reason |
	not configs_collected(g)
	reason := "its scaling_configurations are not in the snapshot"
} | {reason |
	some c in g.scaling_configurations
	active(g, c)
	not c.SpotStrategy
	reason := sprintf("active scaling configuration %s has no SpotStrategy", [c.ScalingConfigurationId])
}

configs_collected(g) if is_array(g.scaling_configurations)

compensate_reported(g) if is_boolean(g.CompensateWithOnDemand)

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
