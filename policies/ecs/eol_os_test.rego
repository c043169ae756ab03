package ecsguard.ecs.eol_os_test

# 2025-01-01T00:00:00Z
now := 1735689600000000000

releases := [
	{"release": "CentOS 7", "eol": "2024-06-30", "pattern": "^centos +7([. ]|$)"},
	{"release": "Ubuntu 18.04", "eol": "2023-05-31", "pattern": "^ubuntu +18\\.04"},
	{"release": "Ubuntu 20.04", "eol": "2025-05-31", "pattern": "^ubuntu +20\\.04"},
	{"release": "Windows Server 2012", "eol": "2024-12-31", "pattern": "^windows +server +2012"},
]

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "db-1", "RegionId": "cn-hangzhou", "OSName": "CentOS  7.9 64位", "OSNameEn": "CentOS 7.9 64 bit"}, fields)

deny_findings(instances) := findings if {
	findings := data.ecsguard.ecs.eol_os.deny with input as {"instances": instances}
		with data.ecsguard.now_ns as now
		with data.ecsguard.params.eol_os.releases as releases
}

deny_pointers(instances) := {f.pointer | some f in deny_findings(instances)}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.eol_os.unknown with input as {"instances": instances}
		with data.ecsguard.now_ns as now
		with data.ecsguard.params.eol_os.releases as releases
}

test_centos_7_is_denied if {
	instances := [instance({})]
	deny_pointers(instances) == {"/instances/0/OSNameEn"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_release_and_date if {
	{f.msg | some f in deny_findings([instance({})])} == {"instance i-1 (db-1) runs CentOS 7.9 64 bit (CentOS 7), whose vendor support ended on 2024-06-30"}
}

test_os_name_is_used_without_an_english_name if {
	instances := [object.remove(instance({"OSName": "Ubuntu 18.04 64位"}), ["OSNameEn"]), instance({"InstanceId": "i-2", "OSNameEn": ""})]
	deny_pointers(instances) == {"/instances/0/OSName", "/instances/1/OSName"}
}

test_supported_release_passes if {
	instances := [instance({"OSNameEn": "Alibaba Cloud Linux 3.2104 LTS 64 bit"}), instance({"InstanceId": "i-2", "OSNameEn": "CentOS Stream 9 64 bit"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_release_is_denied_from_the_day_after_its_last_day if {
	# Windows Server 2012 ends 2024-12-31 in this table; now is 2025-01-01.
	deny_pointers([instance({"OSNameEn": "Windows Server 2012 R2 Datacenter 64bit"})]) == {"/instances/0/OSNameEn"}
	findings := data.ecsguard.ecs.eol_os.deny with input as {"instances": [instance({"OSNameEn": "Windows Server 2012 R2 Datacenter 64bit"})]}
		with data.ecsguard.now_ns as now - 1
		with data.ecsguard.params.eol_os.releases as releases
	count(findings) == 0
}

test_release_ending_later_passes if {
	count(deny_pointers([instance({"OSNameEn": "Ubuntu 20.04 64 bit"})])) == 0
}

test_only_the_eol_instance_is_denied if {
	instances := [instance({"OSNameEn": "Ubuntu 22.04 64 bit"}), instance({"InstanceId": "i-2", "OSNameEn": "ubuntu 18.04 64 bit"})]
	deny_pointers(instances) == {"/instances/1/OSNameEn"}
}

test_instance_without_os_name_is_unknown if {
	instances := [object.remove(instance({}), ["OSName", "OSNameEn"]), instance({"InstanceId": "i-2", "OSName": "", "OSNameEn": ""})]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
	count(deny_pointers(instances)) == 0
}

test_default_table_knows_centos_7 if {
	findings := data.ecsguard.ecs.eol_os.deny with input as {"instances": [instance({})]}
		with data.ecsguard.now_ns as now
	{f.pointer | some f in findings} == {"/instances/0/OSNameEn"}
}

# Absent and empty names take separate rule bodies: every combination.
test_absent_or_empty_names_are_unknown if {
	instances := [
		object.remove(instance({}), ["OSName", "OSNameEn"]),
		object.remove(instance({"OSName": ""}), ["OSNameEn"]),
		object.remove(instance({"OSNameEn": ""}), ["OSName"]),
		instance({"OSName": "", "OSNameEn": ""}),
	]
	unknown_pointers(instances) == {"/instances/0", "/instances/1", "/instances/2", "/instances/3"}
	count(deny_pointers(instances)) == 0
}

test_os_name_is_used_when_the_english_name_is_empty if {
	instances := [instance({"OSNameEn": ""})]
	deny_pointers(instances) == {"/instances/0/OSName"}
}
