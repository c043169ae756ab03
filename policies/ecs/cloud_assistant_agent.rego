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

# Built once from the status records; each rule body binds the one it needs
# to a local before its loop, so an instance costs a local lookup (see
# Performance in policies/README.md).
agent_up := {s.InstanceId | some s in input.cloud_assistant; s.CloudAssistantStatus == true}

# InstanceId -> last heartbeat, for agents reported not running.
agent_down := {s.InstanceId: object.get(s, "LastHeartbeatTime", "not reported") |
	some s in input.cloud_assistant
	s.CloudAssistantStatus == false
}

has_record := {s.InstanceId | some s in input.cloud_assistant}

# Records whose CloudAssistantStatus is absent or not a boolean.
status_unreported := {s.InstanceId |
	some s in input.cloud_assistant
	not s.CloudAssistantStatus == true
	not s.CloudAssistantStatus == false
}

deny contains f if {
	down := agent_down
	some i, inst in input.instances
	inst.Status == "Running"
	heartbeat := down[inst.InstanceId]
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("running instance %s has its Cloud Assistant agent not running (last heartbeat %s)", [label(inst), heartbeat]),
	}
}

unknown contains f if {
	recorded := has_record
	some i, inst in input.instances
	inst.Status == "Running"
	not inst.InstanceId in recorded
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("running instance %s has no Cloud Assistant status record in the snapshot, its agent cannot be judged", [label(inst)]),
	}
}

unknown contains f if {
	unreported := status_unreported
	some i, inst in input.instances
	inst.Status == "Running"
	inst.InstanceId in unreported
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("the Cloud Assistant record of running instance %s has no CloudAssistantStatus, its agent cannot be judged", [label(inst)]),
	}
}

# Without a Status the instance may be running: unknown unless the agent is up.
unknown contains f if {
	up := agent_up
	some i, inst in input.instances
	not inst.Status
	not inst.InstanceId in up
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no Status in the snapshot, whether its Cloud Assistant agent must run cannot be judged", [label(inst)]),
	}
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
