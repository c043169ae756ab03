package ecsguard.ess.health_check_test

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou"}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.health_check.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.health_check.unknown with input as {"scaling_groups": groups}
}

test_health_check_type_none_is_denied if {
	deny_pointers([group({"HealthCheckType": "NONE"})]) == {"/scaling_groups/0/HealthCheckType"}
	count(unknown_pointers([group({"HealthCheckType": "NONE"})])) == 0
}

test_health_check_types_only_none_is_denied if {
	deny_pointers([group({"HealthCheckType": "NONE", "HealthCheckTypes": ["NONE"]})]) == {"/scaling_groups/0/HealthCheckTypes"}
}

test_empty_health_check_types_without_type_is_denied if {
	deny_pointers([group({"HealthCheckTypes": []})]) == {"/scaling_groups/0/HealthCheckTypes"}
}

test_message_names_group_and_value if {
	findings := data.ecsguard.ess.health_check.deny with input as {"scaling_groups": [group({"HealthCheckType": "NONE"})]}
	some f in findings
	f.msg == "scaling group asg-1 (web) has HealthCheckType NONE"
}

test_ecs_health_check_passes if {
	groups := [group({"HealthCheckType": "ECS", "HealthCheckTypes": ["ECS"]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_health_check_types_win_over_type if {
	# A listed non-NONE mode enables the check whatever HealthCheckType says.
	groups := [group({"HealthCheckType": "NONE", "HealthCheckTypes": ["NONE", "LOAD_BALANCER"]})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_bad_group_is_denied if {
	groups := [
		group({"HealthCheckType": "ECS"}),
		group({"ScalingGroupId": "asg-2", "HealthCheckType": "NONE"}),
		group({"ScalingGroupId": "asg-3", "HealthCheckType": "LOAD_BALANCER"}),
	]
	deny_pointers(groups) == {"/scaling_groups/1/HealthCheckType"}
}

test_absent_fields_are_unknown if {
	groups := [group({})]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}
