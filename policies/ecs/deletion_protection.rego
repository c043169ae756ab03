# METADATA
# title: Pay-as-you-go instance has no release protection
# description: >-
#   The pay-as-you-go instance has DeletionProtection off, so one wrong
#   console click, script or Terraform plan releases it, and its system disk
#   (and data disks set to be released with it) are gone for good. Instances
#   that Auto Scaling manages and spot instances are not judged: a scaling
#   group must be free to release its instances on scale-in, and spot
#   instances are released by the system whatever the flag says; Cloud
#   Config's ecs-instance-deletion-protection-enabled judges those too.
# custom:
#   id: ECS-006
#   severity: medium
#   resource_type: instance
#   requires: [scaling_instances]
#   remediation:
#     text: >-
#       Turn on release protection for the instance (and keep it on in the
#       launch templates or scripts that create such instances).
#     cli: aliyun ecs ModifyInstanceAttribute --RegionId {RegionId} --InstanceId {InstanceId} --DeletionProtection true
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstanceattribute
#   cloud_config: ecs-instance-deletion-protection-enabled
package ecsguard.ecs.deletion_protection

# Every instance some scaling group lists or that carries Auto Scaling's
# tag, and the regions where some scaling group's instance list was not
# collected (policies/lib/scaling.rego).
grouped := data.ecsguard.lib.scaling.instance_ids

regions_missing_members := data.ecsguard.lib.scaling.regions_missing_members

# Each loop binds the rules it reads to locals first, tests plain fields
# only and builds findings in the head (Performance in policies/README.md).
deny contains unprotected(i, inst) if {
	[in_group, unsure] := [grouped, regions_missing_members]
	some i, inst in input.instances
	inst.DeletionProtection == false
	inst.InstanceChargeType == "PostPaid"
	inst.SpotStrategy == "NoSpot"
	not inst.InstanceId in in_group
	not inst.RegionId in unsure
}

# Neither true nor false: not a boolean, as is_boolean would say, without a
# call per instance.
unknown contains protection_unreported(i, inst) if {
	in_group := grouped
	some i, inst in input.instances
	not inst.DeletionProtection == false
	not inst.DeletionProtection == true
	inst.InstanceChargeType == "PostPaid"
	inst.SpotStrategy == "NoSpot"
	not inst.InstanceId in in_group
}

unknown contains missing(i, inst, "InstanceChargeType") if {
	in_group := grouped
	some i, inst in input.instances
	inst.DeletionProtection == false
	not inst.InstanceChargeType
	not inst.InstanceId in in_group
}

unknown contains missing(i, inst, "SpotStrategy") if {
	in_group := grouped
	some i, inst in input.instances
	inst.DeletionProtection == false
	not inst.SpotStrategy
	not inst.InstanceId in in_group
}

unknown contains f if {
	[in_group, unsure] := [grouped, regions_missing_members]
	some i, inst in input.instances
	inst.DeletionProtection == false
	inst.InstanceChargeType == "PostPaid"
	inst.SpotStrategy == "NoSpot"
	not inst.InstanceId in in_group
	inst.RegionId in unsure
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has DeletionProtection false and is in no collected scaling group, but some scaling groups of %s have no scaling_instances in the snapshot", [label(inst), inst.RegionId]),
	}
}

unprotected(i, inst) := {
	"pointer": sprintf("/instances/%d/DeletionProtection", [i]),
	"msg": sprintf("pay-as-you-go instance %s is in no scaling group and has DeletionProtection false", [label(inst)]),
}

# Built by one function that also spells the label out: "i-123 (name)"
# when the name is set and is not the id itself, else "i-123" (a second
# call for the label costs more than the rest of the finding).
protection_unreported(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("pay-as-you-go instance %s (%s) has no DeletionProtection in the snapshot, its release protection cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("pay-as-you-go instance %s has no DeletionProtection in the snapshot, its release protection cannot be judged", [inst.InstanceId]),
}

missing(i, inst, field) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has DeletionProtection false but no %s in the snapshot, whether it needs release protection cannot be judged", [label(inst), field]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
