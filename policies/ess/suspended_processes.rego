# METADATA
# title: Scaling group has suspended processes
# description: >-
#   Some of the group's processes are suspended (SuspendedProcesses lists
#   ScaleIn, ScaleOut, HealthCheck, AlarmNotification or ScheduledAction).
#   Suspensions are meant for the length of a maintenance window; left in
#   place, the group silently stops scaling, stops replacing unhealthy
#   instances, or ignores its alarms and schedules.
# custom:
#   id: ESS-009
#   severity: medium
#   resource_type: scaling_group
#   remediation:
#     text: >-
#       Resume the suspended processes once the maintenance that needed them
#       is over.
#     cli: aliyun ess ResumeProcesses --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --Processes.1 <process>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-resumeprocesses
package ecsguard.ess.suspended_processes

deny contains f if {
	some i, g in input.scaling_groups
	count(g.SuspendedProcesses) > 0
	f := {
		"pointer": sprintf("/scaling_groups/%d/SuspendedProcesses", [i]),
		"msg": sprintf("scaling group %s has suspended processes: %s", [label(g), concat(", ", g.SuspendedProcesses)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	not processes_reported(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has no SuspendedProcesses in the snapshot, whether its processes run cannot be judged", [label(g)]),
	}
}

processes_reported(g) if is_array(g.SuspendedProcesses)

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
