package ecsguard.ess.no_load_balancer_test

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "LoadBalancerIds": []}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.no_load_balancer.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.no_load_balancer.unknown with input as {"scaling_groups": groups}
}

test_group_without_clb_is_denied if {
	deny_pointers([group({})]) == {"/scaling_groups/0/LoadBalancerIds"}
	deny_pointers([group({"VServerGroups": []})]) == {"/scaling_groups/0/LoadBalancerIds"}
	count(unknown_pointers([group({})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.no_load_balancer.deny with input as {"scaling_groups": [group({})]}
	{f.msg | some f in findings} == {"scaling group asg-1 (web) has no classic load balancer attached"}
}

test_group_with_clb_passes if {
	groups := [group({"LoadBalancerIds": ["lb-1"]}), group({"VServerGroups": [{"LoadBalancerId": "lb-1"}]}), object.remove(group({"VServerGroups": [{"LoadBalancerId": "lb-1"}]}), ["LoadBalancerIds"])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_bare_group_is_denied if {
	deny_pointers([group({"LoadBalancerIds": ["lb-1"]}), group({"ScalingGroupId": "asg-2"})]) == {"/scaling_groups/1/LoadBalancerIds"}
}

test_missing_field_is_unknown if {
	groups := [object.remove(group({}), ["LoadBalancerIds"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}
