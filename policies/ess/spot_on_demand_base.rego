# METADATA
# title: Spot scaling group keeps no pay-as-you-go base
# description: >-
#   The scaling group runs spot instances with OnDemandBaseCapacity 0, so
#   every one of its instances may be spot, and a single reclaim wave or spot
#   stock-out in its zones can take the whole group down at once. A small
#   pay-as-you-go base keeps the service alive while spot capacity is
#   replaced. Groups meant to be all-spot (interruptible batch work) can
#   accept this finding.
# custom:
#   id: ESS-013
#   severity: low
#   resource_type: scaling_group
#   requires: [scaling_configurations]
#   remediation:
#     text: >-
#       Set OnDemandBaseCapacity to the number of instances the service needs
#       to survive a reclaim wave (at least 1, often MinSize).
#     cli: aliyun ess ModifyScalingGroup --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --OnDemandBaseCapacity <count>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
#     - https://alibabacloud.com/help/en/auto-scaling/use-cases/cost-reduction-by-using-preemptible-instances
package ecsguard.ess.spot_on_demand_base

spot_strategies := {"SpotWithPriceLimit", "SpotAsPriceGo"}

deny contains f if {
	some i, g in input.scaling_groups
	g.OnDemandBaseCapacity == 0
	uses_spot(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d/OnDemandBaseCapacity", [i]),
		"msg": sprintf("scaling group %s runs spot instances with OnDemandBaseCapacity 0: all of its capacity can be reclaimed at once", [label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	not base_reported(g)
	uses_spot(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s runs spot instances but has no OnDemandBaseCapacity in the snapshot, its pay-as-you-go base cannot be judged", [label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	g.OnDemandBaseCapacity == 0
	not uses_spot(g)
	some reason in spot_undecided(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has OnDemandBaseCapacity 0 and %s, so whether it runs spot cannot be judged", [label(g), reason]),
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

base_reported(g) if is_number(g.OnDemandBaseCapacity)

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
