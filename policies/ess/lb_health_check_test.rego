package ecsguard.ess.lb_health_check_test

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "HealthCheckType": "ECS", "HealthCheckTypes": ["ECS"], "LoadBalancerIds": [], "VServerGroups": [], "ServerGroups": [], "AlbServerGroups": []}, fields)

alb := [{"AlbServerGroupId": "sgp-1", "Port": 80, "Weight": 100}]

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.lb_health_check.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.lb_health_check.unknown with input as {"scaling_groups": groups}
}

test_alb_without_lb_check_is_denied if {
	groups := [group({"AlbServerGroups": alb})]
	deny_pointers(groups) == {"/scaling_groups/0/AlbServerGroups"}
	count(unknown_pointers(groups)) == 0
}

test_message_names_group_and_field if {
	findings := data.ecsguard.ess.lb_health_check.deny with input as {"scaling_groups": [group({"ServerGroups": [{"ServerGroupId": "sgp-2", "Type": "nlb"}]})]}
	{f.msg | some f in findings} == {"scaling group asg-1 (web) has ServerGroups attached but no LOAD_BALANCER health check: instances the load balancer finds unhealthy stay in service"}
}

test_lb_check_without_any_lb_is_denied if {
	groups := [group({"HealthCheckTypes": ["ECS", "LOAD_BALANCER"]}), group({"HealthCheckTypes": [], "HealthCheckType": "LOAD_BALANCER"})]
	deny_pointers(groups) == {"/scaling_groups/0", "/scaling_groups/1"}
}

test_matching_checks_pass if {
	groups := [
		group({}),
		group({"HealthCheckTypes": ["ECS", "LOAD_BALANCER"], "AlbServerGroups": alb}),
		group({"HealthCheckTypes": ["LOAD_BALANCER"], "LoadBalancerIds": ["lb-1"]}),
		group({"LoadBalancerIds": ["lb-1"]}),
	]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_bad_group_is_denied if {
	groups := [group({}), group({"ScalingGroupId": "asg-2", "AlbServerGroups": alb})]
	deny_pointers(groups) == {"/scaling_groups/1/AlbServerGroups"}
}

test_unreported_server_groups_are_unknown_without_lb_check if {
	groups := [object.remove(group({}), ["AlbServerGroups"]), object.remove(group({"AlbServerGroups": alb}), ["ServerGroups"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	deny_pointers(groups) == {"/scaling_groups/1/AlbServerGroups"}
}

test_unreported_lists_are_unknown_with_lb_check if {
	groups := [object.remove(group({"HealthCheckTypes": ["LOAD_BALANCER"]}), ["VServerGroups"]), object.remove(group({"HealthCheckTypes": ["LOAD_BALANCER"], "LoadBalancerIds": ["lb-1"]}), ["VServerGroups"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}

test_missing_health_check_is_unknown if {
	groups := [object.remove(group({"AlbServerGroups": alb}), ["HealthCheckType", "HealthCheckTypes"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}

unknown_messages(groups) := {f.msg | some f in findings} if {
	findings := data.ecsguard.ess.lb_health_check.unknown with input as {"scaling_groups": groups}
}

test_unknown_messages_list_the_missing_fields if {
	unknown_messages([object.remove(group({}), ["AlbServerGroups", "ServerGroups"])]) == {"scaling group asg-1 (web) has no LOAD_BALANCER health check and no AlbServerGroups or ServerGroups in the snapshot, whether ALB or NLB server groups are attached cannot be judged"}
	unknown_messages([object.remove(group({"HealthCheckType": "LOAD_BALANCER", "HealthCheckTypes": []}), ["ServerGroups", "LoadBalancerIds"])]) == {"scaling group asg-1 (web) has the LOAD_BALANCER health check but no ServerGroups or LoadBalancerIds in the snapshot, whether a load balancer is attached cannot be judged"}
	unknown_messages([object.remove(group({}), ["HealthCheckType", "HealthCheckTypes"])]) == {"scaling group asg-1 (web) has neither HealthCheckType nor HealthCheckTypes in the snapshot, whether its health check matches its load balancers cannot be judged"}
}

test_health_check_type_decides_only_without_types if {
	deny_pointers([group({"HealthCheckType": "LOAD_BALANCER", "HealthCheckTypes": ["ECS"], "AlbServerGroups": alb})]) == {"/scaling_groups/0/AlbServerGroups"}
	deny_pointers([object.remove(group({"HealthCheckType": "LOAD_BALANCER"}), ["HealthCheckTypes"])]) == {"/scaling_groups/0"}
	count(deny_pointers([object.remove(group({"AlbServerGroups": alb}), ["HealthCheckTypes"])])) == 1
}
