# METADATA
# title: Spot price limit is below the current spot price
# description: >-
#   The active scaling configuration bids SpotWithPriceLimit, and for one of
#   its instance types the PriceLimit is below the latest spot price seen in
#   every zone of the region (spot_prices). Scale-out cannot launch that type
#   anywhere at the moment, and running instances of it are reclaimed first
#   when prices move; with few types the group simply stops growing.
# custom:
#   id: ESS-030
#   severity: medium
#   resource_type: scaling_configuration
#   requires: [spot_prices]
#   remediation:
#     text: >-
#       Raise the PriceLimit of the type above its recent spot price (or up to
#       the pay-as-you-go price), or switch the configuration to
#       SpotAsPriceGo.
#     cli: aliyun ess ModifyScalingConfiguration --RegionId {RegionId} --ScalingConfigurationId {ScalingConfigurationId} --SpotStrategy SpotAsPriceGo
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalingconfiguration
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describespotpricehistory
package ecsguard.ess.spot_price_limit

# Samples sorted by region/type, zone and time: the last of each zone's run
# is that zone's latest price; then the lowest of those per region/type.
samples := sort([[concat("/", [p.RegionId, p.InstanceType]), p.ZoneId, p.Timestamp, p.SpotPrice] | some p in input.spot_prices])

latest := sort([[e[0], e[3]] | some i, e in samples; not same_zone_next(i, e)])

cheapest := {e[0]: e[1] | some i, e in latest; first_of_type(i, e)}

same_zone_next(i, e) if {
	n := samples[i + 1]
	n[0] == e[0]
	n[1] == e[1]
}

first_of_type(i, _) if i == 0

# In two steps: `latest[i - 1][0]` in one expression makes regorus scan.
first_of_type(i, e) if {
	previous := latest[i - 1]
	previous[0] != e[0]
}

deny contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SpotStrategy == "SpotWithPriceLimit"
	active(g, c)
	some li, l in c.SpotPriceLimits
	price := cheapest[concat("/", [c.RegionId, l.InstanceType])]
	l.PriceLimit < price
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/SpotPriceLimits/%d/PriceLimit", [gi, ci, li]),
		"msg": sprintf("scaling configuration %s of scaling group %s bids %v for %s, below its lowest current spot price %v in %s", [c.ScalingConfigurationId, group_label(g), l.PriceLimit, l.InstanceType, price, c.RegionId]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SpotStrategy == "SpotWithPriceLimit"
	active(g, c)
	some l in c.SpotPriceLimits
	not cheapest[concat("/", [c.RegionId, l.InstanceType])]
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s bids for %s, which has no spot price in the snapshot, so its price limit cannot be judged", [c.ScalingConfigurationId, group_label(g), l.InstanceType]),
	}
}

# A configuration the group launches from: the Active one, or the one named
# by ActiveScalingConfigurationId.
active(g, c) if c.LifecycleState == "Active"

active(g, c) if c.ScalingConfigurationId == g.ActiveScalingConfigurationId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
