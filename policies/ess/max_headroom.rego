# METADATA
# title: Scaling group is running close to its MaxSize
# description: >-
#   The Active group's capacity (TotalCapacity) already uses all but less than
#   min_headroom_percent (default 20) of MaxSize. The next spike can add only
#   a few instances before scale-out stops at the ceiling, and scaling
#   activities then fail quietly while the service degrades. Groups whose
#   MinSize equals MaxSize are fixed on purpose and are not judged.
# custom:
#   id: ESS-018
#   severity: low
#   resource_type: scaling_group
#   remediation:
#     text: >-
#       Raise MaxSize so that peak load fits with room to spare (and check the
#       account's ECS quotas and vSwitch addresses allow it), or find out why
#       the group has grown this far.
#     cli: aliyun ess ModifyScalingGroup --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --MaxSize <max>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
package ecsguard.ess.max_headroom

min_headroom_percent := data.ecsguard.params.max_headroom.min_headroom_percent

deny contains f if {
	some i, g in input.scaling_groups
	g.MaxSize > g.MinSize
	g.LifecycleState == "Active"
	short(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d/MaxSize", [i]),
		"msg": sprintf("scaling group %s runs %d of MaxSize %d: less than %d%% headroom left for scale-out", [label(g), g.TotalCapacity, g.MaxSize, min_headroom_percent]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	g.MaxSize > g.MinSize
	object.get(g, "LifecycleState", "Active") == "Active"
	some reason in undecided(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has %s, its headroom below MaxSize cannot be judged", [label(g), reason]),
	}
}

undecided(g) := {"no TotalCapacity in the snapshot" | not is_number(object.get(g, "TotalCapacity", null))} | {"no LifecycleState in the snapshot" |
	short(g)
	not g.LifecycleState
}

short(g) if (g.MaxSize - g.TotalCapacity) * 100 < g.MaxSize * min_headroom_percent

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
