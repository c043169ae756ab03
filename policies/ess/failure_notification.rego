# METADATA
# title: Scaling group does not report failed scaling activities
# description: >-
#   No notification configuration of the group covers
#   AUTOSCALING:SCALE_OUT_ERROR and AUTOSCALING:SCALE_IN_ERROR. When a
#   scale-out fails (no stock of the instance type, quota reached, vSwitch out
#   of addresses, image gone) or a scale-in fails, nobody is told: the group
#   stays below the capacity its rules asked for until someone looks at the
#   activity log.
# custom:
#   id: ESS-028
#   severity: medium
#   resource_type: scaling_group
#   requires: [notification_configurations]
#   remediation:
#     text: >-
#       Add a notification for AUTOSCALING:SCALE_OUT_ERROR and
#       AUTOSCALING:SCALE_IN_ERROR to CloudMonitor, or to an MNS topic or queue
#       that reaches the on-call team.
#     cli: aliyun ess CreateNotificationConfiguration --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --NotificationArn acs:ess:{RegionId}:<account-id>:cloudmonitor --NotificationTypes.1 AUTOSCALING:SCALE_OUT_ERROR --NotificationTypes.2 AUTOSCALING:SCALE_IN_ERROR
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-createnotificationconfiguration
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describenotificationconfigurations
package ecsguard.ess.failure_notification

failure_types := ["AUTOSCALING:SCALE_OUT_ERROR", "AUTOSCALING:SCALE_IN_ERROR"]

# What the bodies ask of a group, built once (helper calls per group cost
# more than the tests; Performance in policies/README.md): the failure
# types each group is notified of, as [group index, type] pairs, and the
# groups with a configuration whose types are unknown, which may cover what
# is missing.
notified := {[i, t] |
	ft := failure_types
	some i, g in input.scaling_groups
	some n in g.notification_configurations
	some t in n.NotificationTypes
	t in ft
}

undecided := {i |
	[ft, nt] := [failure_types, notified]
	some i, g in input.scaling_groups
	some n in g.notification_configurations
	# A plain ref tests absence: the loader guarantees the type when present.
	not n.NotificationTypes
	some t in ft
	not [i, t] in nt
}

# A group missing both types passes the tests twice, with one finding.
deny contains f if {
	[ft, nt, und] := [failure_types, notified, undecided]
	some i, g in input.scaling_groups
	g.notification_configurations
	some t in ft
	not [i, t] in nt
	not i in und
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has no notification for %s", [label(g), concat(" or ", [m | some m in ft; not [i, m] in nt])]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	# A plain ref tests absence: the loader guarantees the type when present.
	not g.notification_configurations
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has no notification_configurations in the snapshot, whether its failures are reported cannot be judged", [label(g)]),
	}
}

unknown contains f if {
	some i in undecided
	g := input.scaling_groups[i]
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("a notification configuration of scaling group %s has no NotificationTypes in the snapshot, whether its failures are reported cannot be judged", [label(g)]),
	}
}

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
