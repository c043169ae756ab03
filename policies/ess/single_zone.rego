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

# The vSwitches a group launches into: VSwitchIds when it lists any, else
# VSwitchId. Each case is its own rule body with plain refs, and the zone
# index is bound to a local before the loop: helper calls per group in
# every body cost more than the rest (Performance in policies/README.md).
deny contains f if {
	vz := vswitch_zone
	some i, g in input.scaling_groups
	ids := g.VSwitchIds
	ids[0]
	every id in ids {
		vz[id]
	}
	zones := {vz[id] | some id in ids}
	count(zones) == 1
	some zone in zones
	f := single_zone(i, g, "VSwitchIds", ids, zone)
}

deny contains f if {
	vz := vswitch_zone
	some i, g in input.scaling_groups
	not g.VSwitchIds[0]
	zone := vz[g.VSwitchId]
	g.VSwitchId != ""
	f := single_zone(i, g, "VSwitchId", [g.VSwitchId], zone)
}

# A vSwitch whose zone is unknown matters only while the known ones do not
# already span two zones.
unknown contains f if {
	vz := vswitch_zone
	some i, g in input.scaling_groups
	ids := g.VSwitchIds
	some id in ids
	not vz[id]
	count({vz[v] | some v in ids}) < 2
	f := unlocated(i, g, "VSwitchIds", id)
}

unknown contains f if {
	vz := vswitch_zone
	some i, g in input.scaling_groups
	not g.VSwitchIds[0]
	id := g.VSwitchId
	not vz[id]
	id != ""
	f := unlocated(i, g, "VSwitchId", id)
}

unknown contains no_vswitch(i, g) if {
	some i, g in input.scaling_groups
	not g.VSwitchIds[0]
	not g.VSwitchId
}

unknown contains no_vswitch(i, g) if {
	some i, g in input.scaling_groups
	not g.VSwitchIds[0]
	g.VSwitchId == ""
}

single_zone(i, g, field, ids, zone) := {
	"pointer": sprintf("/scaling_groups/%d/%s", [i, field]),
	"msg": sprintf("scaling group %s has all its vSwitches (%s) in zone %s", [label(g), concat(", ", ids), zone]),
}

unlocated(i, g, field, id) := {
	"pointer": sprintf("/scaling_groups/%d/%s", [i, field]),
	"msg": sprintf("vSwitch %s of scaling group %s is not in the snapshot, its zone cannot be judged", [id, label(g)]),
}

no_vswitch(i, g) := {
	"pointer": sprintf("/scaling_groups/%d", [i]),
	"msg": sprintf("scaling group %s has neither VSwitchIds nor VSwitchId in the snapshot, its zones cannot be judged", [label(g)]),
}

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
