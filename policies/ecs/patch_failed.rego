# METADATA
# title: Patches failed to install on the instance
# description: >-
#   OOS Patch Manager tried to install patches on the instance and some
#   failed (FailedCount above 0 in ListInstancePatchStates). A failed
#   install often leaves a half-updated package set or a broken package
#   manager, and the fixes it carried are not in place. Failures repeat on
#   every run until someone looks.
# custom:
#   id: ECS-022
#   severity: medium
#   resource_type: patch_state
#   remediation:
#     text: >-
#       Look at the failed patches (ListInstancePatches with PatchStatuses
#       Failed) and the OOS execution output, fix the cause on the instance
#       (disk space, repository access, package conflicts), and run the
#       install again.
#     cli: aliyun oos ListInstancePatches --RegionId {RegionId} --InstanceId {InstanceId} --PatchStatuses '["Failed"]'
#   references:
#     - https://www.alibabacloud.com/help/en/oos/developer-reference/api-oos-2019-06-01-listinstancepatchstates
#     - https://www.alibabacloud.com/help/en/oos/developer-reference/api-oos-2019-06-01-listinstancepatches
package ecsguard.ecs.patch_failed

deny contains f if {
	some i, ps in input.patch_states
	ps.FailedCount > 0
	f := {
		"pointer": sprintf("/patch_states/%d/FailedCount", [i]),
		"msg": sprintf("%d patch(es) failed to install on instance %s", [ps.FailedCount, ps.InstanceId]),
	}
}

# A plain ref tests absence: the loader guarantees an integer when present
# (two builtin calls per state cost more than the rest of the rule).
unknown contains f if {
	some i, ps in input.patch_states
	not ps.FailedCount
	f := {
		"pointer": sprintf("/patch_states/%d", [i]),
		"msg": sprintf("the patch state of instance %s has no FailedCount in the snapshot, whether patches failed cannot be judged", [ps.InstanceId]),
	}
}
