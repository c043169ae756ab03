# METADATA
# title: Active scaling configuration uses a deprecated or unavailable image
# description: >-
#   The scaling configuration the group launches from names an image with
#   Status UnAvailable or Deprecated. With an UnAvailable image every
#   scale-out and every replacement of an unhealthy instance fails, so the
#   group cannot grow or heal; with a Deprecated image it keeps launching an
#   image its owner has withdrawn (usually as faulty or superseded).
#   Inactive configurations are not judged.
# custom:
#   id: ESS-004
#   severity: medium
#   resource_type: scaling_configuration
#   requires: [images]
#   remediation:
#     text: >-
#       Point the scaling configuration at a current, available image (or at
#       an image family, so it follows the family's latest image), then roll
#       the group's instances onto it.
#     cli: aliyun ess ModifyScalingConfiguration --RegionId {RegionId} --ScalingConfigurationId {ScalingConfigurationId} --ImageId <current-image-id>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalingconfiguration
#     - https://help.aliyun.com/en/ecs/user-guide/set-the-state-of-an-image-to-deprecated-or-restore-an-image
#   cloud_config: auto-scaling-configuration-image-detection
package ecsguard.ess.config_image_unavailable

bad_statuses := {"Deprecated", "UnAvailable"}

# Built once per image: "RegionId/ImageId" -> its bad status.
bad_images := {concat("/", [img.RegionId, img.ImageId]): img.Status |
	some img in input.images
	img.Status in bad_statuses
}

images_with_status := {concat("/", [img.RegionId, img.ImageId]) |
	some img in input.images
	img.Status
}

deny contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	status := bad_images[concat("/", [c.RegionId, c.ImageId])]
	active(g, c)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/ImageId", [gi, ci]),
		"msg": sprintf("active scaling configuration %s of scaling group %s uses image %s, which has Status %s", [config_label(c), group_label(g), c.ImageId, status]),
	}
}

# The image is bad, but whether the configuration is the one the group
# launches from cannot be told.
unknown contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	status := bad_images[concat("/", [c.RegionId, c.ImageId])]
	not c.LifecycleState
	not g.ActiveScalingConfigurationId
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s uses image %s (Status %s) but has no LifecycleState in the snapshot, whether it is active cannot be judged", [config_label(c), group_label(g), c.ImageId, status]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	c.ImageId != ""
	not concat("/", [c.RegionId, c.ImageId]) in images_with_status
	active(g, c)
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/ImageId", [gi, ci]),
		"msg": sprintf("image %s of active scaling configuration %s (scaling group %s) is not in the snapshot or has no Status, its status cannot be judged", [c.ImageId, config_label(c), group_label(g)]),
	}
}

# A configuration the group launches from: the Active one, or the one named
# by ActiveScalingConfigurationId.
active(g, c) if c.LifecycleState == "Active"

active(g, c) if c.ScalingConfigurationId == g.ActiveScalingConfigurationId

config_label(c) := concat("", [c.ScalingConfigurationId, " (", c.ScalingConfigurationName, ")"]) if {
	c.ScalingConfigurationName != ""
} else := c.ScalingConfigurationId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
