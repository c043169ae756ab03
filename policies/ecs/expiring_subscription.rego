# METADATA
# title: Subscription instance expires soon
# description: >-
#   The subscription (PrePaid) instance expires within min_days_left days
#   (default 30) of the snapshot, or has already expired. When a
#   subscription lapses the instance is stopped and, after the retention
#   period, released with its disks. The snapshot does not hold the
#   auto-renewal setting, so an instance set to auto-renew is reported too,
#   as Cloud Config's rule does.
# custom:
#   id: ECS-010
#   severity: high
#   resource_type: instance
#   remediation:
#     text: >-
#       Renew the subscription (or turn on auto-renewal), or move the workload
#       off the instance before it expires.
#     cli: aliyun ecs RenewInstance --region {RegionId} --InstanceId {InstanceId} --Period 1 --PeriodUnit Month
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-renewinstance
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstanceautorenewattribute
#     - https://www.alibabacloud.com/help/en/cloud-config/latest/ecs-instance-expired-check
#   cloud_config: ecs-instance-expired-check
package ecsguard.ecs.expiring_subscription

# Bound once: `data.ecsguard.now_ns` read inside a loop or per finding
# costs a scan of the whole data tree each time (Performance in
# policies/README.md).
now_ns := data.ecsguard.now_ns

day_ns := 86400000000000

min_days_left := data.ecsguard.params.expiring_subscription.min_days_left

# Expiring means an ExpiredTime before cutoff_ns, computed once and bound
# to a local before the loops; each finding is built by one function that
# also spells the label out: "i-123 (name)" when the name is set and is not
# the id itself, else "i-123" (Performance in policies/README.md).
cutoff_ns := now_ns + min_days_left * day_ns

deny contains expiring(i, inst) if {
	cutoff := cutoff_ns
	some i, inst in input.instances
	inst.InstanceChargeType == "PrePaid"
	time.parse_rfc3339_ns(inst.ExpiredTime) < cutoff
}

unknown contains no_expiry(i, inst) if {
	some i, inst in input.instances
	inst.InstanceChargeType == "PrePaid"
	not inst.ExpiredTime
}

unknown contains no_charge_type(i, inst) if {
	cutoff := cutoff_ns
	some i, inst in input.instances
	not inst.InstanceChargeType
	time.parse_rfc3339_ns(inst.ExpiredTime) < cutoff
}

expiring(i, inst) := {
	"pointer": sprintf("/instances/%d/ExpiredTime", [i]),
	"msg": sprintf("subscription instance %s (%s) %s (limit %d days)", [inst.InstanceId, inst.InstanceName, when(inst.ExpiredTime), min_days_left]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d/ExpiredTime", [i]),
	"msg": sprintf("subscription instance %s %s (limit %d days)", [inst.InstanceId, when(inst.ExpiredTime), min_days_left]),
}

no_expiry(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("subscription instance %s (%s) has no ExpiredTime in the snapshot, its expiry cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("subscription instance %s has no ExpiredTime in the snapshot, its expiry cannot be judged", [inst.InstanceId]),
}

no_charge_type(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s (%s) has ExpiredTime %s but no InstanceChargeType in the snapshot, whether it is a subscription about to expire cannot be judged", [inst.InstanceId, inst.InstanceName, inst.ExpiredTime]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has ExpiredTime %s but no InstanceChargeType in the snapshot, whether it is a subscription about to expire cannot be judged", [inst.InstanceId, inst.ExpiredTime]),
}

when(expired) := sprintf("expired at %s", [expired]) if {
	time.parse_rfc3339_ns(expired) <= now_ns
} else := sprintf("expires at %s, in %d days", [expired, floor((time.parse_rfc3339_ns(expired) - now_ns) / day_ns)])
