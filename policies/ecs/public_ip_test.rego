package ecsguard.ecs.public_ip_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "web-1", "RegionId": "cn-hangzhou", "PublicIpAddress": [], "EipAddress": {"AllocationId": "", "IpAddress": ""}}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.public_ip.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.public_ip.unknown with input as {"instances": instances}
}

test_public_ip_is_denied if {
	instances := [instance({"PublicIpAddress": ["47.96.0.1"]})]
	deny_pointers(instances) == {"/instances/0/PublicIpAddress"}
	count(unknown_pointers(instances)) == 0
}

test_eip_is_denied if {
	instances := [instance({"EipAddress": {"AllocationId": "eip-1", "IpAddress": "47.96.0.2"}})]
	deny_pointers(instances) == {"/instances/0/EipAddress/IpAddress"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_instance_and_address if {
	findings := data.ecsguard.ecs.public_ip.deny with input as {"instances": [instance({"PublicIpAddress": ["47.96.0.1"]})]}
	{f.msg | some f in findings} == {"instance i-1 (web-1) has public IP address 47.96.0.1"}
}

test_private_instance_passes if {
	instances := [instance({})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_empty_strings_are_not_addresses if {
	instances := [instance({"PublicIpAddress": [""]})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_public_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "PublicIpAddress": ["47.96.0.1"]}), instance({"InstanceId": "i-3"})]
	deny_pointers(instances) == {"/instances/1/PublicIpAddress"}
}

test_missing_public_ip_list_is_unknown if {
	instances := [object.remove(instance({}), ["PublicIpAddress"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_missing_eip_is_unknown if {
	instances := [object.remove(instance({}), ["EipAddress"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_unknown_message_names_missing_fields if {
	findings := data.ecsguard.ecs.public_ip.unknown with input as {"instances": [object.remove(instance({}), ["EipAddress", "PublicIpAddress"])]}
	{f.msg | some f in findings} == {"instance i-1 (web-1) lacks PublicIpAddress and EipAddress in the snapshot, whether it has a public address cannot be judged"}
}

test_known_public_address_decides_despite_missing_field if {
	instances := [object.remove(instance({"PublicIpAddress": ["47.96.0.1"]}), ["EipAddress"])]
	deny_pointers(instances) == {"/instances/0/PublicIpAddress"}
	count(unknown_pointers(instances)) == 0
}

test_messages_name_an_unnamed_instance_by_its_id if {
	deny_messages([instance({"InstanceName": "", "PublicIpAddress": ["47.96.0.1", "", "47.96.0.2"]})]) == {"instance i-1 has public IP address 47.96.0.1, 47.96.0.2"}
	deny_messages([instance({"InstanceName": "i-1", "EipAddress": {"AllocationId": "eip-1", "IpAddress": "47.96.0.3"}})]) == {"instance i-1 has elastic IP address 47.96.0.3 bound"}
	unknown_messages([object.remove(instance({"InstanceName": ""}), ["PublicIpAddress"])]) == {"instance i-1 lacks PublicIpAddress in the snapshot, whether it has a public address cannot be judged"}
}

test_eip_message_names_the_instance if {
	deny_messages([instance({"EipAddress": {"AllocationId": "eip-1", "IpAddress": "47.96.0.3"}})]) == {"instance i-1 (web-1) has elastic IP address 47.96.0.3 bound"}
}

test_missing_eip_address_field_is_unknown if {
	unknown_messages([object.union(object.remove(instance({}), ["EipAddress"]), {"EipAddress": {"AllocationId": ""}})]) == {"instance i-1 (web-1) lacks EipAddress in the snapshot, whether it has a public address cannot be judged"}
}

deny_messages(instances) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ecs.public_ip.deny with input as {"instances": instances}
}

unknown_messages(instances) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ecs.public_ip.unknown with input as {"instances": instances}
}
