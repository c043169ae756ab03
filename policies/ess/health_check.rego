# METADATA
# title: Scaling group has no health check
# description: >-
#   The scaling group runs with its health check turned off (HealthCheckType
#   NONE, or HealthCheckTypes empty or only NONE). Auto Scaling then never
#   removes and replaces an instance that has stopped or failed, so the group
#   silently runs below the capacity it reports.
# custom:
#   id: ESS-001
#   severity: medium
#   resource_type: scaling_group
#   remediation:
#     text: >-
#       Turn on the ECS health check for the scaling group (or the
#       LOAD_BALANCER health check when the group serves behind a load
#       balancer), so that unhealthy instances are replaced.
#     cli: aliyun ess ModifyScalingGroup --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --HealthCheckType ECS
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
#   cloud_config: ess-group-health-check
package ecsguard.ess.health_check

# HealthCheckTypes (the newer, multi-valued field) decides when it lists
# anything; otherwise HealthCheckType does.

deny contains f if {
	some i, g in input.scaling_groups
	count(g.HealthCheckTypes) > 0
	not enabled_type_listed(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d/HealthCheckTypes", [i]),
		"msg": sprintf("scaling group %s has HealthCheckTypes %s: no health check is enabled", [label(g), concat(",", g.HealthCheckTypes)]),
	}
}

deny contains f if {
	some i, g in input.scaling_groups
	not types_listed(g)
	g.HealthCheckType == "NONE"
	f := {
		"pointer": sprintf("/scaling_groups/%d/HealthCheckType", [i]),
		"msg": sprintf("scaling group %s has HealthCheckType NONE", [label(g)]),
	}
}

deny contains f if {
	some i, g in input.scaling_groups
	g.HealthCheckTypes == []
	not g.HealthCheckType
	f := {
		"pointer": sprintf("/scaling_groups/%d/HealthCheckTypes", [i]),
		"msg": sprintf("scaling group %s has an empty HealthCheckTypes and no HealthCheckType: no health check is enabled", [label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	not g.HealthCheckTypes
	not g.HealthCheckType
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has neither HealthCheckType nor HealthCheckTypes in the snapshot, its health check cannot be judged", [label(g)]),
	}
}

types_listed(g) if count(g.HealthCheckTypes) > 0

enabled_type_listed(g) if {
	some t in g.HealthCheckTypes
	t != "NONE"
}

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
