# METADATA
# title: Scaling group health check does not match its load balancers
# description: >-
#   The group's health check and its load balancers disagree. Either ALB or
#   NLB server groups (AlbServerGroups, ServerGroups) are attached but the
#   LOAD_BALANCER health check is off, so an instance the load balancer has
#   taken out of rotation stays in service and counts as capacity; or the
#   LOAD_BALANCER health check is on while no load balancer of any kind is
#   attached, so it has no result to act on and failed instances are judged
#   by nothing else. (The LOAD_BALANCER check reads ALB and NLB server
#   groups; classic load balancers attached through LoadBalancerIds are not
#   required to have it.)
# custom:
#   id: ESS-016
#   severity: medium
#   resource_type: scaling_group
#   remediation:
#     text: >-
#       Enable both the ECS and the LOAD_BALANCER health checks on groups that
#       serve from ALB or NLB server groups, and keep only the ECS health
#       check on groups without a load balancer.
#     cli: aliyun ess ModifyScalingGroup --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --HealthCheckTypes.1 ECS --HealthCheckTypes.2 LOAD_BALANCER
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-modifyscalinggroup
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describescalinggroups
package ecsguard.ess.lb_health_check

# Load-balancer lists of a group: ALB/NLB server groups, and the classic ones.
server_group_fields := ["AlbServerGroups", "ServerGroups"]

classic_fields := ["LoadBalancerIds", "VServerGroups"]

lb_fields := array.concat(server_group_fields, classic_fields)

# What each body asks of a group, computed once as sets of group indexes
# instead of helper calls per group in every body; plain refs stand for
# count() and is_X() (the loader guarantees the types when present;
# Performance in policies/README.md).
#
# HealthCheckTypes decides when it lists anything; otherwise HealthCheckType.
lb_checked := {i | some i, g in input.scaling_groups; "LOAD_BALANCER" in g.HealthCheckTypes} | {i |
	some i, g in input.scaling_groups
	g.HealthCheckType == "LOAD_BALANCER"
	not g.HealthCheckTypes[0]
}

checks_known := {i | some i, g in input.scaling_groups; g.HealthCheckTypes[0]} | {i |
	some i, g in input.scaling_groups
	g.HealthCheckType
}

deny contains f if {
	[known, lb] := [checks_known, lb_checked]
	some i, g in input.scaling_groups
	i in known
	not i in lb
	some field in server_group_fields
	g[field] != []
	f := {
		"pointer": sprintf("/scaling_groups/%d/%s", [i, field]),
		"msg": sprintf("scaling group %s has %s attached but no LOAD_BALANCER health check: instances the load balancer finds unhealthy stay in service", [label(g), field]),
	}
}

deny contains f if {
	[lb, fields] := [lb_checked, lb_fields]
	some i, g in input.scaling_groups
	i in lb
	every field in fields {
		g[field] == []
	}
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has the LOAD_BALANCER health check on but no load balancer attached: that check has nothing to judge by", [label(g)]),
	}
}

# Without LOAD_BALANCER, unreported server-group lists may hide an
# attachment. A missing list is the rare, selective test, so it comes first;
# a group missing both gives the same finding twice.
unknown contains f if {
	[known, lb] := [checks_known, lb_checked]
	some i, g in input.scaling_groups
	some field in server_group_fields
	not g[field]
	i in known
	not i in lb
	not attached(g, server_group_fields)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has no LOAD_BALANCER health check and no %s in the snapshot, whether ALB or NLB server groups are attached cannot be judged", [label(g), concat(" or ", missing(g, server_group_fields))]),
	}
}

unknown contains f if {
	[lb, fields] := [lb_checked, lb_fields]
	some i, g in input.scaling_groups
	some field in fields
	not g[field]
	i in lb
	not attached(g, fields)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has the LOAD_BALANCER health check but no %s in the snapshot, whether a load balancer is attached cannot be judged", [label(g), concat(" or ", missing(g, fields))]),
	}
}

unknown contains f if {
	known := checks_known
	some i, g in input.scaling_groups
	not i in known
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has neither HealthCheckType nor HealthCheckTypes in the snapshot, whether its health check matches its load balancers cannot be judged", [label(g)]),
	}
}

attached(g, fields) if {
	some field in fields
	g[field] != []
}

missing(g, fields) := [field | some field in fields; not g[field]]

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
