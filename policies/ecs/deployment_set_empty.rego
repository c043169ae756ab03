# METADATA
# title: Deployment set holds no instances
# description: >-
#   The deployment set has no instances (InstanceAmount 0). It is left over
#   from a workload that moved or was released, or instances that were
#   meant to be spread by it were launched without it. Empty sets count
#   against the account's deployment-set quota and mislead whoever reads
#   the placement setup.
# custom:
#   id: ECS-029
#   severity: info
#   resource_type: deployment_set
#   remediation:
#     text: >-
#       Delete the deployment set if nothing should use it; otherwise launch
#       (or move) the intended instances into it.
#     cli: aliyun ecs DeleteDeploymentSet --RegionId {RegionId} --DeploymentSetId {DeploymentSetId}
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-deletedeploymentset
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describedeploymentsets
package ecsguard.ecs.deployment_set_empty

deny contains f if {
	some i, ds in input.deployment_sets
	ds.InstanceAmount == 0
	f := {
		"pointer": sprintf("/deployment_sets/%d/InstanceAmount", [i]),
		"msg": sprintf("deployment set %s holds no instances", [label(ds)]),
	}
}

# Without InstanceAmount, the instance list answers.
deny contains f if {
	some i, ds in input.deployment_sets
	not ds.InstanceAmount
	ds.InstanceIds == []
	f := {
		"pointer": sprintf("/deployment_sets/%d/InstanceIds", [i]),
		"msg": sprintf("deployment set %s holds no instances", [label(ds)]),
	}
}

unknown contains f if {
	some i, ds in input.deployment_sets
	# Plain refs test absence: the loader guarantees the types when present.
	not ds.InstanceAmount
	not ds.InstanceIds
	f := {
		"pointer": sprintf("/deployment_sets/%d", [i]),
		"msg": sprintf("deployment set %s has neither InstanceAmount nor InstanceIds in the snapshot, whether it is used cannot be judged", [label(ds)]),
	}
}

# "ds-123 (name)", or just the id when the set has no name.
label(ds) := concat("", [ds.DeploymentSetId, " (", ds.DeploymentSetName, ")"]) if {
	ds.DeploymentSetName != ""
} else := ds.DeploymentSetId
