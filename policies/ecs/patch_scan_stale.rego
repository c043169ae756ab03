# METADATA
# title: Instance patch state is out of date
# description: >-
#   The instance's last OOS patch scan or install ended more than max_days
#   (default 14) before the snapshot (OperationEndTime in
#   ListInstancePatchStates). Its missing and failed counts describe the
#   past: patches released since are not counted, and a scheduled scan that
#   stopped running (agent down, association removed) goes unnoticed.
# custom:
#   id: ECS-024
#   severity: medium
#   resource_type: patch_state
#   remediation:
#     text: >-
#       Run a patch scan now and schedule one at least weekly (OOS Patch
#       Manager, ACS-ECS-BulkyApplyPatchBaseline with action Scan); if the
#       scan fails, check the instance's Cloud Assistant agent first.
#     cli: aliyun oos StartExecution --RegionId {RegionId} --TemplateName ACS-ECS-BulkyApplyPatchBaseline --Parameters '{"regionId":"{RegionId}","action":"scan","targets":{"ResourceIds":["{InstanceId}"],"RegionId":"{RegionId}","Type":"ResourceIds"}}'
#   references:
#     - https://www.alibabacloud.com/help/en/oos/developer-reference/api-oos-2019-06-01-listinstancepatchstates
#     - https://www.alibabacloud.com/help/doc-detail/268662.htm
package ecsguard.ecs.patch_scan_stale

day_ns := 86400000000000

max_days := data.ecsguard.params.patch_scan_stale.max_days

# Bound once: `data.ecsguard.now_ns` read inside a loop or per finding
# costs a scan of the whole data tree each time (Performance in
# policies/README.md).
now_ns := data.ecsguard.now_ns

# A state is stale when its last operation ended before cutoff_ns, computed
# once and bound to a local before the loop; the finding is built in the
# head.
cutoff_ns := now_ns - max_days * day_ns

deny contains stale(i, ps) if {
	cutoff := cutoff_ns
	some i, ps in input.patch_states
	time.parse_rfc3339_ns(ps.OperationEndTime) < cutoff
}

stale(i, ps) := {
	"pointer": sprintf("/patch_states/%d/OperationEndTime", [i]),
	"msg": sprintf("the last patch %s of instance %s ended %s, %d days ago (limit %d days)", [operation(ps), ps.InstanceId, ps.OperationEndTime, floor(age / day_ns), max_days]),
} if {
	age := now_ns - time.parse_rfc3339_ns(ps.OperationEndTime)
}

unknown contains f if {
	some i, ps in input.patch_states
	not ps.OperationEndTime
	f := {
		"pointer": sprintf("/patch_states/%d", [i]),
		"msg": sprintf("the patch state of instance %s has no OperationEndTime in the snapshot, how current it is cannot be judged", [ps.InstanceId]),
	}
}

operation(ps) := lower(ps.Operation) if {
	ps.Operation != ""
} else := "operation"
