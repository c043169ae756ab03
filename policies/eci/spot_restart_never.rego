# METADATA
# title: Spot container group never restarts its containers
# description: >-
#   The container group runs on spot (preemptible) capacity with RestartPolicy
#   Never. Spot groups are the ones most likely to lose containers to
#   interruption and resource pressure, and with Never a container that exits
#   or is killed stays down, so the workload stops instead of recovering.
# custom:
#   id: ECI-001
#   severity: low
#   resource_type: container_group
#   remediation:
#     text: >-
#       Set RestartPolicy to OnFailure (batch jobs) or Always (services), and
#       run spot container groups under a controller (for example a
#       Kubernetes workload on virtual nodes) that recreates reclaimed groups.
#     cli: aliyun eci UpdateContainerGroup --RegionId {RegionId} --ContainerGroupId {ContainerGroupId} --RestartPolicy OnFailure
#   references:
#     - https://www.alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-updatecontainergroup
#     - https://alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-describecontainergroups
package ecsguard.eci.spot_restart_never

spot_strategies := {"SpotWithPriceLimit", "SpotAsPriceGo"}

deny contains f if {
	some i, cg in input.container_groups
	cg.SpotStrategy in spot_strategies
	cg.RestartPolicy == "Never"
	f := {
		"pointer": sprintf("/container_groups/%d/RestartPolicy", [i]),
		"msg": sprintf("container group %s runs on spot (%s) with RestartPolicy Never", [label(cg), cg.SpotStrategy]),
	}
}

unknown contains f if {
	some i, cg in input.container_groups
	cg.SpotStrategy in spot_strategies
	not cg.RestartPolicy
	f := {
		"pointer": sprintf("/container_groups/%d", [i]),
		"msg": sprintf("spot container group %s has no RestartPolicy in the snapshot, its restart behaviour cannot be judged", [label(cg)]),
	}
}

unknown contains f if {
	some i, cg in input.container_groups
	not cg.SpotStrategy
	object.get(cg, "RestartPolicy", "Never") == "Never"
	f := {
		"pointer": sprintf("/container_groups/%d", [i]),
		"msg": sprintf("container group %s has no SpotStrategy in the snapshot, whether it runs on spot cannot be judged", [label(cg)]),
	}
}

# "eci-123 (name)", or just the id when the group has no name.
label(cg) := concat("", [cg.ContainerGroupId, " (", cg.ContainerGroupName, ")"]) if {
	cg.ContainerGroupName != ""
} else := cg.ContainerGroupId
