package ecsguard.lib.scaling_test

instances := [
	{"InstanceId": "i-0", "Tags": [{"Key": "app", "Value": "web"}, {"Key": "acs:autoscaling:scalingGroupId", "Value": "asg-1"}]},
	{"InstanceId": "i-1", "Tags": [{"Key": "app", "Value": "web"}]},
	{"InstanceId": "i-2"},
	{"InstanceId": "i-3"},
]

groups := [
	{"ScalingGroupId": "asg-1", "RegionId": "cn-hangzhou", "scaling_instances": [{"InstanceId": "i-3"}]},
	{"ScalingGroupId": "asg-2", "RegionId": "cn-shanghai"},
]

test_tagged_are_the_instances_auto_scaling_tagged if {
	tagged := data.ecsguard.lib.scaling.tagged with input as {"instances": instances, "scaling_groups": groups}
	tagged == {0}
}

test_instance_ids_are_listed_or_tagged if {
	ids := data.ecsguard.lib.scaling.instance_ids with input as {"instances": instances, "scaling_groups": groups}
	ids == {"i-0", "i-3"}
}

test_regions_missing_members_are_where_a_list_was_not_collected if {
	regions := data.ecsguard.lib.scaling.regions_missing_members with input as {"instances": instances, "scaling_groups": groups}
	regions == {"cn-shanghai"}
}

test_no_scaling_groups_leave_only_the_tag if {
	ids := data.ecsguard.lib.scaling.instance_ids with input as {"instances": instances}
	ids == {"i-0"}
	regions := data.ecsguard.lib.scaling.regions_missing_members with input as {"instances": instances}
	regions == set()
}
