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

# The offered types are InstanceTypes when it lists any, else InstanceType.
# Each case is its own rule body with plain refs, and the strategy set is
# bound to a local before each loop; the helpers run only for spot
# configurations that already offer too few types (Performance in
# policies/README.md).
deny contains too_few(gi, ci, g, c, "InstanceTypes", ids) if {
	[spot, least] := [spot_strategies, min_types]
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SpotStrategy in spot
	types := c.InstanceTypes
	types[0]
	ids := {t | some t in types}
	count(ids) < least
	not by_pattern(c)
	active(g, c)
}

deny contains too_few(gi, ci, g, c, "InstanceType", {c.InstanceType}) if {
	[spot, least] := [spot_strategies, min_types]
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SpotStrategy in spot
	not c.InstanceTypes[0]
	c.InstanceType != ""
	1 < least
	not by_pattern(c)
	active(g, c)
}

# Neither InstanceTypes nor InstanceType: the latter absent or empty.
unknown contains no_types(gi, ci, g, c) if {
	spot := spot_strategies
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SpotStrategy in spot
	not c.InstanceTypes[0]
	not c.InstanceType
	not by_pattern(c)
	active(g, c)
}

unknown contains no_types(gi, ci, g, c) if {
	spot := spot_strategies
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SpotStrategy in spot
	not c.InstanceTypes[0]
	c.InstanceType == ""
	not by_pattern(c)
	active(g, c)
}

unknown contains f if {
	spot := spot_strategies
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SpotStrategy in spot
	not c.LifecycleState
	not g.ActiveScalingConfigurationId
	not by_pattern(c)
	count(instance_types(c).ids) < min_types
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
		"msg": sprintf("spot scaling configuration %s of scaling group %s offers too few instance types but has no LifecycleState in the snapshot, whether it is active cannot be judged", [config_label(c), group_label(g)]),
	}
}

too_few(gi, ci, g, c, field, ids) := {
	"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/%s", [gi, ci, field]),
	"msg": sprintf("active spot scaling configuration %s of scaling group %s offers %d instance type(s) (%s), fewer than %d", [config_label(c), group_label(g), count(ids), concat(", ", sort(ids)), min_types]),
}

no_types(gi, ci, g, c) := {
	"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
	"msg": sprintf("active spot scaling configuration %s of scaling group %s has neither InstanceTypes nor InstanceType in the snapshot, its type diversity cannot be judged", [config_label(c), group_label(g)]),
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
