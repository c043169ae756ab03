# Which instances Auto Scaling manages. ECS-006, ECS-031 and ECS-034 leave
# them out; looking for Auto Scaling's tag among every instance's tags took
# each of them 0.4 s at 100k instances (one thread), so it is done here
# once (the engine judges rules that read the same library rules in one
# query: policies/README.md, Files and packages).
package ecsguard.lib.scaling

# The index of every instance that carries the tag Auto Scaling puts on the
# instances it creates.
tagged contains i if {
	some i, inst in input.instances
	some tag in inst.Tags
	tag.Key == "acs:autoscaling:scalingGroupId"
}

# The InstanceId of every instance some scaling group lists or that carries
# Auto Scaling's tag.
instance_ids := {si.InstanceId |
	some g in input.scaling_groups
	some si in g.scaling_instances
} | {inst.InstanceId |
	some i in tagged
	inst := input.instances[i]
}

# Regions where some scaling group's instance list was not collected: there,
# "in no scaling group" cannot be told from the lists alone.
regions_missing_members contains g.RegionId if {
	some g in input.scaling_groups
	not members_collected(g)
}

# Through a function: OPA moves `g.scaling_instances` out of an inline
# `not is_array(...)`, so a group without the field would count nowhere
# (policies/README.md, Writing Rego that both engines agree on).
members_collected(g) if is_array(g.scaling_instances)
