package ecsguard.eci.public_ip_test

group(fields) := object.union({"ContainerGroupId": "eci-1", "ContainerGroupName": "api", "RegionId": "cn-hangzhou", "IntranetIp": "10.0.0.8", "InternetIp": ""}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.public_ip.deny with input as {"container_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.public_ip.unknown with input as {"container_groups": groups}
}

test_public_group_is_denied if {
	groups := [group({"InternetIp": "47.96.0.9"})]
	deny_pointers(groups) == {"/container_groups/0/InternetIp"}
	count(unknown_pointers(groups)) == 0
}

test_message_gives_address if {
	findings := data.ecsguard.eci.public_ip.deny with input as {"container_groups": [group({"InternetIp": "47.96.0.9"})]}
	{f.msg | some f in findings} == {"container group eci-1 (api) has public IP address 47.96.0.9"}
}

test_private_group_passes if {
	count(deny_pointers([group({})])) == 0
	count(unknown_pointers([group({})])) == 0
}

test_only_the_public_group_is_denied if {
	deny_pointers([group({}), group({"ContainerGroupId": "eci-2", "InternetIp": "47.96.0.9"})]) == {"/container_groups/1/InternetIp"}
}

test_missing_internet_ip_is_unknown if {
	groups := [object.remove(group({}), ["InternetIp"])]
	unknown_pointers(groups) == {"/container_groups/0"}
	count(deny_pointers(groups)) == 0
}
