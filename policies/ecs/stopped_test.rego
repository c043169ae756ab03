package ecsguard.ecs.stopped_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "app-1", "RegionId": "cn-hangzhou", "Status": "Running"}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.stopped.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.stopped.unknown with input as {"instances": instances}
}

test_stopped_instance_is_denied if {
	instances := [instance({"Status": "Stopped"})]
	deny_pointers(instances) == {"/instances/0/Status"}
	count(unknown_pointers(instances)) == 0
}

test_message_gives_stop_mode if {
	findings := data.ecsguard.ecs.stopped.deny with input as {"instances": [instance({"Status": "Stopped", "StoppedMode": "KeepCharging"})]}
	{f.msg | some f in findings} == {"instance i-1 (app-1) is Stopped (StoppedMode KeepCharging)"}
}

test_running_and_starting_instances_pass if {
	instances := [instance({}), instance({"InstanceId": "i-2", "Status": "Starting"}), instance({"InstanceId": "i-3", "Status": "Pending"})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_stopped_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "Status": "Stopped"})]
	deny_pointers(instances) == {"/instances/1/Status"}
}

test_missing_status_is_unknown if {
	instances := [object.remove(instance({}), ["Status"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}
