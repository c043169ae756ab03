# METADATA
# title: Instance is missing approved patches
# description: >-
#   The instance's last OOS patch scan or install (ListInstancePatchStates)
#   found patches that its patch baseline approves but that are not installed
#   (MissingCount above 0). Approved patches are mostly security fixes, so
#   the instance is exposed to vulnerabilities that already have a fix. CIS
#   Alibaba Cloud Foundation Benchmark 4.5 asks that the latest OS patches
#   be applied on every instance (CIS audits it in Security Center; this
#   rule reads the OOS patch state instead).
# custom:
#   id: ECS-021
#   severity: high
#   resource_type: patch_state
#   remediation:
#     text: >-
#       Install the missing patches with OOS Patch Manager (the
#       ACS-ECS-BulkyApplyPatchBaseline template with action Install) in a
#       maintenance window, rebooting where needed, then scan again.
#     cli: aliyun oos StartExecution --RegionId {RegionId} --TemplateName ACS-ECS-BulkyApplyPatchBaseline --Parameters '{"regionId":"{RegionId}","action":"install","targets":{"ResourceIds":["{InstanceId}"],"RegionId":"{RegionId}","Type":"ResourceIds"}}'
#   references:
#     - https://www.alibabacloud.com/help/en/oos/developer-reference/api-oos-2019-06-01-listinstancepatchstates
#     - https://www.alibabacloud.com/help/doc-detail/268662.htm
#   cis: "4.5"
package ecsguard.ecs.patch_missing

# The finding is built by one function whose two branches spell out the
# last operation's part of the message (a helper call for it costs more
# than the rest of the finding; Performance in policies/README.md).
deny contains missing_patches(i, ps) if {
	some i, ps in input.patch_states
	ps.MissingCount > 0
}

# A plain ref tests absence: the loader guarantees an integer when present
# (two builtin calls per state cost more than the rest of the rule).
unknown contains f if {
	some i, ps in input.patch_states
	not ps.MissingCount
	f := {
		"pointer": sprintf("/patch_states/%d", [i]),
		"msg": sprintf("the patch state of instance %s has no MissingCount in the snapshot, whether patches are missing cannot be judged", [ps.InstanceId]),
	}
}

missing_patches(i, ps) := {
	"pointer": sprintf("/patch_states/%d/MissingCount", [i]),
	"msg": sprintf("instance %s is missing %d approved patch(es) (last %s ended %s)", [ps.InstanceId, ps.MissingCount, ps.Operation, ps.OperationEndTime]),
} if {
	ps.Operation != ""
	ps.OperationEndTime != ""
} else := {
	"pointer": sprintf("/patch_states/%d/MissingCount", [i]),
	"msg": sprintf("instance %s is missing %d approved patch(es)", [ps.InstanceId, ps.MissingCount]),
}
