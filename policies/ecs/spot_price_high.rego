# METADATA
# title: Spot price has climbed close to the pay-as-you-go price
# description: >-
#   The latest spot price sample for an instance type in a zone
#   (DescribeSpotPriceHistory) is above max_ratio (default 0.8) of the
#   pay-as-you-go price (OriginPrice). Spot capacity of that type is scarce
#   there: the discount that justified spot is mostly gone, instances with a
#   price limit below the market are reclaimed, and new spot launches may
#   fail. Only the newest sample per region, zone and type is judged.
# custom:
#   id: ECS-039
#   severity: low
#   resource_type: spot_price
#   remediation:
#     text: >-
#       Let spot workloads use other instance types or zones (more types in
#       the scaling configuration, a vSwitch in another zone), or fall back
#       to pay-as-you-go for this type until the price drops.
#     cli: aliyun ecs DescribeSpotAdvice --RegionId {RegionId}
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describespotpricehistory
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describespotadvice
package ecsguard.ecs.spot_price_high

max_ratio := data.ecsguard.params.spot_price_high.max_ratio

# Samples sorted by series and time: the last entry of each series is its
# newest sample. Series are "RegionId/ZoneId/InstanceType".
ranked := sort([[concat("/", [p.RegionId, p.ZoneId, p.InstanceType]), p.Timestamp, i] | some i, p in input.spot_prices])

latest := {x[2] |
	some k, x in ranked
	not same_series(k, x[0])
}

# In two steps: `ranked[k + 1][0]` in one expression makes regorus scan.
same_series(k, series) if {
	next := ranked[k + 1]
	next[0] == series
}

deny contains f if {
	some i in latest
	p := input.spot_prices[i]
	p.OriginPrice > 0
	p.SpotPrice > max_ratio * p.OriginPrice
	f := {
		"pointer": sprintf("/spot_prices/%d/SpotPrice", [i]),
		"msg": sprintf("spot price of %s in %s was %v at %s, %d%% of the pay-as-you-go price %v (limit %d%%)", [p.InstanceType, p.ZoneId, p.SpotPrice, p.Timestamp, round((100 * p.SpotPrice) / p.OriginPrice), p.OriginPrice, round(100 * max_ratio)]),
	}
}

unknown contains f if {
	some i in latest
	p := input.spot_prices[i]
	not positive_origin(p)
	f := {
		"pointer": sprintf("/spot_prices/%d", [i]),
		"msg": sprintf("the newest spot price sample of %s in %s has no OriginPrice in the snapshot, how close it is to the pay-as-you-go price cannot be judged", [p.InstanceType, p.ZoneId]),
	}
}

positive_origin(p) if p.OriginPrice > 0
