package ecsguard.ecs.internet_charge_type_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "bastion", "RegionId": "cn-hangzhou", "PublicIpAddress": ["47.96.0.1"], "InternetChargeType": "PayByTraffic"}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.internet_charge_type.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.internet_charge_type.unknown with input as {"instances": instances}
}

test_public_ip_billed_by_traffic_is_denied if {
	instances := [instance({})]
	deny_pointers(instances) == {"/instances/0/InternetChargeType"}
	count(unknown_pointers(instances)) == 0
}

test_message_gives_address if {
	findings := data.ecsguard.ecs.internet_charge_type.deny with input as {"instances": [instance({})]}
	{f.msg | some f in findings} == {"instance i-1 (bastion) has public IP 47.96.0.1 billed by traffic (InternetChargeType PayByTraffic)"}
}

test_pay_by_bandwidth_passes if {
	instances := [instance({"InternetChargeType": "PayByBandwidth"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_private_instance_passes if {
	instances := [instance({"PublicIpAddress": []}), instance({"InstanceId": "i-2", "PublicIpAddress": [""]})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_public_traffic_billed_instance_is_denied if {
	instances := [instance({"PublicIpAddress": []}), instance({"InstanceId": "i-2"}), instance({"InstanceId": "i-3", "InternetChargeType": "PayByBandwidth"})]
	deny_pointers(instances) == {"/instances/1/InternetChargeType"}
}

test_missing_fields_are_unknown_when_they_matter if {
	instances := [object.remove(instance({}), ["InternetChargeType"]), object.remove(instance({"InstanceId": "i-2"}), ["PublicIpAddress"]), object.remove(instance({"InstanceId": "i-3", "InternetChargeType": "PayByBandwidth"}), ["PublicIpAddress"])]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
	count(deny_pointers(instances)) == 0
}

unknown_messages(instances) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ecs.internet_charge_type.unknown with input as {"instances": instances}
}

deny_messages(instances) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ecs.internet_charge_type.deny with input as {"instances": instances}
}

test_unknown_messages_name_the_instance if {
	unknown_messages([object.remove(instance({"PublicIpAddress": ["47.96.0.1", "47.96.0.2"]}), ["InternetChargeType"])]) == {"instance i-1 (bastion) has a public IP but no InternetChargeType in the snapshot, how its traffic is billed cannot be judged"}
	unknown_messages([object.remove(instance({}), ["PublicIpAddress"])]) == {"instance i-1 (bastion) is billed by traffic but has no PublicIpAddress in the snapshot, whether it has a public IP cannot be judged"}
}

test_messages_name_an_unnamed_instance_by_its_id if {
	deny_messages([instance({"InstanceName": "", "PublicIpAddress": ["47.96.0.2", "", "47.96.0.1"]})]) == {"instance i-1 has public IP 47.96.0.1, 47.96.0.2 billed by traffic (InternetChargeType PayByTraffic)"}
	unknown_messages([object.remove(instance({"InstanceName": "i-1"}), ["InternetChargeType"])]) == {"instance i-1 has a public IP but no InternetChargeType in the snapshot, how its traffic is billed cannot be judged"}
	unknown_messages([object.remove(instance({}), ["PublicIpAddress", "InstanceName"])]) == {"instance i-1 is billed by traffic but has no PublicIpAddress in the snapshot, whether it has a public IP cannot be judged"}
}
