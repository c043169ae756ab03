package ecsguard.ecs.patch_baseline_os_test

baselines := [
	{"Id": "pb-al", "Name": "ACS-AliyunLinux-DefaultPatchBaseline", "RegionId": "cn-hangzhou", "OperationSystem": "AliyunLinux"},
	{"Id": "pb-ub", "Name": "ACS-Ubuntu-DefaultPatchBaseline", "RegionId": "cn-hangzhou", "OperationSystem": "Ubuntu"},
	{"Id": "pb-co", "Name": "centos-custom", "RegionId": "cn-hangzhou", "OperationSystem": "Centos"},
	{"Id": "pb-none", "Name": "no-os", "RegionId": "cn-hangzhou"},
]

instance(id, fields) := object.union({"InstanceId": id, "RegionId": "cn-hangzhou", "OSName": "Alibaba Cloud Linux 3.2104 LTS 64 bit"}, fields)

state(id, baseline) := {"InstanceId": id, "RegionId": "cn-hangzhou", "BaselineId": baseline, "MissingCount": 0}

judge(instances, states) := [deny, unknown] if {
	doc := {"instances": instances, "patch_states": states, "patch_baselines": baselines}
	deny := {f.pointer: f.msg | some f in data.ecsguard.ecs.patch_baseline_os.deny with input as doc}
	unknown := {f.pointer: f.msg | some f in data.ecsguard.ecs.patch_baseline_os.unknown with input as doc}
}

test_ubuntu_on_an_alibaba_cloud_linux_baseline_is_denied if {
	[deny, unknown] := judge([instance("i-1", {"OSName": "Ubuntu 22.04 64 bit"})], [state("i-1", "pb-al")])
	deny == {"/patch_states/0/BaselineId": "instance i-1 runs Ubuntu 22.04 64 bit, but its patch state comes from baseline ACS-AliyunLinux-DefaultPatchBaseline (pb-al), which is for AliyunLinux"}
	unknown == {}
}

test_matching_baselines_pass if {
	instances := [
		instance("i-1", {}),
		instance("i-2", {"OSName": "Ubuntu 22.04 64 bit"}),
		instance("i-3", {"OSName": "CentOS 7.9 64 bit"}),
	]
	[deny, unknown] := judge(instances, [state("i-1", "pb-al"), state("i-2", "pb-ub"), state("i-3", "pb-co")])
	deny == {}
	unknown == {}
}

test_the_english_name_wins if {
	inst := instance("i-1", {"OSName": "Ubuntu 22.04 64位", "OSNameEn": "Alibaba Cloud Linux 3.2104 LTS 64 bit"})
	[deny, unknown] := judge([inst], [state("i-1", "pb-al")])
	deny == {}
	unknown == {}
}

test_aliyun_linux_2_is_the_aliyunlinux_family if {
	[deny, unknown] := judge([instance("i-1", {"OSName": "Aliyun Linux 2.1903 LTS 64 bit"})], [state("i-1", "pb-ub")])
	deny == {"/patch_states/0/BaselineId": "instance i-1 runs Aliyun Linux 2.1903 LTS 64 bit, but its patch state comes from baseline ACS-Ubuntu-DefaultPatchBaseline (pb-ub), which is for Ubuntu"}
	unknown == {}
}

test_what_cannot_be_judged_is_unknown_with_its_reason if {
	instances := [
		instance("i-1", {}),
		object.remove(instance("i-2", {}), ["OSName"]),
		instance("i-3", {"OSName": "FreeBSD 13.2 64 bit"}),
	]
	states := [
		object.remove(state("i-1", ""), ["BaselineId"]),
		state("i-1", "pb-gone"),
		state("i-1", "pb-none"),
		state("i-9", "pb-al"),
		state("i-2", "pb-al"),
		state("i-3", "pb-al"),
	]
	[deny, unknown] := judge(instances, states)
	deny == {}
	unknown == {
		"/patch_states/0": "the patch state of instance i-1 has no BaselineId in the snapshot, whether it was measured against a baseline for the instance's OS cannot be judged",
		"/patch_states/1": "the patch state of instance i-1 names baseline pb-gone, which is not among the snapshot's patch_baselines, whether it was measured against a baseline for the instance's OS cannot be judged",
		"/patch_states/2": "the patch state of instance i-1 names baseline pb-none, which has no OperationSystem in the snapshot, whether it was measured against a baseline for the instance's OS cannot be judged",
		"/patch_states/3": "the patch state of instance i-9 is for an instance that is not in the snapshot, whether it was measured against a baseline for the instance's OS cannot be judged",
		"/patch_states/4": "the patch state of instance i-2 is for an instance with neither OSNameEn nor OSName in the snapshot, whether it was measured against a baseline for the instance's OS cannot be judged",
		"/patch_states/5": "the patch state of instance i-3 is for an instance running FreeBSD 13.2 64 bit, which no entry of the patch_baseline_os table matches, whether it was measured against a baseline for the instance's OS cannot be judged",
	}
}

test_only_the_mismatched_state_is_denied if {
	instances := [instance("i-1", {}), instance("i-2", {"OSName": "Windows Server 2022 Data Center Edition 64bit"})]
	[deny, _] := judge(instances, [state("i-1", "pb-al"), state("i-2", "pb-al")])
	object.keys(deny) == {"/patch_states/1/BaselineId"}
}
