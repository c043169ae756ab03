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

# Everything below is computed once; each loop binds the rules it reads to
# locals first, indexes nested arrays in two steps (regorus scans for
# `a[i][j]` in one expression) and builds findings in the head (Performance
# in policies/README.md).

# The group key of every instance that is not stopped and carries every
# grouping tag ([RegionId, [value1, value2]]), by index. Inline: a helper
# call per instance is dear; the key is an array because building a string
# costs two builtin calls per instance, and `some tag in Tags` is cheaper
# than `Tags[_]`.
keys := ks if {
	gt := group_tags
	n := count(gt)
	ks := {i: key |
		some i, inst in input.instances
		not inst.Status == "Stopped"
		values := [object.get(tag, "Value", "") | some k in gt; some tag in inst.Tags; tag.Key == k]
		count(values) == n
		key := [inst.RegionId, values]
	}
}

# [group key, zone, index] sorted: each group, and each zone within it, is a
# run of neighbours, and a run's length is its size.
entries := es if {
	ks := keys
	es := sort([[key, zone, i] |
		some i, inst in input.instances
		key := ks[i]
		zone := inst.ZoneId
		zone != ""
	])
}

# Where each run of a group, and of a zone within a group, starts and ends.
group_starts := {0 | count(entries) > 0} | {k |
	es := entries
	some k, e in es
	k > 0
	prev := es[k - 1]
	prev[0] != e[0]
}

group_ends := {last | last := count(entries) - 1; last >= 0} | {k |
	es := entries
	some k, e in es
	next := es[k + 1]
	next[0] != e[0]
}

zone_starts := group_starts | {k |
	es := entries
	some k, e in es
	k > 0
	prev := es[k - 1]
	prev[0] == e[0]
	prev[1] != e[1]
}

zone_ends := group_ends | {k |
	es := entries
	some k, e in es
	next := es[k + 1]
	next[0] == e[0]
	next[1] != e[1]
}

group_first := {e[0]: k | es := entries; some k in group_starts; e := es[k]}

group_last := {e[0]: k | es := entries; some k in group_ends; e := es[k]}

# [group key, zone] -> index of the zone's first entry.
zone_first := {[e[0], e[1]]: k | es := entries; some k in zone_starts; e := es[k]}

# Group key -> [zone, instances in it, instances in the group] for a zone
# that holds more than max_share of a group spanning several zones.
crowded := c if {
	[es, gf, gl, zf] := [entries, group_first, group_last, zone_first]
	[least, share] := [min_instances, max_share]
	c := {key: [e[1], n, total] |
		some k in zone_ends
		e := es[k]
		key := e[0]
		n := (k - zf[[key, e[1]]]) + 1
		total := (gl[key] - gf[key]) + 1
		total >= least
		n < total
		n > share * total
	}
}

# Groups with a member whose zone is not known.
zoneless := z if {
	ks := keys
	z := {key | some i, inst in input.instances; not inst.ZoneId; key := ks[i]} | {key |
		some i, inst in input.instances
		inst.ZoneId == ""
		key := ks[i]
	}
}

deny contains imbalanced(i, inst, c) if {
	[ks, cr, zl] := [keys, crowded, zoneless]
	some i, inst in input.instances
	key := ks[i]
	c := cr[key]
	not key in zl
}

unknown contains zones_unknown(inst, i) if {
	[ks, zl] := [keys, zoneless]
	some i, inst in input.instances
	key := ks[i]
	key in zl
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

imbalanced(i, inst, c) := {
	"pointer": sprintf("/instances/%d/ZoneId", [i]),
	"msg": sprintf("instance %s is one of %d instances tagged %s in %s, %d of which run in zone %s", [label(inst), c[2], tag_text(inst), inst.RegionId, c[1], c[0]]),
}

zones_unknown(inst, i) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("some instances tagged %s in %s have no ZoneId in the snapshot, how the group is spread over zones cannot be judged", [tag_text(inst), inst.RegionId]),
}

tag_text(inst) := concat(", ", [sprintf("%s=%s", [k, object.get(tag, "Value", "")]) | some k in group_tags; some tag in inst.Tags; tag.Key == k])

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
