package ecsguard.ecs.internet_bandwidth_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "edge-1", "RegionId": "cn-hangzhou", "InternetMaxBandwidthOut": 0}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.internet_bandwidth.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.internet_bandwidth.unknown with input as {"instances": instances}
}

test_wide_bandwidth_is_denied if {
	instances := [instance({"InternetMaxBandwidthOut": 100})]
	deny_pointers(instances) == {"/instances/0/InternetMaxBandwidthOut"}
	count(unknown_pointers(instances)) == 0
}

test_message_gives_bandwidth_and_limit if {
	findings := data.ecsguard.ecs.internet_bandwidth.deny with input as {"instances": [instance({"InternetMaxBandwidthOut": 100})]}
	{f.msg | some f in findings} == {"instance i-1 (edge-1) has InternetMaxBandwidthOut 100 Mbit/s (limit 10)"}
}

test_bandwidth_at_or_below_limit_passes if {
	instances := [instance({}), instance({"InstanceId": "i-2", "InternetMaxBandwidthOut": 10})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_limit_is_a_parameter if {
	findings := data.ecsguard.ecs.internet_bandwidth.deny with input as {"instances": [instance({"InternetMaxBandwidthOut": 100})]}
		with data.ecsguard.params.internet_bandwidth.max_mbps as 200
	count(findings) == 0
}

test_only_the_wide_instance_is_denied if {
	deny_pointers([instance({}), instance({"InstanceId": "i-2", "InternetMaxBandwidthOut": 50})]) == {"/instances/1/InternetMaxBandwidthOut"}
}

test_missing_bandwidth_is_unknown if {
	instances := [object.remove(instance({}), ["InternetMaxBandwidthOut"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_unknown_message_names_the_instance if {
	findings := data.ecsguard.ecs.internet_bandwidth.unknown with input as {"instances": [object.remove(instance({}), ["InternetMaxBandwidthOut"])]}
	{f.msg | some f in findings} == {"instance i-1 (edge-1) has no InternetMaxBandwidthOut in the snapshot, its public bandwidth cannot be judged"}
}

test_messages_name_an_unnamed_instance_by_its_id if {
	denied := data.ecsguard.ecs.internet_bandwidth.deny with input as {"instances": [instance({"InstanceName": "", "InternetMaxBandwidthOut": 100})]}
	{f.msg | some f in denied} == {"instance i-1 has InternetMaxBandwidthOut 100 Mbit/s (limit 10)"}
	unknown := data.ecsguard.ecs.internet_bandwidth.unknown with input as {"instances": [object.remove(instance({"InstanceName": "i-1"}), ["InternetMaxBandwidthOut"])]}
	{f.msg | some f in unknown} == {"instance i-1 has no InternetMaxBandwidthOut in the snapshot, its public bandwidth cannot be judged"}
}
