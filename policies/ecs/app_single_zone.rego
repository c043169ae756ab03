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

# Members sorted by group key: a group has at least min_instances members
# when the entry min_instances-1 places earlier has the same key. No
# per-group scan of the fleet.
members := sort([[key, i] | some i, key in keys])

crowded := c if {
	ms := members
	back := min_instances - 1
	c := {x[0] |
		some i, x in ms
		j := i - back
		j >= 0
		earlier := ms[j]
		earlier[0] == x[0]
	}
}

# Distinct (group, zone) pairs, sorted: a group with two entries spans zones.
zones := zs if {
	ks := keys
	zs := sort({[key, zone] |
		some i, inst in input.instances
		key := ks[i]
		zone := inst.ZoneId
		zone != ""
	})
}

spread := {z[0] |
	zs := zones
	some i, z in zs
	i > 0
	prev := zs[i - 1]
	prev[0] == z[0]
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

deny contains one_zone(i, inst) if {
	[ks, cr, sp, zl] := [keys, crowded, spread, zoneless]
	some i, inst in input.instances
	key := ks[i]
	key in cr
	not key in sp
	not key in zl
}

unknown contains zones_unknown(i, inst) if {
	[ks, cr, sp, zl] := [keys, crowded, spread, zoneless]
	some i, inst in input.instances
	key := ks[i]
	key in cr
	not key in sp
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
