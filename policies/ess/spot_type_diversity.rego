# METADATA
# title: Spot scaling configuration offers too few instance types
# description: >-
#   The active scaling configuration launches spot instances but lists fewer
#   than min_types (default 2) instance types. Each type in each zone is its
#   own spot pool: with a single type, one stock-out or price spike stops
#   every launch and a reclaim wave hits every instance at once. Several
#   interchangeable types let Auto Scaling move to another pool.
#   Configurations that select types by pattern (InstancePatternInfos) pass.
# custom:
#   id: ESS-014
#   severity: medium
#   resource_type: scaling_configuration
#   remediation:
#     text: >-
#       List several interchangeable instance types (same vCPU and memory,
#       different families or generations) in the scaling configuration, or
#       select types by pattern, and set the group's SpotInstancePools to 2 or
#       more.
#     cli: aliyun ess ModifyScalingConfiguration --RegionId {RegionId} --ScalingConfigurationId {ScalingConfigurationId} --InstanceTypes.1 <type-a> --InstanceTypes.2 <type-b>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalingconfiguration
#     - https://alibabacloud.com/help/en/auto-scaling/use-cases/cost-reduction-by-using-preemptible-instances
package ecsguard.ess.spot_type_diversity

spot_strategies := {"SpotWithPriceLimit", "SpotAsPriceGo"}

min_types := data.ecsguard.params.spot_type_diversity.min_types

deny contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SpotStrategy in spot_strategies
	not by_pattern(c)
	types := instance_types(c)
	count(types.ids) < min_types
	active(g, c)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/%s", [gi, ci, types.field]),
		"msg": sprintf("active spot scaling configuration %s of scaling group %s offers %d instance type(s) (%s), fewer than %d", [config_label(c), group_label(g), count(types.ids), concat(", ", sort(types.ids)), min_types]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SpotStrategy in spot_strategies
	not by_pattern(c)
	not instance_types(c)
	active(g, c)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
		"msg": sprintf("active spot scaling configuration %s of scaling group %s has neither InstanceTypes nor InstanceType in the snapshot, its type diversity cannot be judged", [config_label(c), group_label(g)]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SpotStrategy in spot_strategies
	not by_pattern(c)
	count(instance_types(c).ids) < min_types
	not c.LifecycleState
	not g.ActiveScalingConfigurationId
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
		"msg": sprintf("spot scaling configuration %s of scaling group %s offers too few instance types but has no LifecycleState in the snapshot, whether it is active cannot be judged", [config_label(c), group_label(g)]),
	}
}

# InstanceTypes when it lists any, else InstanceType.
instance_types(c) := {"field": "InstanceTypes", "ids": {t | some t in c.InstanceTypes}} if {
	count(c.InstanceTypes) > 0
} else := {"field": "InstanceType", "ids": {c.InstanceType}} if {
	c.InstanceType != ""
}

by_pattern(c) if count(c.InstancePatternInfos) > 0

# A configuration the group launches from: the Active one, or the one named
# by ActiveScalingConfigurationId.
active(g, c) if c.LifecycleState == "Active"

active(g, c) if c.ScalingConfigurationId == g.ActiveScalingConfigurationId

config_label(c) := concat("", [c.ScalingConfigurationId, " (", c.ScalingConfigurationName, ")"]) if {
	c.ScalingConfigurationName != ""
} else := c.ScalingConfigurationId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
