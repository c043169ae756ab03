# METADATA
# title: Scaling configuration creates unencrypted system disks
# description: >-
#   The scaling configuration has SystemDiskEncrypted false, so the system
#   disk of every instance the group launches (the OS, its logs, anything
#   the application writes locally) is an unencrypted cloud disk. Cloud
#   Config's system-disk template for scaling configurations checks the
#   same thing; its identifier is not in our references, so it is not
#   mapped. Every configuration is judged, active or not.
# custom:
#   id: ESS-033
#   severity: medium
#   resource_type: scaling_configuration
#   remediation:
#     text: >-
#       Create a scaling configuration with SystemDisk.Encrypted true (with a
#       KMS key if required), and make it the active one.
#     cli: aliyun ess ModifyScalingConfiguration --RegionId {RegionId} --ScalingConfigurationId {ScalingConfigurationId} --SystemDisk.Encrypted true
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalingconfiguration
#     - https://help.aliyun.com/en/ecs/user-guide/encrypt-data-stored-on-ecs-resources
package ecsguard.ess.config_system_disk_encryption

deny contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.SystemDiskEncrypted == false
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/SystemDiskEncrypted", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s creates unencrypted system disks", [config_label(c), group_label(g)]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	# Neither true nor false: absent (the loader guarantees a boolean).
	not c.SystemDiskEncrypted == true
	not c.SystemDiskEncrypted == false
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s has no SystemDiskEncrypted in the snapshot, whether its system disks are encrypted cannot be judged", [config_label(c), group_label(g)]),
	}
}

config_label(c) := concat("", [c.ScalingConfigurationId, " (", c.ScalingConfigurationName, ")"]) if {
	c.ScalingConfigurationName != ""
} else := c.ScalingConfigurationId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
