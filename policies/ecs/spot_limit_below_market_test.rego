package ecsguard.ecs.spot_limit_below_market_test

prices := [
	{"RegionId": "cn-shanghai", "ZoneId": "cn-shanghai-g", "InstanceType": "ecs.c7.4xlarge", "SpotPrice": 3.1, "OriginPrice": 3.696, "Timestamp": "2025-01-01T02:00:00Z"},
	{"RegionId": "cn-shanghai", "ZoneId": "cn-shanghai-g", "InstanceType": "ecs.c7.4xlarge", "SpotPrice": 0.7, "OriginPrice": 3.696, "Timestamp": "2025-01-01T01:00:00Z"},
	{"RegionId": "cn-shanghai", "ZoneId": "cn-shanghai-e", "InstanceType": "ecs.c7.4xlarge", "SpotPrice": 0.7, "OriginPrice": 3.696, "Timestamp": "2025-01-01T02:00:00Z"},
	{"RegionId": "cn-shanghai", "ZoneId": "cn-shanghai-e", "InstanceType": "ecs.c7.4xlarge", "SpotPrice": 3.3, "OriginPrice": 3.696, "Timestamp": "2025-01-01T01:00:00Z"},
]

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "render-1", "RegionId": "cn-shanghai", "ZoneId": "cn-shanghai-g", "InstanceType": "ecs.c7.4xlarge", "SpotStrategy": "SpotWithPriceLimit", "SpotPriceLimit": 2.218}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.spot_limit_below_market.deny with input as {"instances": instances, "spot_prices": prices}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.spot_limit_below_market.unknown with input as {"instances": instances, "spot_prices": prices}
}

unknown_messages(instances) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ecs.spot_limit_below_market.unknown with input as {"instances": instances, "spot_prices": prices}
}

test_limit_below_newest_price_is_denied if {
	instances := [instance({})]
	deny_pointers(instances) == {"/instances/0/SpotPriceLimit"}
	count(unknown_pointers(instances)) == 0
}

test_message_gives_limit_and_price if {
	findings := data.ecsguard.ecs.spot_limit_below_market.deny with input as {"instances": [instance({})], "spot_prices": prices}
	{f.msg | some f in findings} == {"spot instance i-1 (render-1) has price limit 2.218, below the spot price 3.1 of ecs.c7.4xlarge in cn-shanghai-g at 2025-01-01T02:00:00Z"}
}

test_only_the_newest_sample_counts if {
	# In cn-shanghai-e the older sample was high, the newest is low.
	instances := [instance({"ZoneId": "cn-shanghai-e"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_limit_above_price_and_other_strategies_pass if {
	instances := [instance({"SpotPriceLimit": 3.5}), instance({"InstanceId": "i-2", "SpotStrategy": "SpotAsPriceGo", "SpotPriceLimit": 0}), instance({"InstanceId": "i-3", "SpotStrategy": "NoSpot", "SpotPriceLimit": 0})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_outbid_instance_is_denied if {
	instances := [instance({"SpotPriceLimit": 3.5}), instance({"InstanceId": "i-2"})]
	deny_pointers(instances) == {"/instances/1/SpotPriceLimit"}
}

test_missing_price_sample_is_unknown if {
	instances := [instance({"InstanceType": "ecs.g7.large"})]
	unknown_messages(instances) == {"spot instance i-1 (render-1) has no spot price sample for ecs.g7.large in cn-shanghai-g in the snapshot, whether its price limit is below the market cannot be judged"}
	count(deny_pointers(instances)) == 0
}

test_missing_fields_are_unknown if {
	instances := [object.remove(instance({}), ["SpotPriceLimit"]), object.remove(instance({"InstanceId": "i-2"}), ["ZoneId"]), object.remove(instance({"InstanceId": "i-3"}), ["InstanceType"])]
	unknown_pointers(instances) == {"/instances/0", "/instances/1", "/instances/2"}
	unknown_messages(instances) == {
		"spot instance i-1 (render-1) has no SpotPriceLimit in the snapshot, whether its price limit is below the market cannot be judged",
		"spot instance i-2 (render-1) has no ZoneId or InstanceType in the snapshot, whether its price limit is below the market cannot be judged",
		"spot instance i-3 (render-1) has no ZoneId or InstanceType in the snapshot, whether its price limit is below the market cannot be judged",
	}
	count(deny_pointers(instances)) == 0
}
