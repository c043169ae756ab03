package ecsguard.ecs.os_allowlist_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "web-1", "RegionId": "cn-hangzhou", "OSName": "Alibaba Cloud Linux 3.2104 LTS 64 bit", "OSNameEn": "Alibaba Cloud Linux 3.2104 LTS 64 bit"}, fields)

allowlist := ["Alibaba Cloud Linux 3", "ubuntu 22.04"]

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.os_allowlist.deny with input as {"instances": instances}
		with data.ecsguard.params.os_allowlist.allowed_os_names as allowlist
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.os_allowlist.unknown with input as {"instances": instances}
		with data.ecsguard.params.os_allowlist.allowed_os_names as allowlist
}

test_os_outside_the_allowlist_is_denied if {
	instances := [instance({"OSName": "CentOS 7.9 64位", "OSNameEn": "CentOS 7.9 64 bit"})]
	deny_pointers(instances) == {"/instances/0/OSNameEn"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_instance_and_os if {
	findings := data.ecsguard.ecs.os_allowlist.deny with input as {"instances": [instance({"OSNameEn": "CentOS 7.9 64 bit"})]}
		with data.ecsguard.params.os_allowlist.allowed_os_names as allowlist
	{f.msg | some f in findings} == {"instance i-1 (web-1) runs CentOS 7.9 64 bit, which starts with none of params.os_allowlist.allowed_os_names"}
}

test_allowed_prefixes_pass_without_case if {
	instances := [instance({}), instance({"InstanceId": "i-2", "OSName": "Ubuntu 22.04 64位", "OSNameEn": "Ubuntu 22.04 64 bit"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_os_name_is_judged_when_the_english_name_is_missing if {
	instances := [
		object.remove(instance({"OSName": "CentOS 7.9 64位"}), ["OSNameEn"]),
		instance({"InstanceId": "i-2", "OSName": "Windows Server 2022", "OSNameEn": ""}),
		object.remove(instance({"InstanceId": "i-3", "OSName": "Ubuntu 22.04 64位"}), ["OSNameEn"]),
	]
	deny_pointers(instances) == {"/instances/0/OSName", "/instances/1/OSName"}
	count(unknown_pointers(instances)) == 0
}

test_english_name_wins_over_os_name if {
	instances := [instance({"OSName": "CentOS 7.9 64位"})]
	count(deny_pointers(instances)) == 0
}

test_only_the_unapproved_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "OSNameEn": "Debian 12.6 64 bit"}), instance({"InstanceId": "i-3"})]
	deny_pointers(instances) == {"/instances/1/OSNameEn"}
}

test_absent_or_empty_names_are_unknown if {
	instances := [
		object.remove(instance({}), ["OSName", "OSNameEn"]),
		instance({"OSName": "", "OSNameEn": ""}),
		object.remove(instance({"OSName": ""}), ["OSNameEn"]),
		object.remove(instance({"OSNameEn": ""}), ["OSName"]),
		instance({}),
	]
	unknown_pointers(instances) == {"/instances/0", "/instances/1", "/instances/2", "/instances/3"}
	count(deny_pointers(instances)) == 0
}

test_empty_allowlist_judges_nothing if {
	instances := [instance({"OSNameEn": "CentOS 7.9 64 bit"}), object.remove(instance({"InstanceId": "i-2"}), ["OSName", "OSNameEn"])]
	count(data.ecsguard.ecs.os_allowlist.deny) == 0 with input as {"instances": instances}
		with data.ecsguard.params.os_allowlist.allowed_os_names as []
	count(data.ecsguard.ecs.os_allowlist.unknown) == 0 with input as {"instances": instances}
		with data.ecsguard.params.os_allowlist.allowed_os_names as []
}

test_default_allowlist_is_empty if {
	data.ecsguard.params.os_allowlist.allowed_os_names == []
}

test_allowlist_that_is_not_a_list_makes_every_instance_unknown if {
	instances := [instance({}), instance({"InstanceId": "i-2"})]
	findings := data.ecsguard.ecs.os_allowlist.unknown with input as {"instances": instances}
		with data.ecsguard.params.os_allowlist.allowed_os_names as "Alibaba Cloud Linux 3"
	{f.pointer | some f in findings} == {"/instances/0", "/instances/1"}
	count(data.ecsguard.ecs.os_allowlist.deny) == 0 with input as {"instances": instances}
		with data.ecsguard.params.os_allowlist.allowed_os_names as "Alibaba Cloud Linux 3"
}
