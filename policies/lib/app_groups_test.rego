package ecsguard.lib.app_groups_test

tagged(id, region, zone, app) := {"InstanceId": id, "RegionId": region, "ZoneId": zone, "Status": "Running", "Tags": [{"Key": "env", "Value": "prod"}, {"Key": "app", "Value": app}, {"Key": "team", "Value": "x"}]}

params := {"a": {"group_tags": ["app", "env"]}, "b": {"group_tags": ["app", "env"]}, "c": {"min_instances": 2}}

test_tag_lists_are_the_distinct_group_tags_of_all_parameters if {
	lists := data.ecsguard.lib.app_groups.tag_lists with data.ecsguard.params as object.union(params, {"d": {"group_tags": ["app"]}})
	lists == {["app", "env"], ["app"]}
}

test_members_are_sorted_by_group_then_zone if {
	instances := [
		tagged("i-0", "cn-shanghai", "cn-shanghai-g", "web"),
		tagged("i-1", "cn-hangzhou", "cn-hangzhou-h", "web"),
		tagged("i-2", "cn-shanghai", "cn-shanghai-f", "web"),
		object.union(tagged("i-3", "cn-shanghai", "cn-shanghai-f", "web"), {"Status": "Stopped"}),
		{"InstanceId": "i-4", "RegionId": "cn-shanghai", "ZoneId": "cn-shanghai-f", "Status": "Running", "Tags": [{"Key": "app", "Value": "web"}]},
		object.remove(tagged("i-5", "cn-shanghai", "", "api"), ["ZoneId"]),
	]
	members := data.ecsguard.lib.app_groups.members[["app", "env"]] with input as {"instances": instances}
		with data.ecsguard.params as params
	[m[3] | some m in members] == ["i-1", "i-5", "i-2", "i-0"]
	members[1][1] == ""
	members[2][0] == ["cn-shanghai", {["app", "web"], ["env", "prod"]}]
	groups := data.ecsguard.lib.app_groups.groups[["app", "env"]] with input as {"instances": instances}
		with data.ecsguard.params as params
	groups == [[0, 1], [1, 2], [2, 4]]
}

test_a_tag_without_a_value_groups_as_empty if {
	no_value := {"InstanceId": "i-0", "RegionId": "r", "Status": "Running", "Tags": [{"Key": "app"}, {"Key": "env", "Value": ""}]}
	members := data.ecsguard.lib.app_groups.members[["app", "env"]] with input as {"instances": [no_value]}
		with data.ecsguard.params as params
	members == [[["r", {["app", ""], ["env", ""]}], "", 0, "i-0"]]
}

test_no_instances_make_no_groups if {
	groups := data.ecsguard.lib.app_groups.groups[["app", "env"]] with input as {"instances": []}
		with data.ecsguard.params as params
	groups == []
}

test_untagged_are_running_instances_without_tags if {
	instances := [
		{"InstanceId": "i-0", "Status": "Running"},
		{"InstanceId": "i-1", "Status": "Stopped"},
		{"InstanceId": "i-2", "Status": "Running", "Tags": []},
	]
	untagged := data.ecsguard.lib.app_groups.untagged with input as {"instances": instances}
	untagged == {0}
}

test_tag_text_follows_the_order_of_the_tags if {
	text := data.ecsguard.lib.app_groups.tag_text(["app", "env"], tagged("i-0", "r", "z", "web"))
	text == "app=web, env=prod"
}
