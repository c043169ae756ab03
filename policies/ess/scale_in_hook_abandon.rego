# METADATA
# title: Scale-in lifecycle hook abandons on timeout
# description: >-
#   An active SCALE_IN lifecycle hook has DefaultResult ABANDON. When its
#   drain handler does not answer within HeartbeatTimeout (it crashed, or the
#   drain ran long), the instance is removed anyway and every other
#   scale-in hook still pending for it is skipped, so the remaining
#   clean-up steps (deregistration, log flush, backups) silently never run.
#   CONTINUE removes the instance the same way but lets the other hooks run.
# custom:
#   id: ESS-026
#   severity: low
#   resource_type: lifecycle_hook
#   remediation:
#     text: >-
#       Set DefaultResult to CONTINUE on scale-in hooks, and have the drain
#       handler end the hook explicitly with CompleteLifecycleAction.
#     cli: aliyun ess ModifyLifecycleHook --RegionId {RegionId} --LifecycleHookId {LifecycleHookId} --DefaultResult CONTINUE
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifylifecyclehook
#     - https://www.alibabacloud.com/help/en/auto-scaling/user-guide/manage-lifecycle-hooks
package ecsguard.ess.scale_in_hook_abandon

deny contains f if {
	some gi, g in input.scaling_groups
	some hi, h in g.lifecycle_hooks
	h.DefaultResult == "ABANDON"
	h.LifecycleTransition == "SCALE_IN"
	object.get(h, "LifecycleHookStatus", "Active") == "Active"
	f := {
		"pointer": sprintf("/scaling_groups/%d/lifecycle_hooks/%d/DefaultResult", [gi, hi]),
		"msg": sprintf("SCALE_IN lifecycle hook %s of scaling group %s has DefaultResult ABANDON: on timeout the other scale-in hooks are skipped", [hook_label(h), group_label(g)]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some hi, h in g.lifecycle_hooks
	object.get(h, "LifecycleHookStatus", "Active") == "Active"
	some reason in undecided(h)
	f := {
		"pointer": sprintf("/scaling_groups/%d/lifecycle_hooks/%d", [gi, hi]),
		"msg": sprintf("lifecycle hook %s of scaling group %s has %s, its timeout behaviour cannot be judged", [hook_label(h), group_label(g), reason]),
	}
}

undecided(h) := {"no DefaultResult in the snapshot" |
	object.get(h, "LifecycleTransition", "SCALE_IN") == "SCALE_IN"
	not h.DefaultResult
} | {"DefaultResult ABANDON but no LifecycleTransition in the snapshot" |
	h.DefaultResult == "ABANDON"
	not h.LifecycleTransition
}

hook_label(h) := concat("", [h.LifecycleHookId, " (", h.LifecycleHookName, ")"]) if {
	h.LifecycleHookName != ""
} else := h.LifecycleHookId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
