# METADATA
# title: Deployment set does not spread its instances
# description: >-
#   The deployment set's strategy (DeploymentStrategy) is not one that
#   places instances on distinct hosts (allowed_strategies, default
#   Availability and AvailabilityGroup). LowLatency (and the older
#   LooseAggregation) packs instances close together for network
#   performance, so one host or rack failure can take them all at once.
#   That is right for tightly coupled compute, wrong for anything that needs
#   to stay up; add the strategy to allowed_strategies or waive the set when
#   it is meant that way.
# custom:
#   id: ECS-028
#   severity: low
#   resource_type: deployment_set
#   remediation:
#     text: >-
#       For services that must survive a host failure, create a deployment
#       set with the Availability (or AvailabilityGroup) strategy and move
#       the instances into it (ModifyInstanceDeployment).
#     cli: aliyun ecs CreateDeploymentSet --RegionId {RegionId} --DeploymentSetName <name> --Strategy Availability
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createdeploymentset
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describedeploymentsets
package ecsguard.ecs.deployment_set_strategy

allowed := {s | some s in data.ecsguard.params.deployment_set_strategy.allowed_strategies}

deny contains f if {
	some i, ds in input.deployment_sets
	ds.DeploymentStrategy != ""
	not ds.DeploymentStrategy in allowed
	f := {
		"pointer": sprintf("/deployment_sets/%d/DeploymentStrategy", [i]),
		"msg": sprintf("deployment set %s uses strategy %s, which does not spread its instances over hosts", [label(ds), ds.DeploymentStrategy]),
	}
}

unknown contains f if {
	some i, ds in input.deployment_sets
	no_strategy(ds)
	f := {
		"pointer": sprintf("/deployment_sets/%d", [i]),
		"msg": sprintf("deployment set %s has no DeploymentStrategy in the snapshot, how it places instances cannot be judged", [label(ds)]),
	}
}

no_strategy(ds) := true if {
	not ds.DeploymentStrategy
} else := true if {
	ds.DeploymentStrategy == ""
}

# "ds-123 (name)", or just the id when the set has no name.
label(ds) := concat("", [ds.DeploymentSetId, " (", ds.DeploymentSetName, ")"]) if {
	ds.DeploymentSetName != ""
} else := ds.DeploymentSetId
