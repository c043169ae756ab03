# METADATA
# title: Scaling rules of a fixed-size scaling group can never act
# description: >-
#   The group's MinSize equals its MaxSize, yet it has scaling rules, and no
#   enabled scheduled task ever moves those bounds (MinValue, MaxValue).
#   Every scale-out or scale-in the rules, their alarms or their target
#   tracking ask for is clamped back to the same size, so the group looks
#   elastic in the console but never grows under load.
# custom:
#   id: ESS-017
#   severity: medium
#   resource_type: scaling_group
#   requires: [scaling_rules, scheduled_tasks]
#   remediation:
#     text: >-
#       Raise MaxSize above MinSize so the rules have room to act, or delete
#       the rules (and their alarms) if the group is meant to stay at a fixed
#       size.
#     cli: aliyun ess ModifyScalingGroup --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --MaxSize <max>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describescalingrules
package ecsguard.ess.fixed_size_rules

deny contains f if {
	some i, g in input.scaling_groups
	g.MinSize == g.MaxSize
	count(g.scaling_rules) > 0
	is_array(g.scheduled_tasks)
	not resized_by_schedule(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d/MaxSize", [i]),
		"msg": sprintf("scaling group %s has MinSize = MaxSize = %d but %d scaling rule(s): they can never change its size", [label(g), g.MaxSize, count(g.scaling_rules)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	g.MinSize == g.MaxSize
	some reason in undecided(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has MinSize = MaxSize = %d but %s, whether its scaling rules can act cannot be judged", [label(g), g.MaxSize, reason]),
	}
}

undecided(g) := {reason |
	# A plain ref tests absence: the loader guarantees the type when present.
	not g.scaling_rules
	reason := "its scaling_rules are not in the snapshot"
} | {reason |
	count(g.scaling_rules) > 0
	# A plain ref tests absence: the loader guarantees the type when present.
	not g.scheduled_tasks
	reason := "its scheduled_tasks are not in the snapshot"
}

# An enabled scheduled task that sets the bounds gives the rules room at times.
resized_by_schedule(g) if {
	some t in g.scheduled_tasks
	t.TaskEnabled == true
	some field in ["MinValue", "MaxValue"]
	is_number(t[field])
}

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
