# METADATA
# title: Running instance has no patch state
# description: >-
#   The instance is Running but OOS Patch Manager has no patch state for it
#   (no record in ListInstancePatchStates): it has never been scanned, or
#   its scans never reported back (often because its Cloud Assistant agent
#   is down). Nobody knows which patches it lacks, and the patch rules
#   (ECS-021 to ECS-024) cannot see it at all.
# custom:
#   id: ECS-025
#   severity: medium
#   resource_type: instance
#   requires: [patch_states]
#   remediation:
#     text: >-
#       Make sure the instance's Cloud Assistant agent runs, then include the
#       instance in a scheduled OOS patch scan (ACS-ECS-BulkyApplyPatchBaseline
#       with action scan) and check that its patch state appears.
#     cli: aliyun oos StartExecution --RegionId {RegionId} --TemplateName ACS-ECS-BulkyApplyPatchBaseline --Parameters '{"regionId":"{RegionId}","action":"scan","targets":{"ResourceIds":["{InstanceId}"],"RegionId":"{RegionId}","Type":"ResourceIds"}}'
#   references:
#     - https://www.alibabacloud.com/help/en/oos/developer-reference/api-oos-2019-06-01-listinstancepatchstates
package ecsguard.ecs.patch_unscanned

scanned := {ps.InstanceId | some ps in input.patch_states}

# The scanned set is bound to a local before each loop, and each finding
# is built by one function that also spells the label out: "i-123 (name)"
# when the name is set and is not the id itself, else "i-123" (a second
# call for the label costs more than the rest of the finding; Performance
# in policies/README.md).
deny contains unscanned(i, inst) if {
	sc := scanned
	some i, inst in input.instances
	inst.Status == "Running"
	not inst.InstanceId in sc
}

unknown contains no_status(i, inst) if {
	sc := scanned
	some i, inst in input.instances
	not inst.Status
	not inst.InstanceId in sc
}

unscanned(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("running instance %s (%s) has no OOS patch state: its patch level is unknown to Patch Manager", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("running instance %s has no OOS patch state: its patch level is unknown to Patch Manager", [inst.InstanceId]),
}

no_status(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s (%s) has no patch state and no Status in the snapshot, whether it should have been scanned cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no patch state and no Status in the snapshot, whether it should have been scanned cannot be judged", [inst.InstanceId]),
}
