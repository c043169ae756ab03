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

# The group key of every instance that is not stopped and carries every
# grouping tag, by index, computed once.
keys := {i: key |
	some i, inst in input.instances
	not inst.Status == "Stopped"
	key := group_key(inst)
}

# Members sorted by group key: a group has at least min_instances members
# when the entry min_instances-1 places earlier has the same key. Built once;
# no per-group scan of the fleet.
members := sort([[key, i] | some i, key in keys])

crowded := {x[0] |
	some i, x in members
	j := i - (min_instances - 1)
	j >= 0
	members[j][0] == x[0]
}

# Distinct (group, zone) pairs, sorted: a group with two entries spans zones.
zones := sort({[key, zone] |
	some i, key in keys
	zone := input.instances[i].ZoneId
	zone != ""
})

spread := {z[0] |
	some i, z in zones
	i > 0
	zones[i - 1][0] == z[0]
}

# Groups with a member whose zone is not known.
zoneless := {key |
	some i, key in keys
	no_zone(input.instances[i])
}

deny contains f if {
	some i, inst in input.instances
	key := keys[i]
	key in crowded
	not key in spread
	not key in zoneless
	f := {
		"pointer": sprintf("/instances/%d/ZoneId", [i]),
		"msg": sprintf("instance %s is one of the instances tagged %s in %s, which all run in zone %s", [label(inst), tag_text(inst), inst.RegionId, inst.ZoneId]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	key := keys[i]
	key in crowded
	not key in spread
	key in zoneless
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("some instances tagged %s in %s have no ZoneId in the snapshot, whether the group spans zones cannot be judged", [tag_text(inst), inst.RegionId]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	not inst.Status == "Stopped"
	not tags_reported(inst)
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no Tags in the snapshot, which instances it runs alongside cannot be judged", [label(inst)]),
	}
}

# "RegionId|value1|value2" when the instance carries every grouping tag.
group_key(inst) := concat("|", array.concat([inst.RegionId], values)) if {
	values := [object.get(tag, "Value", "") | some k in group_tags; some tag in inst.Tags; tag.Key == k]
	count(values) == count(group_tags)
}

tag_text(inst) := concat(", ", [sprintf("%s=%s", [k, object.get(tag, "Value", "")]) | some k in group_tags; some tag in inst.Tags; tag.Key == k])

no_zone(inst) := true if {
	not inst.ZoneId
} else := true if {
	inst.ZoneId == ""
}

tags_reported(inst) if is_array(inst.Tags)

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
