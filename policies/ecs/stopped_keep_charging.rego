# METADATA
# title: Stopped pay-as-you-go instance is still billed for compute
# description: >-
#   The pay-as-you-go instance is Stopped in normal stop mode (StoppedMode
#   KeepCharging), so its vCPUs and memory are still reserved and billed
#   while it runs nothing. Economical mode (StopCharging) stops the compute
#   charge; the trade-off is that the instance may not get its resources back
#   when started again.
# custom:
#   id: ECS-014
#   severity: low
#   resource_type: instance
#   remediation:
#     text: >-
#       Start the instance again, stop it in economical mode if it should stay
#       stopped, or release it if it is no longer needed.
#     cli: aliyun ecs StopInstances --RegionId {RegionId} --InstanceId.1 {InstanceId} --StoppedMode StopCharging
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-stopinstances
#   cloud_config: ecs-instance-post-paid-stopped-mode-check
package ecsguard.ecs.stopped_keep_charging

deny contains f if {
	some i, inst in input.instances
	inst.StoppedMode == "KeepCharging"
	inst.Status == "Stopped"
	inst.InstanceChargeType == "PostPaid"
	f := {
		"pointer": sprintf("/instances/%d/StoppedMode", [i]),
		"msg": sprintf("pay-as-you-go instance %s is Stopped with StoppedMode KeepCharging: its compute is still billed", [label(inst)]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	inst.Status == "Stopped"
	inst.InstanceChargeType == "PostPaid"
	not inst.StoppedMode
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("stopped pay-as-you-go instance %s has no StoppedMode in the snapshot, whether it is still billed cannot be judged", [label(inst)]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	inst.StoppedMode == "KeepCharging"
	some field in ["Status", "InstanceChargeType"]
	not object.get(inst, field, false)
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has StoppedMode KeepCharging but no %s in the snapshot, whether it is a stopped pay-as-you-go instance cannot be judged", [label(inst), field]),
	}
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
