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

# The group key of every instance that is not stopped and carries every
# grouping tag, by index, computed once.
keys := {i: key |
	some i, inst in input.instances
	not inst.Status == "Stopped"
	key := group_key(inst)
}

# [group key, zone, index] sorted: each group, and each zone within it, is a
# run of neighbours, and a run's length is its size. Built once.
entries := sort([[key, zone, i] |
	some i, key in keys
	zone := input.instances[i].ZoneId
	zone != ""
])

group_first := {e[0]: k | some k, e in entries; not entries[k - 1][0] == e[0]}

group_last := {e[0]: k | some k, e in entries; not entries[k + 1][0] == e[0]}

zone_first := {concat("|", [e[0], e[1]]): k | some k, e in entries; not same_zone(k - 1, e)}

# Group key -> [zone, instances in it, instances in the group] for a zone
# that holds more than max_share of a group spanning several zones.
crowded := {key: [e[1], n, total] |
	some k, e in entries
	not same_zone(k + 1, e)
	key := e[0]
	n := (k - zone_first[concat("|", [key, e[1]])]) + 1
	total := (group_last[key] - group_first[key]) + 1
	total >= min_instances
	n < total
	n > max_share * total
}

same_zone(j, e) if {
	entries[j][0] == e[0]
	entries[j][1] == e[1]
}

# Groups with a member whose zone is not known.
zoneless := {key |
	some i, key in keys
	no_zone(input.instances[i])
}

deny contains f if {
	some i, inst in input.instances
	key := keys[i]
	c := crowded[key]
	not key in zoneless
	f := {
		"pointer": sprintf("/instances/%d/ZoneId", [i]),
		"msg": sprintf("instance %s is one of %d instances tagged %s in %s, %d of which run in zone %s", [label(inst), c[2], tag_text(inst), inst.RegionId, c[1], c[0]]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	key := keys[i]
	key in zoneless
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("some instances tagged %s in %s have no ZoneId in the snapshot, how the group is spread over zones cannot be judged", [tag_text(inst), inst.RegionId]),
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

no_zone(inst) := true if {
	not inst.ZoneId
} else := true if {
	inst.ZoneId == ""
}

tags_reported(inst) if is_array(inst.Tags)

# "RegionId|value1|value2" when the instance carries every grouping tag.
group_key(inst) := concat("|", array.concat([inst.RegionId], values)) if {
	values := [object.get(tag, "Value", "") | some k in group_tags; some tag in inst.Tags; tag.Key == k]
	count(values) == count(group_tags)
}

tag_text(inst) := concat(", ", [sprintf("%s=%s", [k, object.get(tag, "Value", "")]) | some k in group_tags; some tag in inst.Tags; tag.Key == k])

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
