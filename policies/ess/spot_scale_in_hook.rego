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

# What the bodies ask of a group, computed once as sets of group indexes:
# per group, helper calls in every body cost more than all their tests
# (Performance in policies/README.md).
#
# Groups that run spot: an active configuration (the Active one, or the one
# named by ActiveScalingConfigurationId) launches spot, or the group holds
# spot instances now, whatever launched them.
spot_groups := {i |
	spot := spot_strategies
	some i, g in input.scaling_groups
	some c in g.scaling_configurations
	c.SpotStrategy in spot
	c.LifecycleState == "Active"
} | {i |
	spot := spot_strategies
	some i, g in input.scaling_groups
	some c in g.scaling_configurations
	c.SpotStrategy in spot
	c.ScalingConfigurationId == g.ActiveScalingConfigurationId
} | {i | some i, g in input.scaling_groups; g.SpotCapacity > 0}

# Groups with an active SCALE_IN hook. A hook without LifecycleHookStatus
# predates disabling hooks: it is active.
hooked_groups := {i |
	some i, g in input.scaling_groups
	some h in g.lifecycle_hooks
	h.LifecycleTransition == "SCALE_IN"
	h.LifecycleHookStatus == "Active"
} | {i |
	some i, g in input.scaling_groups
	some h in g.lifecycle_hooks
	h.LifecycleTransition == "SCALE_IN"
	not h.LifecycleHookStatus
}

# `g.lifecycle_hooks` is tested as a plain ref: the loader guarantees an
# array when present.
deny contains f if {
	[sp, hooked] := [spot_groups, hooked_groups]
	some i, g in input.scaling_groups
	i in sp
	not i in hooked
	g.lifecycle_hooks
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s launches spot instances but has no active SCALE_IN lifecycle hook", [label(g)]),
	}
}

# Spot capacity, but the hooks were not collected for this group.
unknown contains f if {
	sp := spot_groups
	some i, g in input.scaling_groups
	not g.lifecycle_hooks
	i in sp
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s launches spot instances but its lifecycle_hooks are not in the snapshot", [label(g)]),
	}
}

# No scale-in hook, and whether the group runs spot cannot be told: one
# body per reason, the rare missing data tested first.
unknown contains spot_undecided(i, g, "its scaling_configurations are not in the snapshot") if {
	[sp, hooked] := [spot_groups, hooked_groups]
	some i, g in input.scaling_groups
	not g.scaling_configurations
	not i in sp
	not i in hooked
}

unknown contains spot_undecided(i, g, sprintf("active scaling configuration %s has no SpotStrategy", [c.ScalingConfigurationId])) if {
	[sp, hooked] := [spot_groups, hooked_groups]
	some i, g in input.scaling_groups
	some c in g.scaling_configurations
	not c.SpotStrategy
	active(g, c)
	not i in sp
	not i in hooked
}

unknown contains spot_undecided(i, g, sprintf("it launches from launch template %s, which the snapshot does not hold", [g.LaunchTemplateId])) if {
	[sp, hooked] := [spot_groups, hooked_groups]
	some i, g in input.scaling_groups
	g.LaunchTemplateId != ""
	g.scaling_configurations
	not has_active_config(g)
	not i in sp
	not i in hooked
}

spot_undecided(i, g, reason) := {
	"pointer": sprintf("/scaling_groups/%d", [i]),
	"msg": sprintf("scaling group %s has no active SCALE_IN lifecycle hook and %s, so whether it runs spot cannot be judged", [label(g), reason]),
}

# A configuration the group launches from: the Active one, or the one named
# by ActiveScalingConfigurationId.
active(g, c) if c.LifecycleState == "Active"

active(g, c) if c.ScalingConfigurationId == g.ActiveScalingConfigurationId

has_active_config(g) if {
	some c in g.scaling_configurations
	active(g, c)
}

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
