package ecsguard.ess.spot_price_limit_test

price(zone, at, p) := {"RegionId": "cn-hangzhou", "ZoneId": zone, "InstanceType": "ecs.c7.large", "SpotPrice": p, "OriginPrice": 0.5, "Timestamp": at}

# Zone h is now at 0.12 (earlier 0.05), zone i at 0.10.
prices := [
	price("cn-hangzhou-h", "2026-11-20T04:00:00Z", 0.05),
	price("cn-hangzhou-h", "2026-11-20T05:00:00Z", 0.12),
	price("cn-hangzhou-i", "2026-11-20T05:00:00Z", 0.10),
	price("cn-hangzhou-i", "2026-11-20T03:00:00Z", 0.20),
	object.union(price("cn-hangzhou-h", "2026-11-20T05:00:00Z", 0.30), {"InstanceType": "ecs.g7.large"}),
]

config(fields) := object.union({"ScalingConfigurationId": "asc-1", "RegionId": "cn-hangzhou", "LifecycleState": "Active", "SpotStrategy": "SpotWithPriceLimit", "SpotPriceLimits": [{"InstanceType": "ecs.c7.large", "PriceLimit": 0.08}]}, fields)

groups(configs) := [{"ScalingGroupId": "asg-1", "ScalingGroupName": "batch", "RegionId": "cn-hangzhou", "scaling_configurations": configs}]

deny_pointers(configs) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.spot_price_limit.deny with input as {"scaling_groups": groups(configs), "spot_prices": prices}
}

unknown_pointers(configs) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.spot_price_limit.unknown with input as {"scaling_groups": groups(configs), "spot_prices": prices}
}

test_limit_below_every_zone_is_denied if {
	deny_pointers([config({})]) == {"/scaling_groups/0/scaling_configurations/0/SpotPriceLimits/0/PriceLimit"}
	count(unknown_pointers([config({})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.spot_price_limit.deny with input as {"scaling_groups": groups([config({})]), "spot_prices": prices}
	{f.msg | some f in findings} == {"scaling configuration asc-1 of scaling group asg-1 (batch) bids 0.08 for ecs.c7.large, below its lowest current spot price 0.1 in cn-hangzhou"}
}

test_limit_above_the_cheapest_zone_passes if {
	configs := [
		config({"SpotPriceLimits": [{"InstanceType": "ecs.c7.large", "PriceLimit": 0.11}]}),
		config({"SpotStrategy": "SpotAsPriceGo", "SpotPriceLimits": []}),
		config({"LifecycleState": "Inactive"}),
	]
	count(deny_pointers(configs)) == 0
	count(unknown_pointers(configs)) == 0
}

test_only_the_low_limit_is_denied if {
	configs := [config({"SpotPriceLimits": [{"InstanceType": "ecs.c7.large", "PriceLimit": 0.2}, {"InstanceType": "ecs.g7.large", "PriceLimit": 0.25}]})]
	deny_pointers(configs) == {"/scaling_groups/0/scaling_configurations/0/SpotPriceLimits/1/PriceLimit"}
}

test_type_without_prices_is_unknown if {
	configs := [config({"SpotPriceLimits": [{"InstanceType": "ecs.c7.large", "PriceLimit": 0.2}, {"InstanceType": "ecs.r7.large", "PriceLimit": 0.2}]})]
	unknown_pointers(configs) == {"/scaling_groups/0/scaling_configurations/0"}
	count(deny_pointers(configs)) == 0
}
