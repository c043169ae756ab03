# METADATA
# title: Instance uses a retired instance family
# description: >-
#   The instance's type belongs to a family Alibaba Cloud has retired (the
#   first-generation ecs.t1, s1, s2, s3, m1, m2, c1, c2 and the shared
#   ecs.n1, n2, e3, by default; the list is the retired_families parameter).
#   Retired families can no longer be bought, are the first to lose stock and
#   support, and a stopped or failed instance of one may not get its capacity
#   back.
# custom:
#   id: ECS-016
#   severity: medium
#   resource_type: instance
#   remediation:
#     text: >-
#       Change the instance to a current-generation type of similar size
#       (ModifyInstanceSpec for pay-as-you-go, ModifyPrepayInstanceSpec for
#       subscription), or rebuild the workload on one.
#     cli: aliyun ecs ModifyInstanceSpec --region {RegionId} --InstanceId {InstanceId} --InstanceType <current-type>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-modifyinstancespec
#   cloud_config: not-using-a-deprecated-ecs-instance
package ecsguard.ecs.retired_family

retired := {fam | some fam in data.ecsguard.params.retired_family.retired_families}

# The family is InstanceTypeFamily when reported, else the first two parts
# of InstanceType ("ecs.t1.small" -> "ecs.t1"). Each case is its own rule
# body, the second looking up the answer computed once per distinct
# instance type; findings are built in the head (Performance in
# policies/README.md).
instance_types := {inst.InstanceType | some inst in input.instances}

# Instance type -> its retired family.
retired_types := {t: fam |
	some t in instance_types
	is_string(t)
	t != ""
	fam := concat(".", array.slice(split(t, "."), 0, 2))
	fam in retired
}

deny contains retired_finding(i, inst, "InstanceTypeFamily", inst.InstanceTypeFamily) if {
	ret := retired
	some i, inst in input.instances
	inst.InstanceTypeFamily != ""
	inst.InstanceTypeFamily in ret
}

# Indexes of instances with a family reported. A set, because OPA drops
# the body of `not inst.InstanceTypeFamily != ""` when the field is absent.
with_family := {i | some i, inst in input.instances; inst.InstanceTypeFamily != ""}

deny contains retired_finding(i, inst, "InstanceType", fam) if {
	[ret, fam_known] := [retired_types, with_family]
	some i, inst in input.instances
	not i in fam_known
	inst.InstanceType != ""
	fam := ret[inst.InstanceType]
}

unknown contains f if {
	[fam_known, typed] := [with_family, {i | some i, inst in input.instances; inst.InstanceType != ""}]
	some i, inst in input.instances
	not i in fam_known
	not i in typed
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has neither InstanceTypeFamily nor InstanceType in the snapshot, its instance family cannot be judged", [label(inst)]),
	}
}

retired_finding(i, inst, field, name) := {
	"pointer": sprintf("/instances/%d/%s", [i, field]),
	"msg": sprintf("instance %s is of type %s in retired family %s", [label(inst), object.get(inst, "InstanceType", "(type not reported)"), name]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
