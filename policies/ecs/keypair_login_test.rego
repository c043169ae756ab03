package ecsguard.ecs.keypair_login_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "db-1", "RegionId": "cn-hangzhou", "OSType": "linux", "KeyPairName": "ops"}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.keypair_login.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.keypair_login.unknown with input as {"instances": instances}
}

test_linux_without_key_pair_is_denied if {
	instances := [instance({"KeyPairName": ""})]
	deny_pointers(instances) == {"/instances/0/KeyPairName"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_instance if {
	findings := data.ecsguard.ecs.keypair_login.deny with input as {"instances": [instance({"KeyPairName": ""})]}
	{f.msg | some f in findings} == {"Linux instance i-1 (db-1) is bound to no SSH key pair"}
}

test_key_pair_and_windows_pass if {
	instances := [instance({}), instance({"InstanceId": "i-2", "OSType": "windows", "KeyPairName": ""})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_keyless_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "KeyPairName": ""})]
	deny_pointers(instances) == {"/instances/1/KeyPairName"}
}

test_missing_fields_are_unknown_when_they_matter if {
	instances := [object.remove(instance({}), ["KeyPairName"]), object.remove(instance({"InstanceId": "i-2", "KeyPairName": ""}), ["OSType"]), object.remove(instance({"InstanceId": "i-3"}), ["OSType"])]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
	count(deny_pointers(instances)) == 0
}

test_messages_name_an_unnamed_instance_by_its_id if {
	denied := data.ecsguard.ecs.keypair_login.deny with input as {"instances": [instance({"KeyPairName": "", "InstanceName": ""})]}
	{f.msg | some f in denied} == {"Linux instance i-1 is bound to no SSH key pair"}
	no_key := data.ecsguard.ecs.keypair_login.unknown with input as {"instances": [object.remove(instance({"InstanceName": "i-1"}), ["KeyPairName"])]}
	{f.msg | some f in no_key} == {"Linux instance i-1 has no KeyPairName in the snapshot, whether it uses a key pair cannot be judged"}
	no_os := data.ecsguard.ecs.keypair_login.unknown with input as {"instances": [object.remove(instance({"KeyPairName": ""}), ["OSType", "InstanceName"])]}
	{f.msg | some f in no_os} == {"instance i-1 has no key pair and no OSType in the snapshot, whether it needs one cannot be judged"}
}

test_unknown_messages_name_the_instance if {
	no_key := data.ecsguard.ecs.keypair_login.unknown with input as {"instances": [object.remove(instance({}), ["KeyPairName"])]}
	{f.msg | some f in no_key} == {"Linux instance i-1 (db-1) has no KeyPairName in the snapshot, whether it uses a key pair cannot be judged"}
	no_os := data.ecsguard.ecs.keypair_login.unknown with input as {"instances": [object.remove(instance({"KeyPairName": ""}), ["OSType"])]}
	{f.msg | some f in no_os} == {"instance i-1 (db-1) has no key pair and no OSType in the snapshot, whether it needs one cannot be judged"}
}
