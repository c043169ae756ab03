# METADATA
# title: Spot instance's price limit is below the market price
# description: >-
#   The spot instance bids with a maximum price (SpotStrategy
#   SpotWithPriceLimit), and the newest spot price sample for its instance
#   type in its zone (DescribeSpotPriceHistory) is above that limit
#   (SpotPriceLimit). Once the market price passes the limit the instance is
#   reclaimed, and new instances with the same limit cannot be created, so
#   this capacity is about to disappear or already is.
# custom:
#   id: ECS-042
#   severity: high
#   resource_type: instance
#   requires: [spot_prices]
#   remediation:
#     text: >-
#       Move the workload to a type or zone whose spot price is below the
#       limit, raise the limit, or switch to SpotAsPriceGo (pay the market
#       price up to the pay-as-you-go price); replace the instance before it
#       is reclaimed.
#     cli: aliyun ecs DescribeSpotPriceHistory --RegionId {RegionId} --NetworkType vpc --InstanceType <instance-type> --ZoneId <zone-id>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describespotpricehistory
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-runinstances
package ecsguard.ecs.spot_limit_below_market

# Samples sorted by series and time: the last entry of each series is its
# newest price. Series are "RegionId/ZoneId/InstanceType".
ranked := sort([[concat("/", [p.RegionId, p.ZoneId, p.InstanceType]), p.Timestamp, p.SpotPrice] | some p in input.spot_prices])

latest := {x[0]: [x[2], x[1]] |
	some k, x in ranked
	not same_series(k, x[0])
}

# In two steps: `ranked[k + 1][0]` in one expression makes regorus scan.
same_series(k, series) if {
	next := ranked[k + 1]
	next[0] == series
}

deny contains f if {
	newest := latest
	some i, inst in input.instances
	inst.SpotStrategy == "SpotWithPriceLimit"
	market := newest[concat("/", [inst.RegionId, inst.ZoneId, inst.InstanceType])]
	market[0] > inst.SpotPriceLimit
	f := {
		"pointer": sprintf("/instances/%d/SpotPriceLimit", [i]),
		"msg": sprintf("spot instance %s has price limit %v, below the spot price %v of %s in %s at %s", [label(inst), inst.SpotPriceLimit, market[0], inst.InstanceType, inst.ZoneId, market[1]]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	inst.SpotStrategy == "SpotWithPriceLimit"
	not priced(inst)
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("spot instance %s %s, whether its price limit is below the market cannot be judged", [label(inst), why_unknown(inst)]),
	}
}

priced(inst) if {
	is_number(inst.SpotPriceLimit)
	latest[concat("/", [inst.RegionId, inst.ZoneId, inst.InstanceType])]
}

why_unknown(inst) := "has no SpotPriceLimit in the snapshot" if {
	not is_number(object.get(inst, "SpotPriceLimit", null))
} else := "has no ZoneId or InstanceType in the snapshot" if {
	not is_string(object.get(inst, "ZoneId", null))
} else := "has no ZoneId or InstanceType in the snapshot" if {
	not is_string(object.get(inst, "InstanceType", null))
} else := sprintf("has no spot price sample for %s in %s in the snapshot", [inst.InstanceType, inst.ZoneId])

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
