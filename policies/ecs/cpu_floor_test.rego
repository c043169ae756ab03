package ecsguard.ecs.cpu_floor_test

instance(fields) := object.union({"InstanceId": "i-1", "InstanceName": "web-1", "RegionId": "cn-hangzhou", "Cpu": 4}, fields)

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.cpu_floor.deny with input as {"instances": instances}
		with data.ecsguard.params.cpu_floor.min_cpus as 2
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.cpu_floor.unknown with input as {"instances": instances}
		with data.ecsguard.params.cpu_floor.min_cpus as 2
}

test_instance_below_the_minimum_is_denied if {
	instances := [instance({"Cpu": 1})]
	deny_pointers(instances) == {"/instances/0/Cpu"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_instance_and_counts if {
	findings := data.ecsguard.ecs.cpu_floor.deny with input as {"instances": [instance({"Cpu": 1})]}
		with data.ecsguard.params.cpu_floor.min_cpus as 2
	{f.msg | some f in findings} == {"instance i-1 (web-1) has 1 vCPUs, fewer than params.cpu_floor.min_cpus (2)"}
}

test_instances_at_or_above_the_minimum_pass if {
	instances := [instance({}), instance({"InstanceId": "i-2", "Cpu": 2})]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_small_instance_is_denied if {
	instances := [instance({}), instance({"InstanceId": "i-2", "Cpu": 1}), instance({"InstanceId": "i-3", "Cpu": 2})]
	deny_pointers(instances) == {"/instances/1/Cpu"}
}

test_missing_cpu_is_unknown if {
	instances := [object.remove(instance({}), ["Cpu"]), instance({})]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_null_minimum_judges_nothing if {
	instances := [instance({"Cpu": 1}), object.remove(instance({"InstanceId": "i-2"}), ["Cpu"])]
	count(data.ecsguard.ecs.cpu_floor.deny) == 0 with input as {"instances": instances}
		with data.ecsguard.params.cpu_floor.min_cpus as null
	count(data.ecsguard.ecs.cpu_floor.unknown) == 0 with input as {"instances": instances}
		with data.ecsguard.params.cpu_floor.min_cpus as null
}

test_default_minimum_is_null if {
	data.ecsguard.params.cpu_floor.min_cpus == null
}

test_minimum_that_is_not_a_number_makes_every_instance_unknown if {
	instances := [instance({"Cpu": 1}), instance({"InstanceId": "i-2"})]
	findings := data.ecsguard.ecs.cpu_floor.unknown with input as {"instances": instances}
		with data.ecsguard.params.cpu_floor.min_cpus as "2"
	{f.pointer | some f in findings} == {"/instances/0", "/instances/1"}
	count(data.ecsguard.ecs.cpu_floor.deny) == 0 with input as {"instances": instances}
		with data.ecsguard.params.cpu_floor.min_cpus as "2"
}
