# METADATA
# title: Scaling configuration creates unencrypted data disks
# description: >-
#   A data disk of the scaling configuration has Encrypted false, so every
#   instance the group launches writes its data to an unencrypted cloud disk
#   (and to unencrypted snapshots of it). Every configuration is judged,
#   active or not: any of them can be made active.
# custom:
#   id: ESS-032
#   severity: medium
#   resource_type: scaling_configuration
#   remediation:
#     text: >-
#       Create a new scaling configuration whose data disks have Encrypted
#       true (with a KMS key if required), and make it the active one.
#     cli: aliyun ess ModifyScalingConfiguration --RegionId {RegionId} --ScalingConfigurationId {ScalingConfigurationId} --DataDisks.1.Encrypted true
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalingconfiguration
#     - https://help.aliyun.com/en/ecs/user-guide/encrypt-data-stored-on-ecs-resources
#   cloud_config: setting-data-disk-encryption-in-auto-scaling-configuration
package ecsguard.ess.config_data_disk_encryption

deny contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	some di, d in c.DataDisks
	d.Encrypted == false
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/DataDisks/%d/Encrypted", [gi, ci, di]),
		"msg": sprintf("scaling configuration %s of scaling group %s creates unencrypted data disk %d", [config_label(c), group_label(g), di]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	some reason in undecided(c)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s has %s, whether its data disks are encrypted cannot be judged", [config_label(c), group_label(g), reason]),
	}
}

undecided(c) := {"no DataDisks in the snapshot" | not is_array(object.get(c, "DataDisks", null))} | {sprintf("no Encrypted for data disk %d in the snapshot", [di]) |
	some di, d in c.DataDisks
	# Neither true nor false: absent (the loader guarantees a boolean).
	not d.Encrypted == true
	not d.Encrypted == false
}

config_label(c) := concat("", [c.ScalingConfigurationId, " (", c.ScalingConfigurationName, ")"]) if {
	c.ScalingConfigurationName != ""
} else := c.ScalingConfigurationId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
