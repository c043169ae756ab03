package ecsguard.ecs.pending_event_test

event(fields) := object.union({"EventId": "e-1", "RegionId": "cn-hangzhou", "InstanceId": "i-1", "EventType": {"Code": 1, "Name": "SystemMaintenance.Reboot"}, "EventCycleStatus": {"Code": 24, "Name": "Scheduled"}, "NotBefore": "2025-01-05T18:00:00Z"}, fields)

deny_pointers(events) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.pending_event.deny with input as {"instance_events": events}
}

unknown_pointers(events) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ecs.pending_event.unknown with input as {"instance_events": events}
}

test_scheduled_event_is_denied if {
	deny_pointers([event({})]) == {"/instance_events/0/EventCycleStatus/Name"}
	count(unknown_pointers([event({})])) == 0
}

test_executing_and_inquiring_events_are_denied if {
	events := [event({"EventCycleStatus": {"Name": "Executing"}}), event({"EventId": "e-2", "EventCycleStatus": {"Name": "Inquiring"}})]
	deny_pointers(events) == {"/instance_events/0/EventCycleStatus/Name", "/instance_events/1/EventCycleStatus/Name"}
}

test_message_gives_type_instance_and_time if {
	findings := data.ecsguard.ecs.pending_event.deny with input as {"instance_events": [event({})]}
	{f.msg | some f in findings} == {"system event e-1 (SystemMaintenance.Reboot) of instance i-1 is Scheduled, not before 2025-01-05T18:00:00Z"}
}

test_finished_events_pass if {
	events := [event({"EventCycleStatus": {"Name": "Executed"}}), event({"EventId": "e-2", "EventCycleStatus": {"Name": "Avoided"}}), event({"EventId": "e-3", "EventCycleStatus": {"Name": "Canceled"}})]
	count(deny_pointers(events)) == 0
	count(unknown_pointers(events)) == 0
}

test_only_the_pending_event_is_denied if {
	events := [event({"EventCycleStatus": {"Name": "Executed"}}), event({"EventId": "e-2"})]
	deny_pointers(events) == {"/instance_events/1/EventCycleStatus/Name"}
}

test_event_without_cycle_status_is_unknown if {
	events := [object.remove(event({}), ["EventCycleStatus"])]
	unknown_pointers(events) == {"/instance_events/0"}
	count(deny_pointers(events)) == 0
}
