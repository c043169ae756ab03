# METADATA
# title: Scaling configuration allows metadata access without a token
# description: >-
#   The scaling configuration launches instances whose metadata service does
#   not require the security-hardened mode (HttpTokens is not required) while
#   the endpoint is enabled. Any server-side request forgery bug in what those
#   instances run can read instance metadata, including the RAM role's
#   temporary credentials. Cloud Config's ecs-instance-meta-data-mode-check
#   judges running instances only; this catches every instance the group
#   will launch. Every configuration is judged, active or not.
# custom:
#   id: ESS-006
#   severity: medium
#   resource_type: scaling_configuration
#   remediation:
#     text: >-
#       Make sure the image's software fetches metadata with a token, then set
#       HttpTokens to required in the scaling configuration (or disable the
#       metadata endpoint if nothing uses it).
#     cli: aliyun ess ModifyScalingConfiguration --RegionId {RegionId} --ScalingConfigurationId {ScalingConfigurationId} --HttpEndpoint enabled --HttpTokens required
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalingconfiguration
#     - https://www.alibabacloud.com/help/en/ecs/user-guide/access-instance-metadata-using-hardened-only-mode
package ecsguard.ess.config_imds_tokens

deny contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.HttpTokens != "required"
	not c.HttpEndpoint == "disabled"
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/HttpTokens", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s has HttpTokens %s: the instances it launches serve metadata without a token", [config_label(c), group_label(g), c.HttpTokens]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	not c.HttpTokens
	not c.HttpEndpoint == "disabled"
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s has no HttpTokens in the snapshot, its metadata access mode cannot be judged", [config_label(c), group_label(g)]),
	}
}

config_label(c) := concat("", [c.ScalingConfigurationId, " (", c.ScalingConfigurationName, ")"]) if {
	c.ScalingConfigurationName != ""
} else := c.ScalingConfigurationId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
