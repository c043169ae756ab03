# METADATA
# title: Instance has fewer vCPUs than the minimum
# description: >-
#   The instance has fewer vCPUs (Cpu) than min_cpus, the smallest size
#   your organisation runs workloads on. An undersized instance saturates
#   under ordinary load spikes, and small shared or burstable types starve
#   the agents (monitoring, security, Cloud Assistant) that run beside the
#   workload. There is no default: until min_cpus is set with --data the
#   rule judges nothing and is reported as not configured.
# custom:
#   id: ECS-048
#   severity: low
#   resource_type: instance
#   needs_params: [cpu_floor.min_cpus]
#   remediation:
#     text: >-
#       Change the instance to a type with at least min_cpus vCPUs
#       (ModifyInstanceSpec for pay-as-you-go, ModifyPrepayInstanceSpec for
#       subscription; most changes need the instance stopped).
#     cli: aliyun ecs ModifyInstanceSpec --region {RegionId} --InstanceId {InstanceId} --InstanceType <larger-type>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstancespec
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-describeinstances
#   cloud_config: ecs-cpu-min-count-limit
package ecsguard.ecs.cpu_floor

min_cpus := data.ecsguard.params.cpu_floor.min_cpus

# The minimum is bound to a local before the loop, so judging an instance
# is one comparison; the finding is built in the head (Performance in
# policies/README.md). A null minimum judges nothing: ecsguard does not
# even run the rule then (custom.needs_params), and OPA, which runs it
# anyway, denies nothing.
deny contains below(i, inst, floor) if {
	floor := min_cpus
	is_number(floor)
	some i, inst in input.instances
	inst.Cpu < floor
}

unknown contains f if {
	is_number(min_cpus)
	some i, inst in input.instances
	not inst.Cpu
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no Cpu in the snapshot, whether it has at least params.cpu_floor.min_cpus vCPUs cannot be judged", [label(inst)]),
	}
}

# A minimum that is set but is not a number would judge nothing: every
# instance is unknown instead, with the reason.
unknown contains f if {
	min_cpus != null
	not is_number(min_cpus)
	some i, inst in input.instances
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("params.cpu_floor.min_cpus is %v, not a number: instance %s cannot be judged", [min_cpus, inst.InstanceId]),
	}
}

below(i, inst, floor) := {
	"pointer": sprintf("/instances/%d/Cpu", [i]),
	"msg": sprintf("instance %s has %v vCPUs, fewer than params.cpu_floor.min_cpus (%v)", [label(inst), inst.Cpu, floor]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
