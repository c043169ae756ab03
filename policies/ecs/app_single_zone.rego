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

# Everything below is computed once; each loop binds the rules it reads to
# locals first, indexes nested arrays in two steps (regorus scans for
# `a[i][j]` in one expression) and builds findings in the head (Performance
# in policies/README.md).

# [group key, zone, index] of every instance that is not stopped and carries
# every grouping tag, sorted: the key is [RegionId, {[Key, Value], ...}],
# the zone "" where it is not known. A group is a run of neighbours, its
# zones in order, "" first. Inline: a helper call per instance is dear; the
# tags are a set, built in one pass over an instance's tags and compared in
# one order whatever the order of Tags, and a string key would cost builtin
# calls per instance.
members := ms if {
	tag_keys := {k | some k in group_tags}
	n := count(tag_keys)
	ms := sort([[key, zone, i] |
		some i, inst in input.instances
		not inst.Status == "Stopped"
		values := {[tag.Key, object.get(tag, "Value", "")] | some tag in inst.Tags; tag.Key in tag_keys}
		count(values) == n
		key := [inst.RegionId, values]
		zone := object.get(inst, "ZoneId", "")
	])
}

# [first, end) of each group's run in members. Findings are then made per
# group, not by looking every instance's group up.
groups := runs(group_cuts)

group_cuts := {0} | {k | ms := members; some k, m in ms; k > 0; prev := ms[k - 1]; prev[0] != m[0]}

runs(cuts) := rs if {
	starts := sort(cuts)
	ends := array.concat(array.slice(starts, 1, count(starts)), [count(members)])
	rs := [[first, end] | some r, first in starts; end := ends[r]; end > first]
}

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

# A validated snapshot never has null Tags: absent is the only way not to
# have a list.
unknown contains f if {
	some i, inst in input.instances
	not inst.Tags
	not inst.Status == "Stopped"
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no Tags in the snapshot, which instances it runs alongside cannot be judged", [label(inst)]),
	}
}

one_zone(i, inst) := {
	"pointer": sprintf("/instances/%d/ZoneId", [i]),
	"msg": sprintf("instance %s is one of the instances tagged %s in %s, which all run in zone %s", [label(inst), tag_text(inst), inst.RegionId, inst.ZoneId]),
}

zones_unknown(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("some instances tagged %s in %s have no ZoneId in the snapshot, whether the group spans zones cannot be judged", [tag_text(inst), inst.RegionId]),
}

tag_text(inst) := concat(", ", [sprintf("%s=%s", [k, object.get(tag, "Value", "")]) | some k in group_tags; some tag in inst.Tags; tag.Key == k])

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
