# METADATA
# title: Scale-in lifecycle hook timeout is out of bounds
# description: >-
#   An active SCALE_IN lifecycle hook waits HeartbeatTimeout seconds for the
#   drain to finish. Below min_seconds (default 60) most drains (deregister,
#   finish in-flight requests, flush logs) cannot complete before the
#   instance is released anyway; above max_seconds (default 3600) a drain
#   handler that died keeps instances in Removing for that long, holding
#   capacity and cost and delaying every later scale-in.
# custom:
#   id: ESS-015
#   severity: low
#   resource_type: lifecycle_hook
#   remediation:
#     text: >-
#       Set HeartbeatTimeout to the time the drain really needs plus a margin,
#       and have the handler extend it (RecordLifecycleActionHeartbeat) or end
#       it (CompleteLifecycleAction) explicitly.
#     cli: aliyun ess ModifyLifecycleHook --RegionId {RegionId} --LifecycleHookId {LifecycleHookId} --HeartbeatTimeout <seconds>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifylifecyclehook
#     - https://www.alibabacloud.com/help/en/auto-scaling/user-guide/manage-lifecycle-hooks
package ecsguard.ess.hook_timeout

min_seconds := data.ecsguard.params.hook_timeout.min_seconds

max_seconds := data.ecsguard.params.hook_timeout.max_seconds

deny contains f if {
	some gi, g in input.scaling_groups
	some hi, h in g.lifecycle_hooks
	h.LifecycleTransition == "SCALE_IN"
	object.get(h, "LifecycleHookStatus", "Active") == "Active"
	out_of_bounds(h.HeartbeatTimeout)
	f := {
		"pointer": sprintf("/scaling_groups/%d/lifecycle_hooks/%d/HeartbeatTimeout", [gi, hi]),
		"msg": sprintf("SCALE_IN lifecycle hook %s of scaling group %s has HeartbeatTimeout %d s, outside %d..%d s", [hook_label(h), group_label(g), h.HeartbeatTimeout, min_seconds, max_seconds]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some hi, h in g.lifecycle_hooks
	object.get(h, "LifecycleHookStatus", "Active") == "Active"
	object.get(h, "LifecycleTransition", "SCALE_IN") == "SCALE_IN"
	not h.HeartbeatTimeout
	f := {
		"pointer": sprintf("/scaling_groups/%d/lifecycle_hooks/%d", [gi, hi]),
		"msg": sprintf("lifecycle hook %s of scaling group %s has no HeartbeatTimeout in the snapshot, its scale-in timeout cannot be judged", [hook_label(h), group_label(g)]),
	}
}

# The transition matters only when the timeout is out of bounds.
unknown contains f if {
	some gi, g in input.scaling_groups
	some hi, h in g.lifecycle_hooks
	object.get(h, "LifecycleHookStatus", "Active") == "Active"
	not h.LifecycleTransition
	out_of_bounds(h.HeartbeatTimeout)
	f := {
		"pointer": sprintf("/scaling_groups/%d/lifecycle_hooks/%d", [gi, hi]),
		"msg": sprintf("lifecycle hook %s of scaling group %s has HeartbeatTimeout %d s but no LifecycleTransition in the snapshot, whether it is a scale-in hook cannot be judged", [hook_label(h), group_label(g), h.HeartbeatTimeout]),
	}
}

out_of_bounds(t) if t < min_seconds

out_of_bounds(t) if t > max_seconds

hook_label(h) := concat("", [h.LifecycleHookId, " (", h.LifecycleHookName, ")"]) if {
	h.LifecycleHookName != ""
} else := h.LifecycleHookId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
