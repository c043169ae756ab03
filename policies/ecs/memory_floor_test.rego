package ecsguard.ecs.memory_floor_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "web-1", "RegionId": "cn-hangzhou", "Memory": 8192}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.memory_floor.deny with input as {"instances": instances}
		with data.ecsguard.params.memory_floor.min_memory_mib as 4096
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.memory_floor.unknown with input as {"instances": instances}
		with data.ecsguard.params.memory_floor.min_memory_mib as 4096
}

test_instance_below_the_minimum_is_denied if {
	instances := [instance({"Memory": 2048})]
	deny_pointers(instances) == {"/instances/0/Memory"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_instance_and_sizes if {
	findings := data.ecsguard.ecs.memory_floor.deny with input as {"instances": [instance({"Memory": 2048})]}
		with data.ecsguard.params.memory_floor.min_memory_mib as 4096
	{f.msg | some f in findings} == {"instance i-1 (web-1) has 2048 MiB of memory, less than params.memory_floor.min_memory_mib (4096)"}
}

test_instances_at_or_above_the_minimum_pass if {
	instances := [instance({}), instance({"InstanceId": "i-2", "Memory": 4096})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_small_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "Memory": 1024}), instance({"InstanceId": "i-3", "Memory": 4096})]
	deny_pointers(instances) == {"/instances/1/Memory"}
}

test_missing_memory_is_unknown if {
	instances := [object.remove(instance({}), ["Memory"]), instance({})]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_null_minimum_judges_nothing if {
	instances := [instance({"Memory": 512}), object.remove(instance({"InstanceId": "i-2"}), ["Memory"])]
	count(data.ecsguard.ecs.memory_floor.deny) == 0 with input as {"instances": instances}
		with data.ecsguard.params.memory_floor.min_memory_mib as null
	count(data.ecsguard.ecs.memory_floor.unknown) == 0 with input as {"instances": instances}
		with data.ecsguard.params.memory_floor.min_memory_mib as null
}

test_default_minimum_is_null if {
	data.ecsguard.params.memory_floor.min_memory_mib == null
}

test_minimum_that_is_not_a_number_makes_every_instance_unknown if {
	instances := [instance({"Memory": 512}), instance({"InstanceId": "i-2"})]
	findings := data.ecsguard.ecs.memory_floor.unknown with input as {"instances": instances}
		with data.ecsguard.params.memory_floor.min_memory_mib as "4 GiB"
	{f.pointer | some f in findings} == {"/instances/0", "/instances/1"}
	count(data.ecsguard.ecs.memory_floor.deny) == 0 with input as {"instances": instances}
		with data.ecsguard.params.memory_floor.min_memory_mib as "4 GiB"
}
