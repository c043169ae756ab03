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

deny contains f if {
	some i, inst in input.instances
	inst.Status == "Running"
	not inst.InstanceId in scanned
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("running instance %s has no OOS patch state: its patch level is unknown to Patch Manager", [label(inst)]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	not inst.Status
	not inst.InstanceId in scanned
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no patch state and no Status in the snapshot, whether it should have been scanned cannot be judged", [label(inst)]),
	}
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
