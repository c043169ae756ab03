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

# Groups that run spot, by index, computed once (a helper call per group in
# every body costs more than all their tests; Performance in
# policies/README.md): an active configuration (the Active one, or the one
# named by ActiveScalingConfigurationId) launches spot, or the group holds
# spot instances now, whatever launched them.
spot_groups := {i |
	spot := spot_strategies
	some i, g in input.scaling_groups
	some c in g.scaling_configurations
	c.SpotStrategy in spot
	c.LifecycleState == "Active"
} | {i |
	spot := spot_strategies
	some i, g in input.scaling_groups
	some c in g.scaling_configurations
	c.SpotStrategy in spot
	c.ScalingConfigurationId == g.ActiveScalingConfigurationId
} | {i | some i, g in input.scaling_groups; g.SpotCapacity > 0}

deny contains f if {
	sp := spot_groups
	some i, g in input.scaling_groups
	g.OnDemandBaseCapacity == 0
	i in sp
	f := {
		"pointer": sprintf("/scaling_groups/%d/OnDemandBaseCapacity", [i]),
		"msg": sprintf("scaling group %s runs spot instances with OnDemandBaseCapacity 0: all of its capacity can be reclaimed at once", [label(g)]),
	}
}

# Plain refs test absence: the loader guarantees the type when present.
unknown contains f if {
	sp := spot_groups
	some i, g in input.scaling_groups
	not g.OnDemandBaseCapacity
	i in sp
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s runs spot instances but has no OnDemandBaseCapacity in the snapshot, its pay-as-you-go base cannot be judged", [label(g)]),
	}
}

# Whether the group runs spot cannot be told: one body per reason, the rare
# missing data tested first.
unknown contains spot_undecided(i, g, "its scaling_configurations are not in the snapshot") if {
	sp := spot_groups
	some i, g in input.scaling_groups
	not g.scaling_configurations
	g.OnDemandBaseCapacity == 0
	not i in sp
}

unknown contains spot_undecided(i, g, sprintf("active scaling configuration %s has no SpotStrategy", [c.ScalingConfigurationId])) if {
	sp := spot_groups
	some i, g in input.scaling_groups
	some c in g.scaling_configurations
	not c.SpotStrategy
	active(g, c)
	g.OnDemandBaseCapacity == 0
	not i in sp
}

spot_undecided(i, g, reason) := {
	"pointer": sprintf("/scaling_groups/%d", [i]),
	"msg": sprintf("scaling group %s has OnDemandBaseCapacity 0 and %s, so whether it runs spot cannot be judged", [label(g), reason]),
}

# A configuration the group launches from: the Active one, or the one named
# by ActiveScalingConfigurationId.
active(g, c) if c.LifecycleState == "Active"

active(g, c) if c.ScalingConfigurationId == g.ActiveScalingConfigurationId

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
