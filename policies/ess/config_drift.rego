# METADATA
# title: Scaling instance runs an old scaling configuration
# description: >-
#   The instance was created by the group from a scaling configuration that
#   is no longer the group's active one. It runs the old image, instance type
#   or settings, so the fleet is not what the active configuration says, and
#   a fix rolled out through a new configuration (a patched image, metadata
#   hardening) has not reached it. Attached and template-launched instances
#   are not judged.
# custom:
#   id: ESS-029
#   severity: low
#   resource_type: scaling_instance
#   remediation:
#     text: >-
#       Roll the group onto the active configuration: replace old instances
#       gradually (an instance refresh, or scale out and let the
#       OldestScalingConfiguration removal policy retire them).
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describescalinginstances
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
package ecsguard.ess.config_drift

deny contains f if {
	some gi, g in input.scaling_groups
	active := g.ActiveScalingConfigurationId
	some si, s in g.scaling_instances
	s.ScalingConfigurationId != active
	s.CreationType == "AutoCreated"
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_instances/%d/ScalingConfigurationId", [gi, si]),
		"msg": sprintf("instance %s of scaling group %s runs scaling configuration %s, not the active %s", [s.InstanceId, label(g), s.ScalingConfigurationId, active]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	is_string(g.ActiveScalingConfigurationId)
	some si, s in g.scaling_instances
	not s.ScalingConfigurationId
	object.get(s, "CreationType", "AutoCreated") == "AutoCreated"
	f := unknown_finding(gi, si, g, s, "no ScalingConfigurationId in the snapshot")
}

unknown contains f if {
	some gi, g in input.scaling_groups
	not g.ActiveScalingConfigurationId
	not g.LaunchTemplateId
	some si, s in g.scaling_instances
	object.get(s, "CreationType", "AutoCreated") == "AutoCreated"
	f := unknown_finding(gi, si, g, s, "a group with neither ActiveScalingConfigurationId nor LaunchTemplateId in the snapshot")
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some si, s in g.scaling_instances
	s.ScalingConfigurationId != g.ActiveScalingConfigurationId
	not s.CreationType
	f := unknown_finding(gi, si, g, s, "no CreationType in the snapshot")
}

unknown_finding(gi, si, g, s, reason) := {
	"pointer": sprintf("/scaling_groups/%d/scaling_instances/%d", [gi, si]),
	"msg": sprintf("instance %s of scaling group %s has %s, whether it runs the active configuration cannot be judged", [s.InstanceId, label(g), reason]),
}

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
