# METADATA
# title: Scaling group has no deletion protection
# description: >-
#   The scaling group has GroupDeletionProtection false. One DeleteScalingGroup
#   call (a mistaken script, a Terraform destroy in the wrong workspace, a
#   console click) then deletes the group with its configurations, rules,
#   schedules and hooks, and with ForceDelete releases every instance in it.
# custom:
#   id: ESS-037
#   severity: low
#   resource_type: scaling_group
#   remediation:
#     text: Turn on deletion protection for the scaling group.
#     cli: aliyun ess ModifyScalingGroup --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --GroupDeletionProtection true
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
package ecsguard.ess.deletion_protection

deny contains f if {
	some i, g in input.scaling_groups
	g.GroupDeletionProtection == false
	f := {
		"pointer": sprintf("/scaling_groups/%d/GroupDeletionProtection", [i]),
		"msg": sprintf("scaling group %s has no deletion protection", [label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	# Neither true nor false: absent (the loader guarantees a boolean).
	not g.GroupDeletionProtection == true
	not g.GroupDeletionProtection == false
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has no GroupDeletionProtection in the snapshot, its deletion protection cannot be judged", [label(g)]),
	}
}

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
