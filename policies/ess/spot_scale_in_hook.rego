# METADATA
# title: Spot scaling group has no scale-in lifecycle hook
# description: >-
#   The scaling group launches spot (preemptible) instances but has no active
#   SCALE_IN lifecycle hook. Instances it removes, on scale-in or when it
#   replaces a spot instance that is about to be reclaimed, go away with no
#   pause to drain connections, deregister or flush state, so in-flight work
#   is lost.
# custom:
#   id: ESS-002
#   severity: medium
#   resource_type: scaling_group
#   requires: [scaling_configurations, lifecycle_hooks]
#   remediation:
#     text: >-
#       Create a SCALE_IN lifecycle hook whose notification (MNS topic or
#       queue, or an OOS template) runs the graceful-shutdown steps and then
#       completes the lifecycle action, and turn on SpotInstanceRemedy so that
#       spot instances about to be reclaimed are replaced and removed through
#       that hook.
#     cli: aliyun ess CreateLifecycleHook --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --LifecycleHookName graceful-scale-in --LifecycleTransition SCALE_IN --DefaultResult CONTINUE --HeartbeatTimeout 300
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-createlifecyclehook
#     - https://www.alibabacloud.com/help/en/auto-scaling/user-guide/manage-lifecycle-hooks
#     - https://alibabacloud.com/help/en/auto-scaling/use-cases/cost-reduction-by-using-preemptible-instances
package ecsguard.ess.spot_scale_in_hook

spot_strategies := {"SpotWithPriceLimit", "SpotAsPriceGo"}

deny contains f if {
	some i, g in input.scaling_groups
	uses_spot(g)
	hooks_collected(g)
	not has_scale_in_hook(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s launches spot instances but has no active SCALE_IN lifecycle hook", [label(g)]),
	}
}

# Spot capacity, but the hooks were not collected for this group.
unknown contains f if {
	some i, g in input.scaling_groups
	uses_spot(g)
	not hooks_collected(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s launches spot instances but its lifecycle_hooks are not in the snapshot", [label(g)]),
	}
}

# No scale-in hook, and whether the group runs spot cannot be told.
unknown contains f if {
	some i, g in input.scaling_groups
	not uses_spot(g)
	not has_scale_in_hook(g)
	some reason in spot_undecided(g)
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has no active SCALE_IN lifecycle hook and %s, so whether it runs spot cannot be judged", [label(g), reason]),
	}
}

# A configuration the group launches from: the Active one, or the one named
# by ActiveScalingConfigurationId.
active(g, c) if c.LifecycleState == "Active"

active(g, c) if c.ScalingConfigurationId == g.ActiveScalingConfigurationId

has_active_config(g) if {
	some c in g.scaling_configurations
	active(g, c)
}

uses_spot(g) if {
	some c in g.scaling_configurations
	active(g, c)
	c.SpotStrategy in spot_strategies
}

# The group holds spot instances right now, whatever launched them.
uses_spot(g) if g.SpotCapacity > 0

# A hook without LifecycleHookStatus predates disabling hooks: it is active.
has_scale_in_hook(g) if {
	some h in g.lifecycle_hooks
	h.LifecycleTransition == "SCALE_IN"
	object.get(h, "LifecycleHookStatus", "Active") == "Active"
}

spot_undecided(g) := {reason |
	not configs_collected(g)
	reason := "its scaling_configurations are not in the snapshot"
} | {reason |
	some c in g.scaling_configurations
	active(g, c)
	not c.SpotStrategy
	reason := sprintf("active scaling configuration %s has no SpotStrategy", [c.ScalingConfigurationId])
} | {reason |
	configs_collected(g)
	not has_active_config(g)
	object.get(g, "LaunchTemplateId", "") != ""
	reason := sprintf("it launches from launch template %s, which the snapshot does not hold", [g.LaunchTemplateId])
}

# Whether a nested list was collected for the group. (Kept as rules: OPA
# evaluates `not is_array(g.x)` as undefined, not true, when g.x is absent.)
hooks_collected(g) if is_array(g.lifecycle_hooks)

configs_collected(g) if is_array(g.scaling_configurations)

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
