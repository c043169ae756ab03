package ecsguard.ecs.patch_unscanned_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "web-1", "RegionId": "cn-hangzhou", "Status": "Running"}, fields)

states := [{"InstanceId": "i-1", "RegionId": "cn-hangzhou", "MissingCount": 0}]

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.patch_unscanned.deny with input as {"instances": instances, "patch_states": states}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.patch_unscanned.unknown with input as {"instances": instances, "patch_states": states}
}

test_running_instance_without_patch_state_is_denied if {
	instances := [instance({"InstanceId": "i-2"})]
	deny_pointers(instances) == {"/instances/0"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_instance if {
	findings := data.ecsguard.ecs.patch_unscanned.deny with input as {"instances": [instance({"InstanceId": "i-2"})], "patch_states": states}
	{f.msg | some f in findings} == {"running instance i-2 (web-1) has no OOS patch state: its patch level is unknown to Patch Manager"}
}

test_scanned_instance_passes if {
	count(deny_pointers([instance({})])) == 0
	count(unknown_pointers([instance({})])) == 0
}

test_stopped_instance_passes if {
	instances := [instance({"InstanceId": "i-2", "Status": "Stopped"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_unscanned_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2"}), instance({"InstanceId": "i-3", "Status": "Pending"})]
	deny_pointers(instances) == {"/instances/1"}
}

test_instance_without_status_is_unknown_unless_scanned if {
	instances := [object.remove(instance({}), ["Status"]), object.remove(instance({"InstanceId": "i-2"}), ["Status"])]
	unknown_pointers(instances) == {"/instances/1"}
	count(deny_pointers(instances)) == 0
}

messages(instances) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ecs.patch_unscanned.deny | data.ecsguard.ecs.patch_unscanned.unknown with input as {"instances": instances, "patch_states": states}
}

test_unknown_message_names_the_instance if {
	messages([object.remove(instance({"InstanceId": "i-2"}), ["Status"])]) == {"instance i-2 (web-1) has no patch state and no Status in the snapshot, whether it should have been scanned cannot be judged"}
}

test_messages_name_an_unnamed_instance_by_its_id if {
	messages([instance({"InstanceId": "i-2", "InstanceName": ""})]) == {"running instance i-2 has no OOS patch state: its patch level is unknown to Patch Manager"}
	messages([object.remove(instance({"InstanceId": "i-2", "InstanceName": "i-2"}), ["Status"])]) == {"instance i-2 has no patch state and no Status in the snapshot, whether it should have been scanned cannot be judged"}
}
