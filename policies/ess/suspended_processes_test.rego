package ecsguard.ess.suspended_processes_test

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "SuspendedProcesses": []}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.suspended_processes.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.suspended_processes.unknown with input as {"scaling_groups": groups}
}

test_suspended_group_is_denied if {
	groups := [group({"SuspendedProcesses": ["HealthCheck", "ScaleIn"]})]
	deny_pointers(groups) == {"/scaling_groups/0/SuspendedProcesses"}
	count(unknown_pointers(groups)) == 0
}

test_message_lists_processes if {
	findings := data.ecsguard.ess.suspended_processes.deny with input as {"scaling_groups": [group({"SuspendedProcesses": ["HealthCheck", "ScaleIn"]})]}
	{f.msg | some f in findings} == {"scaling group asg-1 (web) has suspended processes: HealthCheck, ScaleIn"}
}

test_group_without_suspensions_passes if {
	groups := [group({})]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_suspended_group_is_denied if {
	groups := [group({}), group({"ScalingGroupId": "asg-2", "SuspendedProcesses": ["ScaleOut"]})]
	deny_pointers(groups) == {"/scaling_groups/1/SuspendedProcesses"}
}

test_missing_field_is_unknown if {
	groups := [object.remove(group({}), ["SuspendedProcesses"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}
