# METADATA
# title: Cloud Assistant agent reported running but has gone silent
# description: >-
#   The Cloud Assistant record says the agent runs (CloudAssistantStatus
#   true), but its last heartbeat is more than max_hours (default 24) before
#   the snapshot. The agent is wedged, or the instance lost its route to the
#   Cloud Assistant endpoints: commands, patch runs and Session Manager
#   logins sent to it will hang or fail, although every dashboard shows it
#   healthy. Agents reported not running are ECS-003's finding.
# custom:
#   id: ECS-017
#   severity: medium
#   resource_type: cloud_assistant_status
#   remediation:
#     text: >-
#       Check that the instance can reach the Cloud Assistant endpoints
#       (security group egress, DNS, routes), then restart the agent inside it
#       (Linux: systemctl restart aliyun.service; Windows: restart the
#       AliyunService service) or reinstall it.
#     cli: aliyun ecs InstallCloudAssistant --RegionId {RegionId} --InstanceId.1 {InstanceId}
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describecloudassistantstatus
#     - https://www.alibabacloud.com/help/en/ecs/user-guide/overview-10
package ecsguard.ecs.cloud_assistant_heartbeat

# Bound once: `data.ecsguard.now_ns` read inside a loop or per finding
# costs a scan of the whole data tree each time (Performance in
# policies/README.md).
now_ns := data.ecsguard.now_ns

hour_ns := 3600000000000

max_hours := data.ecsguard.params.cloud_assistant_heartbeat.max_hours

# Silent for longer than max_hours means a last heartbeat before cutoff_ns,
# computed once and bound to a local before the loop; the finding is built
# in the head (Performance in policies/README.md).
cutoff_ns := now_ns - max_hours * hour_ns

deny contains silent_agent(i, s) if {
	cutoff := cutoff_ns
	some i, s in input.cloud_assistant
	s.CloudAssistantStatus == true
	time.parse_rfc3339_ns(s.LastHeartbeatTime) < cutoff
}

silent_agent(i, s) := {
	"pointer": sprintf("/cloud_assistant/%d/LastHeartbeatTime", [i]),
	"msg": sprintf("the Cloud Assistant agent of instance %s is reported running but last sent a heartbeat at %s, %d hours ago (limit %d hours)", [s.InstanceId, s.LastHeartbeatTime, floor(silent / hour_ns), max_hours]),
} if {
	silent := now_ns - time.parse_rfc3339_ns(s.LastHeartbeatTime)
}

unknown contains f if {
	some i, s in input.cloud_assistant
	s.CloudAssistantStatus == true
	not s.LastHeartbeatTime
	f := {
		"pointer": sprintf("/cloud_assistant/%d", [i]),
		"msg": sprintf("the Cloud Assistant record of instance %s has no LastHeartbeatTime in the snapshot, whether its agent is alive cannot be judged", [s.InstanceId]),
	}
}
