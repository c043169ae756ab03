# METADATA
# title: Instance is billed in a way that is not allowed
# description: >-
#   The instance's billing method (InstanceChargeType: PrePaid for
#   subscription, PostPaid for pay-as-you-go) is not one of
#   allowed_charge_types. Fleets that run steady capacity on subscription
#   (Cloud Config's ecs-instance-chargetype-check expects it: set
#   [PrePaid]) pay more for every pay-as-you-go instance left running; fleets
#   that avoid commitments ([PostPaid]) get a subscription they cannot
#   release early. Spot instances and instances Auto Scaling creates are
#   pay-as-you-go. Most fleets mix both on purpose, so there is no default:
#   until allowed_charge_types is set with --data the rule judges nothing
#   and is reported as not configured.
# custom:
#   id: ECS-050
#   severity: low
#   resource_type: instance
#   needs_params: [charge_type.allowed_charge_types]
#   remediation:
#     text: >-
#       Switch the instance to an allowed billing method
#       (ModifyInstanceChargeType; spot instances cannot be switched: replace
#       them), or allow its billing method if it is intended.
#     cli: aliyun ecs ModifyInstanceChargeType --RegionId {RegionId} --InstanceIds '["{InstanceId}"]' --InstanceChargeType <allowed-charge-type> --Period 1 --PeriodUnit Month
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstancechargetype
#     - https://www.alibabacloud.com/help/en/cloud-config/latest/ecs-instance-chargetype-check
#   cloud_config: ecs-instance-chargetype-check
package ecsguard.ecs.charge_type

allowed_charge_types := data.ecsguard.params.charge_type.allowed_charge_types

# Built once; judging an instance is one lookup in a local set, and the
# finding is built in the head (Performance in policies/README.md). An empty
# list judges nothing: ecsguard does not even run the rule then
# (custom.needs_params), and OPA, which runs it anyway, denies nothing.
allowed := {t | is_array(allowed_charge_types); some t in allowed_charge_types}

deny contains outside(i, inst) if {
	ok := allowed
	count(ok) > 0
	some i, inst in input.instances
	inst.InstanceChargeType != ""
	not inst.InstanceChargeType in ok
}

unknown contains no_charge_type(i, inst) if {
	count(allowed) > 0
	some i, inst in input.instances
	not inst.InstanceChargeType
}

unknown contains no_charge_type(i, inst) if {
	count(allowed) > 0
	some i, inst in input.instances
	inst.InstanceChargeType == ""
}

# A parameter that is not a list would allow nothing and judge nothing:
# every instance is unknown instead, with the reason.
unknown contains f if {
	not is_array(allowed_charge_types)
	some i, inst in input.instances
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("params.charge_type.allowed_charge_types is %v, not a list of charge types: instance %s cannot be judged", [allowed_charge_types, inst.InstanceId]),
	}
}

outside(i, inst) := {
	"pointer": sprintf("/instances/%d/InstanceChargeType", [i]),
	"msg": sprintf("instance %s is billed %s, which is not in params.charge_type.allowed_charge_types", [label(inst), inst.InstanceChargeType]),
}

no_charge_type(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no InstanceChargeType in the snapshot, whether its billing method is allowed cannot be judged", [label(inst)]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
