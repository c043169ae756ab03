# METADATA
# title: Instance was recently restarted or redeployed after a failure
# description: >-
#   A failure system event (EventType SystemFailure.* or InstanceFailure.*,
#   such as SystemFailure.Reboot after a host hardware fault) hit the
#   instance within the last window_days (default 30). The instance went
#   down without warning; check that what it runs came back (services,
#   mounts, cluster membership), and if failures repeat, replace it.
#   Pending events are ECS-012's finding.
# custom:
#   id: ECS-040
#   severity: low
#   resource_type: instance_event
#   remediation:
#     text: >-
#       Verify the workload recovered on the instance; enable automatic
#       recovery and health checks so a failed host is replaced without
#       help, and redeploy an instance that keeps failing (RedeployInstance).
#     cli: aliyun ecs RedeployInstance --InstanceId <instance-id>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeinstancehistoryevents
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-redeployinstance
package ecsguard.ecs.failure_event

# Bound once: `data.ecsguard.now_ns` read inside a loop or per finding
# costs a scan of the whole data tree each time (Performance in
# policies/README.md).
now_ns := data.ecsguard.now_ns

day_ns := 86400000000000

window_days := data.ecsguard.params.failure_event.window_days

pending := {"Scheduled", "Executing", "Inquiring"}

deny contains f if {
	some i, ev in input.instance_events
	failure_type(ev)
	not still_pending(ev)
	now_ns - time.parse_rfc3339_ns(ev.EventPublishTime) <= window_days * day_ns
	f := {
		"pointer": sprintf("/instance_events/%d/EventType/Name", [i]),
		"msg": sprintf("instance %s had system event %s (%s) published %s%s", [object.get(ev, "InstanceId", "(unnamed)"), ev.EventId, ev.EventType.Name, ev.EventPublishTime, reason(ev)]),
	}
}

unknown contains f if {
	some i, ev in input.instance_events
	not ev.EventType.Name
	f := {
		"pointer": sprintf("/instance_events/%d", [i]),
		"msg": sprintf("system event %s has no EventType in the snapshot, whether it was a failure cannot be judged", [ev.EventId]),
	}
}

unknown contains f if {
	some i, ev in input.instance_events
	failure_type(ev)
	not still_pending(ev)
	not ev.EventPublishTime
	f := {
		"pointer": sprintf("/instance_events/%d", [i]),
		"msg": sprintf("failure event %s has no EventPublishTime in the snapshot, whether it is recent cannot be judged", [ev.EventId]),
	}
}

# Through a helper: OPA drops a body whose `not ... in` reads an absent
# field, and an event without EventCycleStatus is not known to be pending.
still_pending(ev) if ev.EventCycleStatus.Name in pending

failure_type(ev) := true if {
	startswith(ev.EventType.Name, "SystemFailure.")
} else := true if {
	startswith(ev.EventType.Name, "InstanceFailure.")
}

reason(ev) := sprintf(": %s", [ev.Reason]) if {
	ev.Reason != ""
} else := ""
