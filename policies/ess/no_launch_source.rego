# METADATA
# title: Active scaling group has nothing to launch from
# description: >-
#   The Active scaling group has no active scaling configuration
#   (ActiveScalingConfigurationId empty) and no launch template
#   (LaunchTemplateId empty). Every scale-out, scheduled task and replacement
#   of an unhealthy instance fails, so the group cannot grow or heal while it
#   looks enabled.
# custom:
#   id: ESS-039
#   severity: high
#   resource_type: scaling_group
#   remediation:
#     text: >-
#       Activate a scaling configuration for the group (or give it a launch
#       template), or disable the group if it is not meant to run.
#     cli: aliyun ess EnableScalingGroup --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --ActiveScalingConfigurationId <scaling-configuration-id>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-enablescalinggroup
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describescalinggroups
package ecsguard.ess.no_launch_source

deny contains f if {
	some i, g in input.scaling_groups
	g.ActiveScalingConfigurationId == ""
	g.LaunchTemplateId == ""
	g.LifecycleState == "Active"
	f := {
		"pointer": sprintf("/scaling_groups/%d/ActiveScalingConfigurationId", [i]),
		"msg": sprintf("Active scaling group %s has neither an active scaling configuration nor a launch template: it cannot launch instances", [label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	object.get(g, "ActiveScalingConfigurationId", "") == ""
	object.get(g, "LaunchTemplateId", "") == ""
	object.get(g, "LifecycleState", "Active") == "Active"
	missing := [field | some field in ["ActiveScalingConfigurationId", "LaunchTemplateId", "LifecycleState"]; not g[field]]
	count(missing) > 0
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has no %s in the snapshot, whether it has something to launch from cannot be judged", [label(g), concat(" or ", missing)]),
	}
}

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
