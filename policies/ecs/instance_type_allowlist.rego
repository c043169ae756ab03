# METADATA
# title: Instance type is not in the allowlist
# description: >-
#   The instance's type (InstanceType) is not one of allowed_types, the
#   instance types your organisation has approved (sized, tested, covered by
#   savings plans or reserved capacity). An unapproved type is usually a
#   one-off sized by hand that no budget, capacity plan or performance test
#   covers. There is no default list: until allowed_types is set with --data
#   the rule judges nothing and is reported as not configured.
# custom:
#   id: ECS-045
#   severity: low
#   resource_type: instance
#   needs_params: [instance_type_allowlist.allowed_types]
#   remediation:
#     text: >-
#       Change the instance to an approved type (ModifyInstanceSpec for
#       pay-as-you-go, ModifyPrepayInstanceSpec for subscription; most
#       changes need the instance stopped), or add its type to allowed_types
#       if it is approved.
#     cli: aliyun ecs ModifyInstanceSpec --region {RegionId} --InstanceId {InstanceId} --InstanceType <approved-type>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstancespec
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-describeinstances
#   cloud_config: ecs-desired-instance-type
package ecsguard.ecs.instance_type_allowlist

allowed_types := data.ecsguard.params.instance_type_allowlist.allowed_types

# Built once; judging an instance is one lookup in a local set, and the
# finding is built in the head (Performance in policies/README.md). An empty
# list judges nothing: ecsguard does not even run the rule then
# (custom.needs_params), and OPA, which runs it anyway, denies nothing.
allowed := {t | is_array(allowed_types); some t in allowed_types}

deny contains outside(i, inst) if {
	ok := allowed
	count(ok) > 0
	some i, inst in input.instances
	inst.InstanceType != ""
	not inst.InstanceType in ok
}

unknown contains no_type(i, inst) if {
	count(allowed) > 0
	some i, inst in input.instances
	not inst.InstanceType
}

unknown contains no_type(i, inst) if {
	count(allowed) > 0
	some i, inst in input.instances
	inst.InstanceType == ""
}

# A parameter that is not a list would allow nothing and judge nothing:
# every instance is unknown instead, with the reason.
unknown contains f if {
	not is_array(allowed_types)
	some i, inst in input.instances
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("params.instance_type_allowlist.allowed_types is %v, not a list of instance types: instance %s cannot be judged", [allowed_types, inst.InstanceId]),
	}
}

outside(i, inst) := {
	"pointer": sprintf("/instances/%d/InstanceType", [i]),
	"msg": sprintf("instance %s is of type %s, which is not in params.instance_type_allowlist.allowed_types", [label(inst), inst.InstanceType]),
}

no_type(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no InstanceType in the snapshot, whether its type is allowed cannot be judged", [label(inst)]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
