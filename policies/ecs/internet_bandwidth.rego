# METADATA
# title: Instance public bandwidth above the allowed maximum
# description: >-
#   The instance's outbound public bandwidth (InternetMaxBandwidthOut) is
#   above max_mbps (default 10 Mbit/s). Public bandwidth is billed, and a
#   compromised or misbehaving instance with a wide pipe can run up traffic
#   costs or take part in attacks at that rate. The cap should be a deliberate
#   choice: raise max_mbps for fleets that serve heavy public traffic.
#   Bandwidth of a bound EIP is set on the EIP and is not judged here.
# custom:
#   id: ECS-013
#   severity: low
#   resource_type: instance
#   remediation:
#     text: >-
#       Lower the instance's outbound public bandwidth to what it needs, or
#       serve heavy public traffic through a load balancer or CDN.
#     cli: aliyun ecs ModifyInstanceNetworkSpec --region {RegionId} --InstanceId {InstanceId} --InternetMaxBandwidthOut <mbps>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstancenetworkspec
#   cloud_config: ecs-internetmaxbandwidth-check
package ecsguard.ecs.internet_bandwidth

max_mbps := data.ecsguard.params.internet_bandwidth.max_mbps

# The limit is bound to a local before the loop, and each finding is built
# by one function that also spells the label out: "i-123 (name)" when the
# name is set and is not the id itself, else "i-123" (a second call for the
# label costs more than the rest of the finding; Performance in
# policies/README.md).
deny contains too_wide(i, inst, limit) if {
	limit := max_mbps
	some i, inst in input.instances
	inst.InternetMaxBandwidthOut > limit
}

# A validated snapshot holds a number or nothing here, so a plain ref tests
# what is_number would, without a call per instance.
unknown contains bandwidth_unreported(i, inst) if {
	some i, inst in input.instances
	not inst.InternetMaxBandwidthOut
}

too_wide(i, inst, limit) := {
	"pointer": sprintf("/instances/%d/InternetMaxBandwidthOut", [i]),
	"msg": sprintf("instance %s (%s) has InternetMaxBandwidthOut %d Mbit/s (limit %d)", [inst.InstanceId, inst.InstanceName, inst.InternetMaxBandwidthOut, limit]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d/InternetMaxBandwidthOut", [i]),
	"msg": sprintf("instance %s has InternetMaxBandwidthOut %d Mbit/s (limit %d)", [inst.InstanceId, inst.InternetMaxBandwidthOut, limit]),
}

bandwidth_unreported(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s (%s) has no InternetMaxBandwidthOut in the snapshot, its public bandwidth cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no InternetMaxBandwidthOut in the snapshot, its public bandwidth cannot be judged", [inst.InstanceId]),
}
