package ecsguard.ecs.app_outside_deployment_set_test

instance(id, ds) := {"InstanceId": id, "InstanceName": id, "RegionId": "cn-hangzhou", "Status": "Running", "DeploymentSetId": ds, "Tags": [{"Key": "app", "Value": "api"}, {"Key": "env", "Value": "staging"}]}

groups := [{"ScalingGroupId": "asg-1", "RegionId": "cn-hangzhou", "scaling_instances": [{"InstanceId": "i-9"}]}]

deny_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.app_outside_deployment_set.deny with input as {"instances": instances, "scaling_groups": groups}
}

unknown_pointers(instances) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.app_outside_deployment_set.unknown with input as {"instances": instances, "scaling_groups": groups}
}

test_copies_outside_a_deployment_set_are_denied if {
	instances := [instance("i-1", ""), instance("i-2", "")]
	deny_pointers(instances) == {"/instances/0/DeploymentSetId", "/instances/1/DeploymentSetId"}
	count(unknown_pointers(instances)) == 0
}

test_message_names_tags if {
	findings := data.ecsguard.ecs.app_outside_deployment_set.deny with input as {"instances": [instance("i-1", ""), instance("i-2", "")], "scaling_groups": groups}
	some f in findings
	f.msg == "instance i-1 is one of several instances tagged app=api, env=staging in cn-hangzhou and belongs to no deployment set"
}

test_copies_in_a_deployment_set_pass if {
	instances := [instance("i-1", "ds-1"), instance("i-2", "ds-1")]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_only_the_member_outside_the_set_is_denied if {
	instances := [instance("i-1", "ds-1"), instance("i-2", "")]
	deny_pointers(instances) == {"/instances/1/DeploymentSetId"}
}

test_scaling_group_members_are_not_judged_or_counted if {
	tagged := object.union(instance("i-3", ""), {"Tags": [{"Key": "app", "Value": "api"}, {"Key": "env", "Value": "staging"}, {"Key": "acs:autoscaling:scalingGroupId", "Value": "asg-2"}]})
	instances := [instance("i-1", ""), instance("i-9", ""), tagged]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_stopped_and_single_instances_pass if {
	stopped := object.union(instance("i-2", ""), {"Status": "Stopped"})
	instances := [instance("i-1", ""), stopped]
	count(deny_pointers(instances)) == 0
	count(unknown_pointers(instances)) == 0
}

test_min_instances_is_a_parameter if {
	findings := data.ecsguard.ecs.app_outside_deployment_set.deny with input as {"instances": [instance("i-1", ""), instance("i-2", "")], "scaling_groups": groups}
		with data.ecsguard.params.app_outside_deployment_set.min_instances as 3
	count(findings) == 0
}

test_region_with_uncollected_members_is_unknown if {
	partial := [{"ScalingGroupId": "asg-2", "RegionId": "cn-hangzhou"}]
	instances := [instance("i-1", ""), instance("i-2", "")]
	findings := data.ecsguard.ecs.app_outside_deployment_set.unknown with input as {"instances": instances, "scaling_groups": partial}
	{f.pointer | some f in findings} == {"/instances/0", "/instances/1"}
	denied := data.ecsguard.ecs.app_outside_deployment_set.deny with input as {"instances": instances, "scaling_groups": partial}
	count(denied) == 0
}

test_missing_deployment_set_id_is_unknown if {
	instances := [object.remove(instance("i-1", ""), ["DeploymentSetId"]), instance("i-2", "ds-1")]
	unknown_pointers(instances) == {"/instances/0"}
	count(deny_pointers(instances)) == 0
}

test_missing_tags_are_unknown_when_they_matter if {
	instances := [object.remove(instance("i-1", ""), ["Tags"]), object.remove(object.remove(instance("i-2", ""), ["Tags"]), ["DeploymentSetId"]), object.remove(instance("i-3", "ds-1"), ["Tags"])]
	unknown_pointers(instances) == {"/instances/0", "/instances/1"}
	count(deny_pointers(instances)) == 0
}
