package ecsguard.ecs.failure_event_test

# 2025-01-01T00:00:00Z
now := 1735689600000000000

event(fields) := object.union({"EventId": "e-1", "RegionId": "cn-hangzhou", "InstanceId": "i-1", "EventType": {"Code": 65, "Name": "SystemFailure.Reboot"}, "EventCycleStatus": {"Code": 0, "Name": "Executed"}, "EventPublishTime": "2024-12-20T00:00:00Z", "Reason": "host failure"}, fields)

deny_pointers(events) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.failure_event.deny with input as {"instance_events": events}
		with data.ecsguard.now_ns as now
}

unknown_pointers(events) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.failure_event.unknown with input as {"instance_events": events}
		with data.ecsguard.now_ns as now
}

test_recent_failure_is_denied if {
	events := [event({})]
	deny_pointers(events) == {"/instance_events/0/EventType/Name"}
	count(unknown_pointers(events)) == 0
}

test_instance_failure_is_denied if {
	deny_pointers([event({"EventType": {"Name": "InstanceFailure.Reboot"}})]) == {"/instance_events/0/EventType/Name"}
}

test_message_gives_event_and_reason if {
	findings := data.ecsguard.ecs.failure_event.deny with input as {"instance_events": [event({})]}
		with data.ecsguard.now_ns as now
	{f.msg | some f in findings} == {"instance i-1 had system event e-1 (SystemFailure.Reboot) published 2024-12-20T00:00:00Z: host failure"}
}

test_message_without_reason_or_instance if {
	findings := data.ecsguard.ecs.failure_event.deny with input as {"instance_events": [object.remove(event({}), ["Reason", "InstanceId"])]}
		with data.ecsguard.now_ns as now
	{f.msg | some f in findings} == {"instance (unnamed) had system event e-1 (SystemFailure.Reboot) published 2024-12-20T00:00:00Z"}
}

test_old_pending_and_maintenance_events_pass if {
	events := [
		event({"EventPublishTime": "2024-10-01T00:00:00Z"}),
		event({"EventId": "e-2", "EventCycleStatus": {"Name": "Executing"}}),
		event({"EventId": "e-3", "EventType": {"Name": "SystemMaintenance.Reboot"}}),
	]
	count(deny_pointers(events)) == 0
	count(unknown_pointers(events)) == 0
}

test_window_is_a_parameter if {
	findings := data.ecsguard.ecs.failure_event.deny with input as {"instance_events": [event({})]}
		with data.ecsguard.now_ns as now
		with data.ecsguard.params.failure_event.window_days as 5
	count(findings) == 0
}

test_only_the_failure_is_denied if {
	events := [event({"EventType": {"Name": "InstanceExpiration.Stop"}}), event({"EventId": "e-2"})]
	deny_pointers(events) == {"/instance_events/1/EventType/Name"}
}

test_missing_fields_are_unknown_when_they_matter if {
	events := [object.remove(event({}), ["EventType"]), object.remove(event({"EventId": "e-2"}), ["EventPublishTime"]), object.remove(event({"EventId": "e-3", "EventType": {"Name": "SystemMaintenance.Reboot"}}), ["EventPublishTime"])]
	unknown_pointers(events) == {"/instance_events/0", "/instance_events/1"}
	count(deny_pointers(events)) == 0
}

test_failure_without_cycle_status_is_judged_in_both_engines if {
	# No EventCycleStatus: the failure still happened and is not known to
	# be pending. OPA must not drop the body on the absent field.
	events := [object.remove(event({}), ["EventCycleStatus"]), object.remove(event({"EventId": "e-2"}), ["EventCycleStatus", "EventPublishTime"])]
	deny_pointers(events) == {"/instance_events/0/EventType/Name"}
	unknown_pointers(events) == {"/instance_events/1"}
}
