# METADATA
# title: Scaling configuration assigns public IP addresses
# description: >-
#   The scaling configuration sets InternetMaxBandwidthOut above 0, so every
#   instance it launches gets a public IPv4 address and is reachable from the
#   internet, guarded only by its security groups. Scaled instances normally
#   sit behind a load balancer and reach out through a NAT gateway. Every
#   configuration is judged, active or not: any of them can be made active.
# custom:
#   id: ESS-005
#   severity: medium
#   resource_type: scaling_configuration
#   remediation:
#     text: >-
#       Set InternetMaxBandwidthOut to 0 in the scaling configuration, and give
#       the group a load balancer for inbound traffic and a NAT gateway for
#       outbound traffic.
#     cli: aliyun ess ModifyScalingConfiguration --RegionId {RegionId} --ScalingConfigurationId {ScalingConfigurationId} --InternetMaxBandwidthOut 0
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalingconfiguration
#   cloud_config: ess-scaling-configuration-enabled-internet-check
package ecsguard.ess.config_public_ip

deny contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.InternetMaxBandwidthOut > 0
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/InternetMaxBandwidthOut", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s has InternetMaxBandwidthOut %d: its instances get public IP addresses", [config_label(c), group_label(g), c.InternetMaxBandwidthOut]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	not bandwidth_reported(c)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s has no InternetMaxBandwidthOut in the snapshot, whether it assigns public IP addresses cannot be judged", [config_label(c), group_label(g)]),
	}
}

bandwidth_reported(c) if is_number(c.InternetMaxBandwidthOut)

config_label(c) := concat("", [c.ScalingConfigurationId, " (", c.ScalingConfigurationName, ")"]) if {
	c.ScalingConfigurationName != ""
} else := c.ScalingConfigurationId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
