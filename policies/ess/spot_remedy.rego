# METADATA
# title: Spot scaling group does not replace instances about to be reclaimed
# description: >-
#   The scaling group runs spot (preemptible) instances with
#   SpotInstanceRemedy off. Alibaba Cloud warns a few minutes before it
#   reclaims a spot instance; with the remedy on, Auto Scaling launches a
#   replacement on that warning and then removes the doomed instance. Without
#   it the capacity is simply lost at reclaim time and comes back only after
#   the health check notices, minutes later.
# custom:
#   id: ESS-011
#   severity: medium
#   resource_type: scaling_group
#   requires: [scaling_configurations]
#   remediation:
#     text: >-
#       Turn on SpotInstanceRemedy for the scaling group (and give it a
#       SCALE_IN lifecycle hook so replaced instances drain gracefully).
#     cli: aliyun ess ModifyScalingGroup --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --SpotInstanceRemedy true
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
#     - https://alibabacloud.com/help/en/auto-scaling/use-cases/cost-reduction-by-using-preemptible-instances
package ecsguard.ess.spot_remedy

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
	g.SpotInstanceRemedy == false
	i in sp
	f := {
		"pointer": sprintf("/scaling_groups/%d/SpotInstanceRemedy", [i]),
		"msg": sprintf("scaling group %s runs spot instances with SpotInstanceRemedy false: instances about to be reclaimed are not replaced ahead of time", [label(g)]),
	}
}

# Plain refs test absence: the loader guarantees the type when present.
unknown contains f if {
	sp := spot_groups
	some i, g in input.scaling_groups
	not g.SpotInstanceRemedy == true
	not g.SpotInstanceRemedy == false
	i in sp
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s runs spot instances but has no SpotInstanceRemedy in the snapshot, its reclaim handling cannot be judged", [label(g)]),
	}
}

# Whether the group runs spot cannot be told: one body per reason, the rare
# missing data tested first.
unknown contains spot_undecided(i, g, "its scaling_configurations are not in the snapshot") if {
	sp := spot_groups
	some i, g in input.scaling_groups
	not g.scaling_configurations
	g.SpotInstanceRemedy == false
	not i in sp
}

unknown contains spot_undecided(i, g, sprintf("active scaling configuration %s has no SpotStrategy", [c.ScalingConfigurationId])) if {
	sp := spot_groups
	some i, g in input.scaling_groups
	some c in g.scaling_configurations
	not c.SpotStrategy
	active(g, c)
	g.SpotInstanceRemedy == false
	not i in sp
}

spot_undecided(i, g, reason) := {
	"pointer": sprintf("/scaling_groups/%d", [i]),
	"msg": sprintf("scaling group %s has SpotInstanceRemedy false and %s, so whether it runs spot cannot be judged", [label(g), reason]),
}

# A configuration the group launches from: the Active one, or the one named
# by ActiveScalingConfigurationId.
active(g, c) if c.LifecycleState == "Active"

active(g, c) if c.ScalingConfigurationId == g.ActiveScalingConfigurationId

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
