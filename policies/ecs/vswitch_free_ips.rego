# METADATA
# title: vSwitch is running out of private IP addresses
# description: >-
#   The vSwitch has fewer than min_free (default 16) private IP addresses
#   left (AvailableIpAddressCount). Every instance, ENI, container group
#   and scaling-group instance launched into it takes one or more, so
#   scale-outs and replacements in this vSwitch start failing with no free
#   address, typically during the traffic peak that triggered them.
# custom:
#   id: ECS-037
#   severity: medium
#   resource_type: vswitch
#   remediation:
#     text: >-
#       Add a larger vSwitch in the same zone (a vSwitch's CIDR block cannot
#       be grown) and attach it to the scaling groups and container workloads
#       that use this one; release idle ENIs and instances holding addresses.
#     cli: aliyun vpc CreateVSwitch --RegionId {RegionId} --ZoneId {ZoneId} --VpcId {VpcId} --CidrBlock <larger-cidr>
#   references:
#     - https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-describevswitches
#     - https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-createvswitch
package ecsguard.ecs.vswitch_free_ips

min_free := data.ecsguard.params.vswitch_free_ips.min_free

deny contains f if {
	some i, vsw in input.vswitches
	vsw.AvailableIpAddressCount < min_free
	f := {
		"pointer": sprintf("/vswitches/%d/AvailableIpAddressCount", [i]),
		"msg": sprintf("vSwitch %s in %s has %d free private IP address(es)%s (minimum %d)", [vsw.VSwitchId, vsw.ZoneId, vsw.AvailableIpAddressCount, cidr(vsw), min_free]),
	}
}

unknown contains f if {
	some i, vsw in input.vswitches
	# A plain ref tests absence: the loader guarantees the type when present.
	not vsw.AvailableIpAddressCount
	f := {
		"pointer": sprintf("/vswitches/%d", [i]),
		"msg": sprintf("vSwitch %s has no AvailableIpAddressCount in the snapshot, its free addresses cannot be judged", [vsw.VSwitchId]),
	}
}

cidr(vsw) := sprintf(" in %s", [vsw.CidrBlock]) if {
	vsw.CidrBlock != ""
} else := ""
