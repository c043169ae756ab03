# METADATA
# title: Instance has less memory than the minimum
# description: >-
#   The instance's memory (Memory, MiB) is below min_memory_mib, the
#   smallest size your organisation runs workloads on. An undersized
#   instance swaps or has processes killed by the kernel's out-of-memory
#   killer under ordinary load, and the agents that run beside the workload
#   (monitoring, security, Cloud Assistant) compete for what is left. There
#   is no default: until min_memory_mib is set with --data the rule judges
#   nothing and is reported as not configured.
# custom:
#   id: ECS-049
#   severity: low
#   resource_type: instance
#   needs_params: [memory_floor.min_memory_mib]
#   remediation:
#     text: >-
#       Change the instance to a type with at least min_memory_mib of memory
#       (ModifyInstanceSpec for pay-as-you-go, ModifyPrepayInstanceSpec for
#       subscription; most changes need the instance stopped).
#     cli: aliyun ecs ModifyInstanceSpec --region {RegionId} --InstanceId {InstanceId} --InstanceType <larger-type>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstancespec
#     - https://www.alibabacloud.com/help/en/cloud-config/latest/ecs-memory-min-size-limit
#   cloud_config: ecs-memory-min-size-limit
package ecsguard.ecs.memory_floor

min_memory_mib := data.ecsguard.params.memory_floor.min_memory_mib

# The minimum is bound to a local before the loop, so judging an instance
# is one comparison; the finding is built in the head (Performance in
# policies/README.md). A null minimum judges nothing: ecsguard does not
# even run the rule then (custom.needs_params), and OPA, which runs it
# anyway, denies nothing.
deny contains below(i, inst, floor) if {
	floor := min_memory_mib
	is_number(floor)
	some i, inst in input.instances
	inst.Memory < floor
}

unknown contains f if {
	is_number(min_memory_mib)
	some i, inst in input.instances
	not inst.Memory
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no Memory in the snapshot, whether it has at least params.memory_floor.min_memory_mib of memory cannot be judged", [label(inst)]),
	}
}

# A minimum that is set but is not a number would judge nothing: every
# instance is unknown instead, with the reason.
unknown contains f if {
	min_memory_mib != null
	not is_number(min_memory_mib)
	some i, inst in input.instances
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("params.memory_floor.min_memory_mib is %v, not a number (MiB): instance %s cannot be judged", [min_memory_mib, inst.InstanceId]),
	}
}

below(i, inst, floor) := {
	"pointer": sprintf("/instances/%d/Memory", [i]),
	"msg": sprintf("instance %s has %v MiB of memory, less than params.memory_floor.min_memory_mib (%v)", [label(inst), inst.Memory, floor]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
