# METADATA
# title: Installed patches wait for a reboot
# description: >-
#   Patches were installed on the instance but only take effect after a
#   restart (InstalledPendingRebootCount above 0 in ListInstancePatchStates):
#   a new kernel or library is on disk while the old, vulnerable one still
#   runs. Until the instance restarts the fixes protect nothing, and the
#   next unplanned restart brings untested changes live at a bad time.
# custom:
#   id: ECS-023
#   severity: medium
#   resource_type: patch_state
#   remediation:
#     text: >-
#       Restart the instance in a maintenance window (drain it from its load
#       balancer first), or let the patch run reboot it (RebootIfNeed).
#     cli: aliyun ecs RebootInstance --InstanceId {InstanceId}
#   references:
#     - https://www.alibabacloud.com/help/en/oos/developer-reference/api-oos-2019-06-01-listinstancepatchstates
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-rebootinstance
package ecsguard.ecs.patch_pending_reboot

deny contains f if {
	some i, ps in input.patch_states
	ps.InstalledPendingRebootCount > 0
	f := {
		"pointer": sprintf("/patch_states/%d/InstalledPendingRebootCount", [i]),
		"msg": sprintf("instance %s has %d installed patch(es) that take effect only after a reboot", [ps.InstanceId, ps.InstalledPendingRebootCount]),
	}
}

# A plain ref tests absence: the loader guarantees an integer when present
# (two builtin calls per state cost more than the rest of the rule).
unknown contains f if {
	some i, ps in input.patch_states
	not ps.InstalledPendingRebootCount
	f := {
		"pointer": sprintf("/patch_states/%d", [i]),
		"msg": sprintf("the patch state of instance %s has no InstalledPendingRebootCount in the snapshot, whether patches wait for a reboot cannot be judged", [ps.InstanceId]),
	}
}
