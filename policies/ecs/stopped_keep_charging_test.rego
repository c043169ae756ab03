package ecsguard.ecs.stopped_keep_charging_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "app-1", "RegionId": "cn-hangzhou", "Status": "Stopped", "InstanceChargeType": "PostPaid", "StoppedMode": "KeepCharging"}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.stopped_keep_charging.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.stopped_keep_charging.unknown with input as {"instances": instances}
}

test_stopped_keep_charging_is_denied if {
	deny_pointers([instance({})]) == {"/instances/0/StoppedMode"}
	count(unknown_pointers([instance({})])) == 0
}

test_message_names_instance if {
	findings := data.ecsguard.ecs.stopped_keep_charging.deny with input as {"instances": [instance({})]}
	{f.msg | some f in findings} == {"pay-as-you-go instance i-1 (app-1) is Stopped with StoppedMode KeepCharging: its compute is still billed"}
}

test_economical_mode_subscription_and_running_pass if {
	instances := [
		instance({"StoppedMode": "StopCharging"}),
		instance({"InstanceId": "i-2", "InstanceChargeType": "PrePaid"}),
		instance({"InstanceId": "i-3", "Status": "Running", "StoppedMode": "Not-applicable"}),
	]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_billed_stopped_instance_is_denied if {
	deny_pointers([instance({"StoppedMode": "StopCharging"}), instance({"InstanceId": "i-2"})]) == {"/instances/1/StoppedMode"}
}

test_missing_stopped_mode_is_unknown if {
	instances := [object.remove(instance({}), ["StoppedMode"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_missing_status_or_charge_type_is_unknown if {
	instances := [object.remove(instance({}), ["Status"]), object.remove(instance({"InstanceId": "i-2"}), ["InstanceChargeType"])]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
	count(deny_pointers(instances)) == 0
}
