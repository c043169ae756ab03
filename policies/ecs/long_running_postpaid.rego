# METADATA
# title: Pay-as-you-go instance has run for a long time
# description: >-
#   The pay-as-you-go, non-spot instance is Running and was created more
#   than max_days (default 30) before the snapshot. Capacity that runs
#   steadily for months costs noticeably more pay-as-you-go than on a
#   subscription or with savings plans. Instances that Auto Scaling created
#   (tag acs:autoscaling:scalingGroupId) and spot instances are left out,
#   since their count is meant to change; Cloud Config's
#   ecs-long-time-post-paid-check judges those too.
# custom:
#   id: ECS-034
#   severity: low
#   resource_type: instance
#   remediation:
#     text: >-
#       If the instance is going to keep running, switch it to subscription
#       (ModifyInstanceChargeType) or cover it with a savings plan or
#       reserved instances; otherwise release it when it is no longer needed.
#     cli: aliyun ecs ModifyInstanceChargeType --RegionId {RegionId} --InstanceIds '["{InstanceId}"]' --InstanceChargeType PrePaid --Period 1 --PeriodUnit Month
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstancechargetype
#   cloud_config: ecs-long-time-post-paid-check
package ecsguard.ecs.long_running_postpaid

# Bound once: `data.ecsguard.now_ns` read inside a loop or per finding
# costs a scan of the whole data tree each time (Performance in
# policies/README.md).
now_ns := data.ecsguard.now_ns

day_ns := 86400000000000

max_days := data.ecsguard.params.long_running_postpaid.max_days

# Computed once: an instance is too old when created before cutoff_ns, and
# the set of instances Auto Scaling created, by index. The loops below bind
# them to locals and spend only field tests and one time parse per
# candidate; findings are built in the head (Performance in
# policies/README.md).
cutoff_ns := now_ns - max_days * day_ns

# The instances Auto Scaling created, by index (policies/lib/scaling.rego).
scaled := data.ecsguard.lib.scaling.tagged

deny contains long_running(i, inst) if {
	[cutoff, sc] := [cutoff_ns, scaled]
	some i, inst in input.instances
	inst.InstanceChargeType == "PostPaid"
	inst.Status == "Running"
	inst.SpotStrategy == "NoSpot"
	time.parse_rfc3339_ns(inst.CreationTime) < cutoff
	not i in sc
}

unknown contains missing(i, inst, "CreationTime") if {
	sc := scaled
	some i, inst in input.instances
	not inst.CreationTime
	inst.InstanceChargeType == "PostPaid"
	inst.Status == "Running"
	not inst.SpotStrategy == "SpotWithPriceLimit"
	not inst.SpotStrategy == "SpotAsPriceGo"
	not i in sc
}

unknown contains missing(i, inst, "SpotStrategy") if {
	sc := scaled
	some i, inst in input.instances
	not inst.SpotStrategy
	inst.InstanceChargeType == "PostPaid"
	inst.Status == "Running"
	not i in sc
}

# Built by one function that also spells the label out: "i-123 (name)"
# when the name is set and is not the id itself, else "i-123" (a second
# call for the label costs more than the rest of the finding).
long_running(i, inst) := {
	"pointer": sprintf("/instances/%d/InstanceChargeType", [i]),
	"msg": sprintf("pay-as-you-go instance %s (%s) has run since %s, %d days (limit %d days)", [inst.InstanceId, inst.InstanceName, inst.CreationTime, floor((now_ns - time.parse_rfc3339_ns(inst.CreationTime)) / day_ns), max_days]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d/InstanceChargeType", [i]),
	"msg": sprintf("pay-as-you-go instance %s has run since %s, %d days (limit %d days)", [inst.InstanceId, inst.CreationTime, floor((now_ns - time.parse_rfc3339_ns(inst.CreationTime)) / day_ns), max_days]),
}

missing(i, inst, field) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("running pay-as-you-go instance %s has no %s in the snapshot, whether it has run pay-as-you-go for long cannot be judged", [label(inst), field]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
