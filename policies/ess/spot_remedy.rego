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

deny contains f if {
	some i, g in input.scaling_groups
	g.SpotInstanceRemedy == false
	uses_spot(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d/SpotInstanceRemedy", [i]),
		"msg": sprintf("scaling group %s runs spot instances with SpotInstanceRemedy false: instances about to be reclaimed are not replaced ahead of time", [label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	not remedy_reported(g)
	uses_spot(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s runs spot instances but has no SpotInstanceRemedy in the snapshot, its reclaim handling cannot be judged", [label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	g.SpotInstanceRemedy == false
	not uses_spot(g)
	some reason in spot_undecided(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has SpotInstanceRemedy false and %s, so whether it runs spot cannot be judged", [label(g), reason]),
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

remedy_reported(g) if is_boolean(g.SpotInstanceRemedy)

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
