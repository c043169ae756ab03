# METADATA
# title: All instances of an application run in one zone
# description: >-
#   Two or more instances that are not stopped carry the same values for the
#   grouping tags (group_tags, default app and env) in one region, and all
#   of them run in a single zone. They are copies of one service, and a
#   zone outage takes every copy down together. Cloud Config's
#   imbalanced-number-of-ecs-instance-zones compares instance counts across
#   zones; this rule looks for groups with no second zone at all.
# custom:
#   id: ECS-030
#   severity: medium
#   resource_type: instance
#   remediation:
#     text: >-
#       Run part of the group in a second zone of the region (a vSwitch in
#       another zone), or put it in a scaling group whose vSwitches span
#       zones with a balanced multi-zone policy.
#     cli: aliyun ecs RunInstances --RegionId {RegionId} --LaunchTemplateId <template-id> --VSwitchId <vswitch-in-another-zone>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-runinstances
package ecsguard.ecs.app_single_zone

group_tags := data.ecsguard.params.app_single_zone.group_tags

min_instances := data.ecsguard.params.app_single_zone.min_instances

# The groups (policies/lib/app_groups.rego builds them once for the three
# rules that group instances into applications). Everything below is
# computed once; each loop binds the rules it reads to locals first,
# indexes nested arrays in two steps (regorus scans for `a[i][j]` in one
# expression) and builds findings in the head (Performance in
# policies/README.md).

# [group key, zone, index, InstanceId] of every instance that is not
# stopped and carries every grouping tag, sorted by key and then zone ("",
# unknown, first).
members := data.ecsguard.lib.app_groups.members[group_tags]

# [first, end) of each group's run in members. Findings are then made per
# group, not by looking every instance's group up.
groups := data.ecsguard.lib.app_groups.groups[group_tags]

# Groups with two known zones: the zone changes after a known one.
spread := {m[0] |
	ms := members
	some k, m in ms
	k > 0
	prev := ms[k - 1]
	prev[0] == m[0]
	prev[1] != m[1]
	prev[1] != ""
}

# The members of the groups of at least min_instances in one zone, as
# [members, whether the zone of each is known]: with "" sorting first, a
# group's first member has no zone exactly when one of them has none.
single_zone contains [array.slice(ms, first, end), known] if {
	[ms, gs, sp, least] := [members, groups, spread, min_instances]
	some g in gs
	first := g[0]
	end := g[1]
	end - first >= least
	head := ms[first]
	not head[0] in sp
	known := head[1] != ""
}

deny contains one_zone(i, inst) if {
	some [ms, true] in single_zone
	some m in ms
	i := m[2]
	inst := input.instances[i]
}

unknown contains zones_unknown(i, inst) if {
	some [ms, false] in single_zone
	some m in ms
	i := m[2]
	inst := input.instances[i]
}

unknown contains f if {
	some i in data.ecsguard.lib.app_groups.untagged
	inst := input.instances[i]
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no Tags in the snapshot, which instances it runs alongside cannot be judged", [label(inst)]),
	}
}

one_zone(i, inst) := {
	"pointer": sprintf("/instances/%d/ZoneId", [i]),
	"msg": sprintf("instance %s is one of the instances tagged %s in %s, which all run in zone %s", [label(inst), data.ecsguard.lib.app_groups.tag_text(group_tags, inst), inst.RegionId, inst.ZoneId]),
}

zones_unknown(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("some instances tagged %s in %s have no ZoneId in the snapshot, whether the group spans zones cannot be judged", [data.ecsguard.lib.app_groups.tag_text(group_tags, inst), inst.RegionId]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
