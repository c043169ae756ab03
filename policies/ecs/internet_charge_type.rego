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

# Plain field tests per instance, the rarer first; "has a public IP" is
# spelled out in the bodies (an instance with several addresses gives the
# same finding once per address). Each finding is built by one function
# that also spells the label out: "i-123 (name)" when the name is set and
# is not the id itself, else "i-123" (a helper call per instance, or a
# second one for the label, costs more than the rest of the finding;
# Performance in policies/README.md).
deny contains billed_by_traffic(i, inst) if {
	some i, inst in input.instances
	inst.InternetChargeType == "PayByTraffic"
	some ip in inst.PublicIpAddress
	ip != ""
}

unknown contains charge_type_unreported(i, inst) if {
	some i, inst in input.instances
	not inst.InternetChargeType
	some ip in inst.PublicIpAddress
	ip != ""
}

unknown contains addresses_unreported(i, inst) if {
	some i, inst in input.instances
	inst.InternetChargeType == "PayByTraffic"
	not inst.PublicIpAddress
}

billed_by_traffic(i, inst) := {
	"pointer": sprintf("/instances/%d/InternetChargeType", [i]),
	"msg": sprintf("instance %s (%s) has public IP %s billed by traffic (InternetChargeType PayByTraffic)", [inst.InstanceId, inst.InstanceName, concat(", ", sort([ip | some ip in inst.PublicIpAddress; ip != ""]))]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d/InternetChargeType", [i]),
	"msg": sprintf("instance %s has public IP %s billed by traffic (InternetChargeType PayByTraffic)", [inst.InstanceId, concat(", ", sort([ip | some ip in inst.PublicIpAddress; ip != ""]))]),
}

charge_type_unreported(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s (%s) has a public IP but no InternetChargeType in the snapshot, how its traffic is billed cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has a public IP but no InternetChargeType in the snapshot, how its traffic is billed cannot be judged", [inst.InstanceId]),
}

addresses_unreported(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s (%s) is billed by traffic but has no PublicIpAddress in the snapshot, whether it has a public IP cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s is billed by traffic but has no PublicIpAddress in the snapshot, whether it has a public IP cannot be judged", [inst.InstanceId]),
}
