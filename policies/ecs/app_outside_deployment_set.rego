# METADATA
# title: Copies of an application run outside a deployment set
# description: >-
#   Two or more instances outside any scaling group carry the same values
#   for the grouping tags (group_tags, default app and env) in one region,
#   and this one belongs to no deployment set (DeploymentSetId empty).
#   Without a deployment set nothing keeps the copies of a service off the
#   same physical host, so one host failure can take several of them at
#   once. Scaling groups are left out: they spread instances over zones
#   themselves and set deployment sets in their scaling configurations.
# custom:
#   id: ECS-031
#   severity: low
#   resource_type: instance
#   requires: [scaling_instances]
#   remediation:
#     text: >-
#       Create a deployment set with the Availability strategy and move the
#       group's instances into it (ModifyInstanceDeployment; the instance
#       must be stopped), or launch replacements into it.
#     cli: aliyun ecs ModifyInstanceDeployment --RegionId {RegionId} --InstanceId {InstanceId} --DeploymentSetId <deployment-set-id>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstancedeployment
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createdeploymentset
package ecsguard.ecs.app_outside_deployment_set

group_tags := data.ecsguard.params.app_outside_deployment_set.group_tags

min_instances := data.ecsguard.params.app_outside_deployment_set.min_instances

# Every instance some scaling group lists or that carries Auto Scaling's
# tag, and the regions where some scaling group's instance list was not
# collected (policies/lib/scaling.rego).
grouped := data.ecsguard.lib.scaling.instance_ids

regions_missing_members := data.ecsguard.lib.scaling.regions_missing_members

# The groups (policies/lib/app_groups.rego builds them once for the three
# rules that group instances into applications), less the instances of
# scaling groups. Everything below is computed once, and each loop binds
# the rules it reads to locals first; findings are built in the head, so
# the per-instance path is field tests and local lookups (Performance in
# policies/README.md).

# [group key, zone, index, InstanceId] of every standalone instance that is
# not stopped and carries every grouping tag, sorted: a group is a run of
# neighbours.
members := [m |
	in_group := grouped
	some m in data.ecsguard.lib.app_groups.members[group_tags]
	not m[3] in in_group
]

# [first, end) of each group's run in members. Findings are then made per
# group, not by looking every instance's group up.
groups := data.ecsguard.lib.app_groups.runs(data.ecsguard.lib.app_groups.group_starts(members), count(members))

# The index of every member of a group of at least min_instances.
crowded := cr if {
	[ms, gs, least] := [members, groups, min_instances]
	cr := [m[2] |
		some g in gs
		g[1] - g[0] >= least
		some m in array.slice(ms, g[0], g[1])
	]
}

deny contains outside(i, inst) if {
	[cr, unsure] := [crowded, regions_missing_members]
	some i in cr
	inst := input.instances[i]
	inst.DeploymentSetId == ""
	not inst.RegionId in unsure
}

unknown contains members_unknown(i, inst) if {
	[cr, unsure] := [crowded, regions_missing_members]
	some i in cr
	inst := input.instances[i]
	inst.DeploymentSetId == ""
	inst.RegionId in unsure
}

unknown contains no_deployment_set(i, inst) if {
	some i in crowded
	inst := input.instances[i]
	not inst.DeploymentSetId
}

unknown contains f if {
	in_group := grouped
	some i in data.ecsguard.lib.app_groups.untagged
	inst := input.instances[i]
	not inst.DeploymentSetId
	not inst.InstanceId in in_group
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has neither Tags nor DeploymentSetId in the snapshot, whether it runs outside a deployment set with copies of itself cannot be judged", [label(inst)]),
	}
}

unknown contains f if {
	in_group := grouped
	some i in data.ecsguard.lib.app_groups.untagged
	inst := input.instances[i]
	inst.DeploymentSetId == ""
	not inst.InstanceId in in_group
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s belongs to no deployment set and has no Tags in the snapshot, which instances it runs alongside cannot be judged", [label(inst)]),
	}
}

outside(i, inst) := {
	"pointer": sprintf("/instances/%d/DeploymentSetId", [i]),
	"msg": sprintf("instance %s is one of several instances tagged %s in %s and belongs to no deployment set", [label(inst), data.ecsguard.lib.app_groups.tag_text(group_tags, inst), inst.RegionId]),
}

members_unknown(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s belongs to no deployment set and to no collected scaling group, but some scaling groups of %s have no scaling_instances in the snapshot", [label(inst), inst.RegionId]),
}

no_deployment_set(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no DeploymentSetId in the snapshot, whether it is in a deployment set cannot be judged", [label(inst)]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
