# METADATA
# title: Instance public IP is billed by traffic
# description: >-
#   The instance has a static public IP address (PublicIpAddress) billed by
#   traffic (InternetChargeType PayByTraffic). Its outbound bill follows
#   whatever leaves the instance, so a traffic spike, a misbehaving client
#   or a compromised host doing bulk transfers shows up as an unbounded
#   cost; pay-by-bandwidth caps it at the bandwidth bought. EIPs carry their
#   own billing and are not judged.
# custom:
#   id: ECS-035
#   severity: medium
#   resource_type: instance
#   remediation:
#     text: >-
#       Switch the instance's public bandwidth to pay-by-bandwidth, or keep
#       pay-by-traffic deliberately with a low InternetMaxBandwidthOut cap
#       and a CloudMonitor alert on outbound traffic.
#     cli: aliyun ecs ModifyInstanceNetworkSpec --RegionId {RegionId} --InstanceId {InstanceId} --NetworkChargeType PayByBandwidth
#   references:
#     - https://www.alibabacloud.com/help/en/cloud-config/latest/ecs-internet-charge-type-check
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstancenetworkspec
#   cloud_config: ecs-internet-charge-type-check
package ecsguard.ecs.internet_charge_type

deny contains f if {
	some i, inst in input.instances
	inst.InternetChargeType == "PayByTraffic"
	has_public_ip(inst)
	f := {
		"pointer": sprintf("/instances/%d/InternetChargeType", [i]),
		"msg": sprintf("instance %s has public IP %s billed by traffic (InternetChargeType PayByTraffic)", [label(inst), concat(", ", sort([ip | some ip in inst.PublicIpAddress; ip != ""]))]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	has_public_ip(inst)
	not inst.InternetChargeType
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has a public IP but no InternetChargeType in the snapshot, how its traffic is billed cannot be judged", [label(inst)]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	inst.InternetChargeType == "PayByTraffic"
	not inst.PublicIpAddress
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s is billed by traffic but has no PublicIpAddress in the snapshot, whether it has a public IP cannot be judged", [label(inst)]),
	}
}

has_public_ip(inst) if {
	some ip in inst.PublicIpAddress
	ip != ""
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
