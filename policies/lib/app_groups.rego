# Applications: instances that are not stopped and carry the same values
# of a list of grouping tags in one region are copies of one application.
# ECS-030, ECS-031 and ECS-043 judge these groups. Building them is most of
# what those rules cost (a set of tags per instance, then a sort), so it is
# done here once per tag list: the engine judges rules that read the same
# library rules in one query (policies/README.md, Library packages).
package ecsguard.lib.app_groups

# Every list of grouping tags a rule's parameters name (`group_tags`).
tag_lists contains tags if {
	some params in data.ecsguard.params
	tags := params.group_tags
}

# Tag list -> [group key, zone, index, InstanceId] of every instance that is
# not stopped and carries every one of those tags, sorted: the key is
# [RegionId, {[Key, Value], ...}], the zone "" where it is not known. A
# group is a run of neighbours, its zones in order, "" first. Inline: a
# helper call per instance is dear; the tags are a set, built in one pass
# over an instance's tags and compared in one order whatever the order of
# Tags, and a string key would cost builtin calls per instance.
members := {tags: ms |
	some tags in tag_lists
	tag_keys := {k | some k in tags}
	n := count(tag_keys)
	ms := sort([[key, zone, i, inst.InstanceId] |
		some i, inst in input.instances
		not inst.Status == "Stopped"
		values := {[tag.Key, object.get(tag, "Value", "")] | some tag in inst.Tags; tag.Key in tag_keys}
		count(values) == n
		key := [inst.RegionId, values]
		zone := object.get(inst, "ZoneId", "")
	])
}

# Tag list -> [first, end) of each group's run in members[tags].
groups := {tags: runs(group_starts(ms), count(ms)) | some tags, ms in members}

# The positions in sorted members where a group begins (0 for a list that
# is not empty): where the key changes.
group_starts(ms) := {0} | {k | some k, m in ms; k > 0; prev := ms[k - 1]; prev[0] != m[0]}

# [first, end) of each run that begins at one of starts, the last ending at
# total; none for an empty list.
runs(starts, total) := rs if {
	firsts := sort(starts)
	ends := array.concat(array.slice(firsts, 1, count(firsts)), [total])
	rs := [[first, end] | some r, first in firsts; end := ends[r]; end > first]
}

# The index of every instance that is not stopped and has no Tags: which
# application it belongs to cannot be told. A validated snapshot never has
# null Tags: absent is the only way not to have a list.
untagged contains i if {
	some i, inst in input.instances
	not inst.Tags
	not inst.Status == "Stopped"
}

# "app=api, env=prod": the values of tags on inst, in the order of tags.
tag_text(tags, inst) := concat(", ", [sprintf("%s=%s", [k, object.get(tag, "Value", "")]) | some k in tags; some tag in inst.Tags; tag.Key == k])
