# METADATA
# title: Instance has a pending system event
# description: >-
#   A system event (host maintenance, a failure reboot or redeploy, an
#   expiry or overdue stop) is scheduled, running, or waiting for your answer
#   (EventCycleStatus Scheduled, Executing or Inquiring). Unless handled
#   first, Alibaba Cloud restarts, redeploys or stops the instance at the
#   event's time (NotBefore), which is downtime for whatever it runs.
# custom:
#   id: ECS-012
#   severity: medium
#   resource_type: instance_event
#   remediation:
#     text: >-
#       Handle the event before NotBefore at a time that suits you: drain the
#       instance and restart or redeploy it yourself (that completes a
#       maintenance event early), answer an Inquiring event, or renew or top
#       up for an expiry or overdue event.
#   references:
#     - https://help.aliyun.com/en/ecs/developer-reference/api-ecs-2014-05-26-describeinstancehistoryevents
package ecsguard.ecs.pending_event

pending := {"Scheduled", "Executing", "Inquiring"}

deny contains f if {
	some i, ev in input.instance_events
	ev.EventCycleStatus.Name in pending
	f := {
		"pointer": sprintf("/instance_events/%d/EventCycleStatus/Name", [i]),
		"msg": sprintf("system event %s (%s) of %s is %s%s", [ev.EventId, event_type(ev), target(ev), ev.EventCycleStatus.Name, not_before(ev)]),
	}
}

unknown contains f if {
	some i, ev in input.instance_events
	not ev.EventCycleStatus.Name
	f := {
		"pointer": sprintf("/instance_events/%d", [i]),
		"msg": sprintf("system event %s of %s has no EventCycleStatus in the snapshot, whether it is pending cannot be judged", [ev.EventId, target(ev)]),
	}
}

event_type(ev) := ev.EventType.Name if {
	ev.EventType.Name != ""
} else := "type not reported"

target(ev) := sprintf("instance %s", [ev.InstanceId]) if {
	ev.InstanceId != ""
} else := "an unnamed resource"

not_before(ev) := sprintf(", not before %s", [ev.NotBefore]) if {
	ev.NotBefore != ""
} else := ""
