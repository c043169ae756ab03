# METADATA
# title: Spot instance outside any scaling group
# description: >-
#   The spot (preemptible) instance belongs to no Auto Scaling group. Spot
#   capacity can be reclaimed at any time with only a few minutes' notice;
#   with no group to launch a replacement, the capacity is simply gone until
#   someone notices.
# custom:
#   id: ECS-002
#   severity: medium
#   resource_type: instance
#   requires: [scaling_instances]
#   remediation:
#     text: >-
#       Run spot capacity from a scaling group with a spot scaling
#       configuration (and SpotInstanceRemedy on), so reclaimed instances are
#       replaced; or attach this instance to such a group; or move the
#       workload to pay-as-you-go capacity.
#     cli: aliyun ess AttachInstances --RegionId {RegionId} --ScalingGroupId <scaling-group-id> --InstanceId.1 {InstanceId}
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-attachinstances
#     - https://alibabacloud.com/help/en/auto-scaling/use-cases/cost-reduction-by-using-preemptible-instances
package ecsguard.ecs.standalone_spot

spot_strategies := {"SpotWithPriceLimit", "SpotAsPriceGo"}

# Every instance some scaling group lists, built once.
grouped := {si.InstanceId |
	some g in input.scaling_groups
	some si in g.scaling_instances
}

# Regions where some scaling group's instance list was not collected: there,
# "not in any group" cannot be told.
regions_missing_members := {g.RegionId |
	some g in input.scaling_groups
	not members_collected(g)
}

# Each body binds the sets it needs before its loop: a rule referenced inside
# the loop costs a lookup of the rule per instance (Performance in
# policies/README.md).
deny contains f if {
	[spot, in_group, unsure] := [spot_strategies, grouped, regions_missing_members]
	some i, inst in input.instances
	inst.SpotStrategy in spot
	not inst.InstanceId in in_group
	not inst.RegionId in unsure
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("spot instance %s with SpotStrategy %s is in no scaling group: nothing replaces it when it is reclaimed", [label(inst), inst.SpotStrategy]),
	}
}

# One pass for both reasons a spot instance outside every group cannot be
# judged: the cheap test keeps the on-demand majority out, and
# `ungrouped_unknown` says which reason holds for the few left.
unknown contains f if {
	in_group := grouped
	some i, inst in input.instances
	not inst.SpotStrategy == "NoSpot"
	not inst.InstanceId in in_group
	f := ungrouped_unknown(i, inst)
}

ungrouped_unknown(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("spot instance %s is in no collected scaling group, but some scaling groups of %s have no scaling_instances in the snapshot", [label(inst), inst.RegionId]),
} if {
	inst.SpotStrategy in spot_strategies
	inst.RegionId in regions_missing_members
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no SpotStrategy in the snapshot, whether it is a spot instance cannot be judged", [label(inst)]),
} if {
	not inst.SpotStrategy
}

members_collected(g) if is_array(g.scaling_instances)

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
