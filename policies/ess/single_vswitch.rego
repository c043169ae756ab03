# METADATA
# title: Scaling group has a single vSwitch
# description: >-
#   The scaling group launches into one vSwitch only, so into one zone: a
#   zone outage, an exhausted vSwitch address range or a sold-out instance
#   type there stops it from launching or replacing instances. This is Cloud
#   Config's vSwitch count; ESS-003 goes further and checks that several
#   vSwitches really span several zones.
# custom:
#   id: ESS-007
#   severity: medium
#   resource_type: scaling_group
#   remediation:
#     text: >-
#       Give the scaling group vSwitches in at least two zones of its VPC and a
#       multi-zone MultiAZPolicy such as BALANCE.
#     cli: aliyun ess ModifyScalingGroup --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --VSwitchIds.1 <vsw-in-zone-a> --VSwitchIds.2 <vsw-in-zone-b>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
#   cloud_config: ess-scaling-group-attach-multi-switch
package ecsguard.ess.single_vswitch

# VSwitchIds wins when it lists anything; otherwise VSwitchId is the only one.
deny contains f if {
	some i, g in input.scaling_groups
	count(g.VSwitchIds) > 0
	count({id | some id in g.VSwitchIds}) < 2
	f := {
		"pointer": sprintf("/scaling_groups/%d/VSwitchIds", [i]),
		"msg": sprintf("scaling group %s has a single vSwitch (%s)", [label(g), concat(", ", g.VSwitchIds)]),
	}
}

deny contains f if {
	some i, g in input.scaling_groups
	not vswitch_list(g)
	g.VSwitchId != ""
	f := {
		"pointer": sprintf("/scaling_groups/%d/VSwitchId", [i]),
		"msg": sprintf("scaling group %s has a single vSwitch (%s)", [label(g), g.VSwitchId]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	not vswitch_list(g)
	not has_vswitch(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has neither VSwitchIds nor VSwitchId in the snapshot, its vSwitches cannot be judged", [label(g)]),
	}
}

vswitch_list(g) if count(g.VSwitchIds) > 0

has_vswitch(g) if g.VSwitchId != ""

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
