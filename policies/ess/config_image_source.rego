# METADATA
# title: Scaling configuration uses an image from a source not allowed
# description: >-
#   The scaling configuration launches from an image whose ImageOwnerAlias
#   (system, self, others, marketplace) is not in allowed_sources (default:
#   system, self, marketplace). Images shared by other accounts or from the
#   community are built by someone outside your control, and every instance
#   the group adds runs one. Every configuration is judged, active or not:
#   any of them can be made active.
# custom:
#   id: ESS-035
#   severity: medium
#   resource_type: scaling_configuration
#   requires: [images]
#   remediation:
#     text: >-
#       Copy the image into your account (or rebuild it from a system image)
#       and point the scaling configuration at that copy.
#     cli: aliyun ess ModifyScalingConfiguration --RegionId {RegionId} --ScalingConfigurationId {ScalingConfigurationId} --ImageId <image-id>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalingconfiguration
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeimages
#   cloud_config: use-a-specified-source-image-in-the-auto-scaling-configuration
package ecsguard.ess.config_image_source

allowed := {s | some s in data.ecsguard.params.config_image_source.allowed_sources}

# "RegionId/ImageId" -> ImageOwnerAlias, for every image whose source is known.
sources := {concat("/", [img.RegionId, img.ImageId]): img.ImageOwnerAlias |
	some img in input.images
	is_string(img.ImageOwnerAlias)
}

deny contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	source := sources[concat("/", [c.RegionId, c.ImageId])]
	not source in allowed
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/ImageId", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s uses image %s from source %s (allowed: %s)", [config_label(c), group_label(g), c.ImageId, source, concat(", ", sort(allowed))]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	is_string(c.ImageId)
	not sources[concat("/", [c.RegionId, c.ImageId])]
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d/ImageId", [gi, ci]),
		"msg": sprintf("image %s of scaling configuration %s of scaling group %s is not in the snapshot or has no ImageOwnerAlias, its source cannot be judged", [c.ImageId, config_label(c), group_label(g)]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some ci, c in g.scaling_configurations
	not c.ImageId
	f := {
		"pointer": sprintf("/scaling_groups/%d/scaling_configurations/%d", [gi, ci]),
		"msg": sprintf("scaling configuration %s of scaling group %s has no ImageId in the snapshot, its image source cannot be judged", [config_label(c), group_label(g)]),
	}
}

config_label(c) := concat("", [c.ScalingConfigurationId, " (", c.ScalingConfigurationName, ")"]) if {
	c.ScalingConfigurationName != ""
} else := c.ScalingConfigurationId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
