# METADATA
# title: Cloud Assistant agent is older than the accepted version
# description: >-
#   The instance's Cloud Assistant agent (CloudAssistantVersion) is older
#   than min_version. Old agents miss fixes and features that commands,
#   Session Manager and OOS patching rely on, and an agent that stopped
#   upgrading itself usually has its automatic upgrade blocked. Versions are
#   compared part by part as numbers.
# custom:
#   id: ECS-032
#   severity: low
#   resource_type: cloud_assistant_status
#   remediation:
#     text: >-
#       Upgrade the agent (reinstall it with InstallCloudAssistant, or update
#       it inside the instance), and make sure its automatic upgrade can reach
#       the update endpoints.
#     cli: aliyun ecs InstallCloudAssistant --RegionId {RegionId} --InstanceId.1 {InstanceId}
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describecloudassistantstatus
#     - https://www.alibabacloud.com/help/en/ecs/user-guide/overview-10
package ecsguard.ecs.cloud_assistant_version

min_version := data.ecsguard.params.cloud_assistant_version.min_version

min_key := version_key(min_version)

# Each distinct version is parsed once; judging a record is one lookup.
versions := {s.CloudAssistantVersion | some s in input.cloud_assistant}

old_versions := {v |
	some v in versions
	version_key(v) < min_key
}

readable_versions := {v |
	some v in versions
	version_key(v)
}

# The version sets are bound to locals before the loops: a rule or builtin
# call per record costs more than the rest of the rule (Performance in
# policies/README.md).
deny contains f if {
	old := old_versions
	some i, s in input.cloud_assistant
	s.CloudAssistantVersion in old
	f := {
		"pointer": sprintf("/cloud_assistant/%d/CloudAssistantVersion", [i]),
		"msg": sprintf("the Cloud Assistant agent of instance %s is version %s, older than %s", [s.InstanceId, s.CloudAssistantVersion, min_version]),
	}
}

# No version, or one that does not parse: one body each.
unknown contains unreadable(i, s) if {
	some i, s in input.cloud_assistant
	not s.CloudAssistantVersion
}

unknown contains unreadable(i, s) if {
	readable := readable_versions
	some i, s in input.cloud_assistant
	v := s.CloudAssistantVersion
	not v in readable
}

unreadable(i, s) := {
	"pointer": sprintf("/cloud_assistant/%d", [i]),
	"msg": sprintf("the Cloud Assistant record of instance %s has no readable CloudAssistantVersion in the snapshot, its agent version cannot be judged", [s.InstanceId]),
}

# "2.2.3.857" -> zero-padded parts, at least four, so that comparing two
# keys as strings compares the versions part by part.
version_key(v) := concat(".", [sprintf("%010d", [to_number(p)]) | some p in padded]) if {
	regex.match("^[0-9]+([.][0-9]+)*$", v)
	parts := split(v, ".")
	padded := array.slice(array.concat(parts, ["0", "0", "0"]), 0, max([4, count(parts)]))
}
