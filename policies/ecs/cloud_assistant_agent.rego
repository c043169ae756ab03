# METADATA
# title: Cloud Assistant agent not running on a running instance
# description: >-
#   The instance is Running but its Cloud Assistant agent is not
#   (CloudAssistantStatus false). Commands, patching runs (OOS), file pushes
#   and Session Manager logins cannot reach the instance, so it silently
#   drops out of fleet-wide operations and emergency fixes.
# custom:
#   id: ECS-003
#   severity: medium
#   resource_type: instance
#   requires: [cloud_assistant]
#   remediation:
#     text: >-
#       Start the agent inside the instance (Linux: systemctl restart
#       aliyun.service; Windows: restart the AliyunService service), or
#       reinstall it with InstallCloudAssistant and restart the instance; then
#       check that the instance can reach the Cloud Assistant endpoints.
#     cli: aliyun ecs InstallCloudAssistant --RegionId {RegionId} --InstanceId.1 {InstanceId}
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describecloudassistantstatus
#     - https://www.alibabacloud.com/help/en/ecs/user-guide/overview-10
package ecsguard.ecs.cloud_assistant_agent

# Built once from the status records; the rule bodies bind the ones they
# need to a local before the loop, so an instance costs a local lookup (see
# Performance in policies/README.md).
agent_up := {s.InstanceId | some s in input.cloud_assistant; s.CloudAssistantStatus == true}

# InstanceId -> last heartbeat, for agents reported not running.
agent_down := {s.InstanceId: object.get(s, "LastHeartbeatTime", "not reported") |
	some s in input.cloud_assistant
	s.CloudAssistantStatus == false
}

# Records whose CloudAssistantStatus is absent or not a boolean.
status_unreported := {s.InstanceId |
	some s in input.cloud_assistant
	not s.CloudAssistantStatus == true
	not s.CloudAssistantStatus == false
}

deny contains agent_stopped(i, inst, heartbeat) if {
	down := agent_down
	some i, inst in input.instances
	heartbeat := down[inst.InstanceId]
	inst.Status == "Running"
}

# One pass: an instance whose agent is reported running is settled at the
# first lookup; only the others (a few in a healthy fleet) go on to find out
# why they cannot be judged, in `agent_unknown`.
unknown contains f if {
	up := agent_up
	some i, inst in input.instances
	not inst.InstanceId in up
	f := agent_unknown(i, inst)
}

# Without a Status the instance may be running: unknown (its agent is not
# reported up). A running instance: unknown when its record has no status,
# or when it has no record at all. Anything else is judged by `deny`.
agent_unknown(i, inst) := no_status(i, inst) if {
	not inst.Status
} else := status_missing(i, inst) if {
	inst.Status == "Running"
	inst.InstanceId in status_unreported
} else := no_record(i, inst) if {
	inst.Status == "Running"
	not agent_down[inst.InstanceId]
	not inst.InstanceId in status_unreported
}

# Each finding is built by one function that also spells the label out:
# "i-123 (name)" when the name is set and is not the id itself, else
# "i-123" (a second call for the label costs more than the rest of the
# finding; Performance in policies/README.md).
agent_stopped(i, inst, heartbeat) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("running instance %s (%s) has its Cloud Assistant agent not running (last heartbeat %s)", [inst.InstanceId, inst.InstanceName, heartbeat]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("running instance %s has its Cloud Assistant agent not running (last heartbeat %s)", [inst.InstanceId, heartbeat]),
}

no_record(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("running instance %s (%s) has no Cloud Assistant status record in the snapshot, its agent cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("running instance %s has no Cloud Assistant status record in the snapshot, its agent cannot be judged", [inst.InstanceId]),
}

status_missing(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("the Cloud Assistant record of running instance %s (%s) has no CloudAssistantStatus, its agent cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("the Cloud Assistant record of running instance %s has no CloudAssistantStatus, its agent cannot be judged", [inst.InstanceId]),
}

no_status(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s (%s) has no Status in the snapshot, whether its Cloud Assistant agent must run cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no Status in the snapshot, whether its Cloud Assistant agent must run cannot be judged", [inst.InstanceId]),
}
