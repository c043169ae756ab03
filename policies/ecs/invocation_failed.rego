# METADATA
# title: Cloud Assistant command invocation failed
# description: >-
#   A Cloud Assistant command run (DescribeInvocations) ended Failed or
#   PartialFailed, and it is recent (created within max_age_days, default 7)
#   or recurring (RepeatMode Period or EveryReboot, which fails again on
#   every run). Whatever the command does (rotating logs, deploying,
#   collecting diagnostics, hardening) did not happen on some instances,
#   and nobody may be watching the result.
# custom:
#   id: ECS-033
#   severity: medium
#   resource_type: invocation
#   remediation:
#     text: >-
#       Read the per-instance output and error codes (DescribeInvocationResults),
#       fix the cause (agent not running, script error, timeout), and run the
#       command again on the failed instances; stop recurring runs that can no
#       longer succeed.
#     cli: aliyun ecs DescribeInvocationResults --RegionId {RegionId} --InvokeId {InvokeId}
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeinvocations
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeinvocationresults
package ecsguard.ecs.invocation_failed

# Bound once: `data.ecsguard.now_ns` read inside a loop or per finding
# costs a scan of the whole data tree each time (Performance in
# policies/README.md).
now_ns := data.ecsguard.now_ns

day_ns := 86400000000000

max_age_days := data.ecsguard.params.invocation_failed.max_age_days

failed := {"Failed", "PartialFailed"}

recurring := {"Period", "EveryReboot"}

deny contains f if {
	some i, inv in input.invocations
	inv.InvocationStatus in failed
	current(inv)
	f := {
		"pointer": sprintf("/invocations/%d/InvocationStatus", [i]),
		"msg": sprintf("Cloud Assistant invocation %s of command %s is %s%s", [inv.InvokeId, command(inv), inv.InvocationStatus, failures(inv)]),
	}
}

unknown contains f if {
	some i, inv in input.invocations
	not inv.InvocationStatus
	f := {
		"pointer": sprintf("/invocations/%d", [i]),
		"msg": sprintf("Cloud Assistant invocation %s has no InvocationStatus in the snapshot, whether it failed cannot be judged", [inv.InvokeId]),
	}
}

unknown contains f if {
	some i, inv in input.invocations
	inv.InvocationStatus in failed
	# Through a helper: OPA drops a body whose `not ... in` reads an absent
	# field, and an absent RepeatMode is exactly when this must answer.
	not repeats(inv)
	not inv.CreationTime
	f := {
		"pointer": sprintf("/invocations/%d", [i]),
		"msg": sprintf("Cloud Assistant invocation %s is %s but has no CreationTime in the snapshot, whether it is recent cannot be judged", [inv.InvokeId, inv.InvocationStatus]),
	}
}

repeats(inv) if inv.RepeatMode in recurring

current(inv) := true if {
	repeats(inv)
} else := true if {
	now_ns - time.parse_rfc3339_ns(inv.CreationTime) <= max_age_days * day_ns
}

command(inv) := inv.CommandName if {
	inv.CommandName != ""
} else := object.get(inv, "CommandId", "(unnamed)")

# ": failed on i-1 (ClientNotRunning), i-2", or nothing when the per-instance
# results are not in the snapshot.
failures(inv) := concat("", [": failed on ", concat(", ", sort(bad))]) if {
	bad := {failure(ii) |
		some ii in inv.InvokeInstances
		ii.InvocationStatus in {"Failed", "Error", "Timeout"}
	}
	count(bad) > 0
} else := ""

failure(ii) := sprintf("%s (%s)", [ii.InstanceId, ii.ErrorCode]) if {
	ii.ErrorCode != ""
} else := ii.InstanceId
