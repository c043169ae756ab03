package ecsguard.ecs.operation_lock_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "app-1", "RegionId": "cn-hangzhou", "OperationLocks": []}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.operation_lock.deny with input as {"instances": instances}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.operation_lock.unknown with input as {"instances": instances}
}

deny_messages(instances) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ecs.operation_lock.deny with input as {"instances": instances}
}

test_financial_lock_is_denied if {
	instances := [instance({"OperationLocks": [{"LockReason": "financial"}]})]
	deny_pointers(instances) == {"/instances/0/OperationLocks"}
	count(unknown_pointers(instances)) == 0
	deny_messages(instances) == {"instance i-1 (app-1) is locked (OperationLocks financial)"}
}

test_recycling_is_reported_as_reclaim_whatever_the_case if {
	instances := [instance({"OperationLocks": [{"LockReason": "Recycling", "LockMsg": "The spot instance is about to be released."}]})]
	deny_pointers(instances) == {"/instances/0/OperationLocks"}
	deny_messages(instances) == {"spot instance i-1 (app-1) is being reclaimed (OperationLocks Recycling) and will be released within minutes"}
}

test_unlocked_instance_passes if {
	instances := [instance({})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_locked_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "OperationLocks": [{"LockReason": "security"}]}), instance({"InstanceId": "i-3"})]
	deny_pointers(instances) == {"/instances/1/OperationLocks"}
}

test_missing_locks_is_unknown if {
	instances := [object.remove(instance({}), ["OperationLocks"])]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}
