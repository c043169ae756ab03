# METADATA
# title: Instance is stopped
# description: >-
#   The instance is Stopped. A stopped instance serves nothing, but its disks,
#   public IP and (in normal stop mode, or for a subscription) its compute
#   still cost money, and it drifts ever further behind on patches until
#   someone starts it again. Stopped instances are usually forgotten ones:
#   start them, or snapshot and release them.
# custom:
#   id: ECS-008
#   severity: low
#   resource_type: instance
#   remediation:
#     text: >-
#       Start the instance if it is still needed; otherwise snapshot what must
#       be kept and release it.
#     cli: aliyun ecs StartInstance --region {RegionId} --InstanceId {InstanceId}
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-startinstance
#   cloud_config: ecs-instance-status-no-stopped
package ecsguard.ecs.stopped

deny contains f if {
	some i, inst in input.instances
	inst.Status == "Stopped"
	f := {
		"pointer": sprintf("/instances/%d/Status", [i]),
		"msg": sprintf("instance %s is Stopped%s", [label(inst), stop_mode(inst)]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	not inst.Status
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no Status in the snapshot, whether it is stopped cannot be judged", [label(inst)]),
	}
}

stop_mode(inst) := sprintf(" (StoppedMode %s)", [inst.StoppedMode]) if {
	inst.StoppedMode != ""
	inst.StoppedMode != "Not-applicable"
} else := ""

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
