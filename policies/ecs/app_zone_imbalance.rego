# METADATA
# title: An application's instances are unevenly spread over zones
# description: >-
#   At least min_instances instances that are not stopped carry the same
#   values for the grouping tags (group_tags, default app and env) in one
#   region and span several zones, but one zone holds more than max_share
#   (default 0.7) of them. Losing that zone takes most of the service's
#   capacity at once, and the zones left may not carry the load. Groups in
#   a single zone are ECS-030's finding. Cloud Config's
#   imbalanced-number-of-ecs-instance-zones looks at the same kind of
#   imbalance, with its own grouping and thresholds.
# custom:
#   id: ECS-043
#   severity: low
#   resource_type: instance
#   remediation:
#     text: >-
#       Move or add instances so that no zone carries more than its share
#       (for a scaling group, a balanced multi-zone policy and vSwitches in
#       each zone), sized so that the remaining zones can take the load of
#       a lost one.
#     cli: aliyun ecs RunInstances --RegionId {RegionId} --LaunchTemplateId <template-id> --VSwitchId <vswitch-in-another-zone>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-runinstances
package ecsguard.ecs.app_zone_imbalance

group_tags := data.ecsguard.params.app_zone_imbalance.group_tags

min_instances := data.ecsguard.params.app_zone_imbalance.min_instances

max_share := data.ecsguard.params.app_zone_imbalance.max_share

# The groups (policies/lib/app_groups.rego builds them once for the three
# rules that group instances into applications). Everything below is
# computed once; each loop binds the rules it reads to locals first,
# indexes nested arrays in two steps (regorus scans for `a[i][j]` in one
# expression) and builds findings in the head (Performance in
# policies/README.md).

# [group key, zone, index, InstanceId] of every instance that is not
# stopped and carries every grouping tag, sorted by key and then zone ("",
# unknown, first): each zone of a group is a run too.
members := data.ecsguard.lib.app_groups.members[group_tags]

# [first, end) of each group's run in members, and of each zone's run
# within a group. Findings are then made per group, not by looking every
# instance's group up.
groups := data.ecsguard.lib.app_groups.groups[group_tags]

zones := data.ecsguard.lib.app_groups.runs(starts, count(ms)) if {
	ms := members
	starts := data.ecsguard.lib.app_groups.group_starts(ms) | {k | some k, m in ms; k > 0; prev := ms[k - 1]; prev[1] != m[1]}
}

# Group key -> [zone, instances in it, instances in the group] for a zone
# that holds more than max_share of a group spanning several zones.
crowded := c if {
	[ms, gs, zs, least, share] := [members, groups, zones, min_instances, max_share]
	size := {key: n | some g in gs; head := ms[g[0]]; key := head[0]; n := g[1] - g[0]}
	c := {head[0]: [head[1], n, total] |
		some z in zs
		head := ms[z[0]]
		n := z[1] - z[0]
		total := size[head[0]]
		total >= least
		n < total
		n > share * total
	}
}

# The groups of at least min_instances, as [members, whether the zone of
# each is known]: with "" sorting first, a group's first member has no zone
# exactly when one of them has none.
sized contains [head[0], array.slice(ms, first, end), known] if {
	[ms, gs, least] := [members, groups, min_instances]
	some g in gs
	first := g[0]
	end := g[1]
	end - first >= least
	head := ms[first]
	known := head[1] != ""
}

deny contains imbalanced(i, inst, c) if {
	cr := crowded
	some [key, ms, true] in sized
	c := cr[key]
	some m in ms
	i := m[2]
	inst := input.instances[i]
}

unknown contains zones_unknown(inst, i) if {
	some [_, ms, false] in sized
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

imbalanced(i, inst, c) := {
	"pointer": sprintf("/instances/%d/ZoneId", [i]),
	"msg": sprintf("instance %s is one of %d instances tagged %s in %s, %d of which run in zone %s", [label(inst), c[2], data.ecsguard.lib.app_groups.tag_text(group_tags, inst), inst.RegionId, c[1], c[0]]),
}

zones_unknown(inst, i) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("some instances tagged %s in %s have no ZoneId in the snapshot, how the group is spread over zones cannot be judged", [data.ecsguard.lib.app_groups.tag_text(group_tags, inst), inst.RegionId]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
