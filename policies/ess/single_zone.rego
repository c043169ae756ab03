# METADATA
# title: Scaling group spans a single zone
# description: >-
#   Every vSwitch of the scaling group sits in the same zone, so a zone outage
#   or a sold-out instance type in that zone stops the group from launching
#   or replacing instances. Unlike the Cloud Config rule
#   ess-scaling-group-attach-multi-switch, which counts vSwitches, this rule
#   counts the distinct zones the vSwitches are in.
# custom:
#   id: ESS-003
#   severity: medium
#   resource_type: scaling_group
#   requires: [vswitches]
#   remediation:
#     text: >-
#       Give the scaling group vSwitches in at least two zones of its VPC (and
#       a multi-zone MultiAZPolicy such as BALANCE), so instances are spread
#       and can be launched elsewhere when one zone fails.
#     cli: aliyun ess ModifyScalingGroup --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --VSwitchIds.1 <vsw-in-zone-a> --VSwitchIds.2 <vsw-in-zone-b>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
package ecsguard.ess.single_zone

# VSwitchId -> ZoneId, built once.
vswitch_zone := {vs.VSwitchId: vs.ZoneId | some vs in input.vswitches}

deny contains f if {
	some i, g in input.scaling_groups
	vs := group_vswitches(g)
	not any_unlocated(vs.ids)
	zones := zones_of(vs.ids)
	count(zones) == 1
	some zone in zones
	f := {
		"pointer": sprintf("/scaling_groups/%d/%s", [i, vs.field]),
		"msg": sprintf("scaling group %s has all its vSwitches (%s) in zone %s", [label(g), concat(", ", vs.ids), zone]),
	}
}

# A vSwitch whose zone is unknown matters only while the known ones do not
# already span two zones.
unknown contains f if {
	some i, g in input.scaling_groups
	vs := group_vswitches(g)
	count(zones_of(vs.ids)) < 2
	some id in vs.ids
	not vswitch_zone[id]
	f := {
		"pointer": sprintf("/scaling_groups/%d/%s", [i, vs.field]),
		"msg": sprintf("vSwitch %s of scaling group %s is not in the snapshot, its zone cannot be judged", [id, label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	not has_vswitch_list(g)
	not has_vswitch(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has neither VSwitchIds nor VSwitchId in the snapshot, its zones cannot be judged", [label(g)]),
	}
}

# The vSwitches the group launches into: VSwitchIds when it lists any, else
# VSwitchId.
group_vswitches(g) := {"field": "VSwitchIds", "ids": g.VSwitchIds} if has_vswitch_list(g)

group_vswitches(g) := {"field": "VSwitchId", "ids": [g.VSwitchId]} if {
	not has_vswitch_list(g)
	has_vswitch(g)
}

has_vswitch_list(g) if count(g.VSwitchIds) > 0

has_vswitch(g) if g.VSwitchId != ""

any_unlocated(ids) if {
	some id in ids
	not vswitch_zone[id]
}

zones_of(ids) := {vswitch_zone[id] | some id in ids}

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
