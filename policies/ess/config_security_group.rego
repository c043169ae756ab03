# METADATA
# title: Scaling configuration sets no security group
# description: >-
#   The scaling configuration names no security group (SecurityGroupId empty
#   and no SecurityGroupIds). Instances it launches then get whatever group
#   the launch falls back to, or fail to launch, instead of a group whose
#   rules were chosen for the workload. Every configuration is judged, active
#   or not: any of them can be made active.
# custom:
#   id: ESS-031
#   severity: medium
#   resource_type: scaling_configuration
#   remediation:
#     text: Set the security group(s) the workload needs in the scaling configuration.
#     cli: aliyun ess ModifyScalingConfiguration --RegionId {RegionId} --ScalingConfigurationId {ScalingConfigurationId} --SecurityGroupIds.1 <sg-id>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalingconfiguration
#   cloud_config: configure-an-associated-security-group-for-an-instance-in-an
package ecsguard.ess.config_security_group

deny contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SecurityGroupIds == []
	object.get(c, "SecurityGroupId", "") == ""
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/SecurityGroupIds", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s sets no security group", [config_label(c), group_label(g)]),
	}
}

deny contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SecurityGroupId == ""
	not c.SecurityGroupIds
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/SecurityGroupId", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s sets no security group", [config_label(c), group_label(g)]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	not c.SecurityGroupId
	not c.SecurityGroupIds
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s has neither SecurityGroupId nor SecurityGroupIds in the snapshot, its security group cannot be judged", [config_label(c), group_label(g)]),
	}
}

config_label(c) := concat("", [c.ScalingConfigurationId, " (", c.ScalingConfigurationName, ")"]) if {
	c.ScalingConfigurationName != ""
} else := c.ScalingConfigurationId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
