package ecsguard.ecs.deployment_set_empty_test

set(fields) := object.union({"DeploymentSetId": "ds-1", "DeploymentSetName": "db", "RegionId": "cn-hangzhou", "InstanceAmount": 2, "InstanceIds": ["i-1", "i-2"]}, fields)

deny_pointers(sets) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.deployment_set_empty.deny with input as {"deployment_sets": sets}
}

unknown_pointers(sets) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.deployment_set_empty.unknown with input as {"deployment_sets": sets}
}

test_empty_set_is_denied if {
	sets := [set({"InstanceAmount": 0, "InstanceIds": []})]
	deny_pointers(sets) == {"/deployment_sets/0/InstanceAmount"}
	count(unknown_pointers(sets)) == 0
}

test_message_names_set if {
	findings := data.ecsguard.ecs.deployment_set_empty.deny with input as {"deployment_sets": [set({"InstanceAmount": 0})]}
	{f.msg | some f in findings} == {"deployment set ds-1 (db) holds no instances"}
}

test_instance_list_answers_without_amount if {
	sets := [object.remove(set({"InstanceIds": []}), ["InstanceAmount"]), object.remove(set({"DeploymentSetId": "ds-2"}), ["InstanceAmount"])]
	deny_pointers(sets) == {"/deployment_sets/0/InstanceIds"}
	count(unknown_pointers(sets)) == 0
}

test_used_set_passes if {
	count(deny_pointers([set({})])) == 0
	count(unknown_pointers([set({})])) == 0
}

test_only_the_empty_set_is_denied if {
	sets := [set({}), set({"DeploymentSetId": "ds-2", "InstanceAmount": 0})]
	deny_pointers(sets) == {"/deployment_sets/1/InstanceAmount"}
}

test_set_without_amount_or_list_is_unknown if {
	sets := [object.remove(set({}), ["InstanceAmount", "InstanceIds"])]
	unknown_pointers(sets) == {"/deployment_sets/0"}
	count(deny_pointers(sets)) == 0
}
