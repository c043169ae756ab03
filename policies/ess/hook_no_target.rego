# METADATA
# title: Lifecycle hook notifies nobody
# description: >-
#   An active lifecycle hook has no notification target: no NotificationArn,
#   or the placeholder acs:ess:<region>:<account>:null/null. No MNS queue or
#   topic, OOS template or other handler learns that an instance is waiting,
#   so nothing drains or prepares it; every scale-out or scale-in just stalls
#   for HeartbeatTimeout and then goes on with the DefaultResult.
# custom:
#   id: ESS-027
#   severity: low
#   resource_type: lifecycle_hook
#   remediation:
#     text: >-
#       Point the hook at the MNS queue or topic, or the OOS template, that
#       runs the drain or bootstrap, or delete the hook if nothing handles it.
#     cli: aliyun ess ModifyLifecycleHook --RegionId {RegionId} --LifecycleHookId {LifecycleHookId} --NotificationArn <acs:mns:...>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifylifecyclehook
#     - https://www.alibabacloud.com/help/en/auto-scaling/user-guide/manage-lifecycle-hooks
package ecsguard.ess.hook_no_target

deny contains f if {
	some gi, g in input.scaling_groups
	some hi, h in g.lifecycle_hooks
	untargeted(h.NotificationArn)
	object.get(h, "LifecycleHookStatus", "Active") == "Active"
	f := {
		"pointer": sprintf("/scaling_groups/%d/lifecycle_hooks/%d/NotificationArn", [gi, hi]),
		"msg": sprintf("lifecycle hook %s of scaling group %s has no notification target (%s): instances just wait out the timeout", [hook_label(h), group_label(g), h.NotificationArn]),
	}
}

unknown contains f if {
	some gi, g in input.scaling_groups
	some hi, h in g.lifecycle_hooks
	not h.NotificationArn
	object.get(h, "LifecycleHookStatus", "Active") == "Active"
	f := {
		"pointer": sprintf("/scaling_groups/%d/lifecycle_hooks/%d", [gi, hi]),
		"msg": sprintf("lifecycle hook %s of scaling group %s has no NotificationArn in the snapshot, whether anything handles it cannot be judged", [hook_label(h), group_label(g)]),
	}
}

untargeted(arn) if arn == ""

untargeted(arn) if endswith(arn, ":null/null")

hook_label(h) := concat("", [h.LifecycleHookId, " (", h.LifecycleHookName, ")"]) if {
	h.LifecycleHookName != ""
} else := h.LifecycleHookId

group_label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
