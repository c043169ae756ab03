# METADATA
# title: Scaling group is not attached to a classic load balancer
# description: >-
#   The scaling group has no classic load balancer (CLB) attached: no
#   LoadBalancerIds and no VServerGroups. Instances it adds receive no
#   traffic from a CLB and instances it removes are not drained from one, so
#   a serving group scales without its load balancer knowing. Groups that
#   serve from ALB or NLB server groups also fail here, as they do in Cloud
#   Config's template, which only counts CLBs; batch and worker groups that
#   take no inbound traffic fail too and can be waived.
# custom:
#   id: ESS-034
#   severity: low
#   resource_type: scaling_group
#   remediation:
#     text: >-
#       Attach the group's CLB (or its vServer groups) to the scaling group so
#       that instances are registered and deregistered as the group scales.
#     cli: aliyun ess AttachLoadBalancers --RegionId {RegionId} --ScalingGroupId {ScalingGroupId} --LoadBalancer.1 <lb-id>
#   references:
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-attachloadbalancers
#     - https://www.alibabacloud.com/help/en/auto-scaling/developer-reference/api-ess-2022-02-22-describescalinggroups
#   cloud_config: ess-scaling-group-attach-slb
package ecsguard.ess.no_load_balancer

deny contains f if {
	some i, g in input.scaling_groups
	g.LoadBalancerIds == []
	object.get(g, "VServerGroups", []) == []
	f := {
		"pointer": sprintf("/scaling_groups/%d/LoadBalancerIds", [i]),
		"msg": sprintf("scaling group %s has no classic load balancer attached", [label(g)]),
	}
}

unknown contains f if {
	some i, g in input.scaling_groups
	not g.LoadBalancerIds
	object.get(g, "VServerGroups", []) == []
	f := {
		"pointer": sprintf("/scaling_groups/%d", [i]),
		"msg": sprintf("scaling group %s has no LoadBalancerIds in the snapshot, whether a classic load balancer is attached cannot be judged", [label(g)]),
	}
}

# "asg-123 (name)", or just the id when the group has no name.
label(g) := concat("", [g.ScalingGroupId, " (", g.ScalingGroupName, ")"]) if {
	g.ScalingGroupName != ""
} else := g.ScalingGroupId
