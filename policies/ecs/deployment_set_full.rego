# METADATA
# title: Deployment set has no room left in a zone
# description: >-
#   In at least one zone the deployment set can take no more instances
#   (Capacities AvailableAmount below min_available, default 1). A
#   high-availability deployment set caps how many instances it spreads per
#   zone; once a zone is full, launching, replacing or scaling out instances
#   into the set there fails, typically when a failed node must be replaced.
# custom:
#   id: ECS-019
#   severity: medium
#   resource_type: deployment_set
#   remediation:
#     text: >-
#       Create a further deployment set (or use a group-level strategy such
#       as AvailabilityGroup) for new instances, spread the workload over more
#       zones, or release instances the set no longer needs.
#     cli: aliyun ecs CreateDeploymentSet --RegionId {RegionId} --DeploymentSetName <name> --Strategy Availability
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createdeploymentset
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describedeploymentsets
package ecsguard.ecs.deployment_set_full

min_available := data.ecsguard.params.deployment_set_full.min_available

deny contains f if {
	some i, ds in input.deployment_sets
	some j, cap in ds.Capacities
	cap.AvailableAmount < min_available
	f := {
		"pointer": sprintf("/deployment_sets/%d/Capacities/%d/AvailableAmount", [i, j]),
		"msg": sprintf("deployment set %s has %d free place(s) left in zone %s (minimum %d)", [label(ds), cap.AvailableAmount, cap.ZoneId, min_available]),
	}
}

unknown contains f if {
	some i, ds in input.deployment_sets
	not capacities_reported(ds)
	f := {
		"pointer": sprintf("/deployment_sets/%d", [i]),
		"msg": sprintf("deployment set %s has no Capacities in the snapshot, its headroom cannot be judged", [label(ds)]),
	}
}

unknown contains f if {
	some i, ds in input.deployment_sets
	some j, cap in ds.Capacities
	not cap.AvailableAmount
	f := {
		"pointer": sprintf("/deployment_sets/%d/Capacities/%d", [i, j]),
		"msg": sprintf("deployment set %s reports no AvailableAmount for zone %s, its headroom there cannot be judged", [label(ds), cap.ZoneId]),
	}
}

capacities_reported(ds) if is_array(ds.Capacities)

# "ds-123 (name)", or just the id when the set has no name.
label(ds) := concat("", [ds.DeploymentSetId, " (", ds.DeploymentSetName, ")"]) if {
	ds.DeploymentSetName != ""
} else := ds.DeploymentSetId
