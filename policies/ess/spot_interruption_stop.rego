# METADATA
# title: Spot instances are stopped on interruption in a group that never restarts them
# description: >-
#   The active scaling configuration launches spot instances with
#   SpotInterruptionBehavior Stop, but the group's ScalingPolicy is release
#   (or forcerelease), not recycle. A reclaimed instance is kept stopped,
#   with its disks still billed, while the group neither restarts stopped
#   instances on scale-out (only recycle groups do) nor releases them; the
#   capacity is replaced by new instances and the stopped ones pile up.
# custom:
#   id: ESS-038
#   severity: low
#   resource_type: scaling_configuration
#   remediation:
#     text: >-
#       Use SpotInterruptionBehavior Terminate in release groups, or switch the
#       group to ScalingPolicy recycle if stopped instances are meant to be
#       reused.
#     cli: aliyun ess ModifyScalingConfiguration --RegionId {RegionId} --ScalingConfigurationId {ScalingConfigurationId} --SpotInterruptionBehavior Terminate
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalingconfiguration
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
package ecsguard.ess.spot_interruption_stop

spot_strategies := {"SpotWithPriceLimit", "SpotAsPriceGo"}

releasing := {"release", "forcerelease"}

deny contains f if {
	some gi, g in input.scaling_groups
	g.ScalingPolicy in releasing
	some ci, c in g.scaling_configurations
	c.SpotInterruptionBehavior == "Stop"
	c.SpotStrategy in spot_strategies
	active(g, c)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/SpotInterruptionBehavior", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s stops interrupted spot instances, but the group's ScalingPolicy is %s: they stay stopped and billed", [c.ScalingConfigurationId, group_label(g), g.ScalingPolicy]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	not g.ScalingPolicy
	some ci, c in g.scaling_configurations
	c.SpotInterruptionBehavior == "Stop"
	c.SpotStrategy in spot_strategies
	active(g, c)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s stops interrupted spot instances, but the group has no ScalingPolicy in the snapshot, whether it restarts them cannot be judged", [c.ScalingConfigurationId, group_label(g)]),
	}
}

# A configuration the group launches from: the Active one, or the one named
# by ActiveScalingConfigurationId.
active(g, c) if c.LifecycleState == "Active"

active(g, c) if c.ScalingConfigurationId == g.ActiveScalingConfigurationId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
