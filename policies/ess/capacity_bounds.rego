# METADATA
# title: Scaling group capacity bounds are inconsistent
# description: >-
#   The group's capacity settings cannot all hold: MinSize is above MaxSize,
#   DesiredCapacity lies outside MinSize..MaxSize, or an Active group has
#   MaxSize 0. Such a group either cannot launch a single instance (so it
#   never replaces failed ones) or keeps fighting between its bounds and its
#   desired capacity, and its scaling rules and schedules do nothing useful.
# custom:
#   id: ESS-008
#   severity: medium
#   resource_type: scaling_group
#   remediation:
#     text: >-
#       Set MinSize <= DesiredCapacity <= MaxSize with MaxSize large enough for
#       peak load (and above 0 for a group that should run anything), or
#       disable the group if it is meant to stay empty.
#     cli: aliyun ess ModifyScalingGroup --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --MinSize <min> --MaxSize <max> --DesiredCapacity <desired>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
package ecsguard.ess.capacity_bounds

deny contains f if {
	some i, g in input.scaling_groups
	g.MinSize > g.MaxSize
	f := {
		"pointer": sprintf("/scaling_groups/%d/MinSize", [i]),
		"msg": sprintf("scaling group %s has MinSize %d above MaxSize %d", [label(g), g.MinSize, g.MaxSize]),
	}
}

deny contains f if {
	some i, g in input.scaling_groups
	is_number(g.DesiredCapacity)
	outside(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d/DesiredCapacity", [i]),
		"msg": sprintf("scaling group %s has DesiredCapacity %d outside MinSize %d..MaxSize %d", [label(g), g.DesiredCapacity, g.MinSize, g.MaxSize]),
	}
}

deny contains f if {
	some i, g in input.scaling_groups
	g.MaxSize == 0
	g.LifecycleState == "Active"
	f := {
		"pointer": sprintf("/scaling_groups/%d/MaxSize", [i]),
		"msg": sprintf("scaling group %s is Active with MaxSize 0: it can launch no instance", [label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	some field in ["MinSize", "MaxSize"]
	# A plain ref tests absence: the loader guarantees the type when present.
	not g[field]
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has no %s in the snapshot, its capacity bounds cannot be judged", [label(g), field]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	g.MaxSize == 0
	not g.LifecycleState
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has MaxSize 0 but no LifecycleState in the snapshot, whether it should run instances cannot be judged", [label(g)]),
	}
}

outside(g) if g.DesiredCapacity < g.MinSize

outside(g) if g.DesiredCapacity > g.MaxSize

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
