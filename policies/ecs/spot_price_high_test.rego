package ecsguard.ecs.spot_price_high_test

sample(fields) := object.union({"RegionId": "cn-hangzhou", "ZoneId": "cn-hangzhou-h", "InstanceType": "ecs.c7.large", "SpotPrice": 0.1, "OriginPrice": 0.5, "Timestamp": "2025-01-01T00:00:00Z"}, fields)

deny_pointers(samples) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.spot_price_high.deny with input as {"spot_prices": samples}
}

unknown_pointers(samples) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.spot_price_high.unknown with input as {"spot_prices": samples}
}

test_expensive_latest_sample_is_denied if {
	samples := [sample({"SpotPrice": 0.45})]
	deny_pointers(samples) == {"/spot_prices/0/SpotPrice"}
	count(unknown_pointers(samples)) == 0
}

test_message_gives_prices_and_share if {
	findings := data.ecsguard.ecs.spot_price_high.deny with input as {"spot_prices": [sample({"SpotPrice": 0.45})]}
	{f.msg | some f in findings} == {"spot price of ecs.c7.large in cn-hangzhou-h was 0.45 at 2025-01-01T00:00:00Z, 90% of the pay-as-you-go price 0.5 (limit 80%)"}
}

test_cheap_sample_passes if {
	count(deny_pointers([sample({})])) == 0
	count(unknown_pointers([sample({})])) == 0
}

test_only_the_newest_sample_of_a_series_is_judged if {
	samples := [
		sample({"SpotPrice": 0.45, "Timestamp": "2025-01-01T02:00:00Z"}),
		sample({"SpotPrice": 0.49, "Timestamp": "2025-01-01T01:00:00Z"}),
		sample({"ZoneId": "cn-hangzhou-i", "SpotPrice": 0.1, "Timestamp": "2025-01-01T02:00:00Z"}),
		sample({"ZoneId": "cn-hangzhou-i", "SpotPrice": 0.48, "Timestamp": "2025-01-01T01:00:00Z"}),
	]
	deny_pointers(samples) == {"/spot_prices/0/SpotPrice"}
}

test_ratio_is_a_parameter if {
	findings := data.ecsguard.ecs.spot_price_high.deny with input as {"spot_prices": [sample({})]}
		with data.ecsguard.params.spot_price_high.max_ratio as 0.1
	{f.pointer | some f in findings} == {"/spot_prices/0/SpotPrice"}
}

test_missing_origin_price_is_unknown if {
	samples := [object.remove(sample({}), ["OriginPrice"]), sample({"InstanceType": "ecs.g7.large", "OriginPrice": 0})]
	unknown_pointers(samples) == {"/spot_prices/0", "/spot_prices/1"}
	count(deny_pointers(samples)) == 0
}
