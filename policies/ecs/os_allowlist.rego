# METADATA
# title: Instance runs an operating system that is not in the allowlist
# description: >-
#   The instance's operating system (OSNameEn, else OSName) starts with none
#   of allowed_os_names, the releases your organisation supports and
#   patches (compared without case, so "Alibaba Cloud Linux 3" allows
#   "Alibaba Cloud Linux 3.2104 LTS 64 bit"). An unsupported OS falls
#   outside patch baselines, hardening and the team's know-how. There is no
#   default list: until allowed_os_names is set with --data the rule judges
#   nothing and is reported as not configured. ECS-020 judges end of life
#   by vendor dates instead.
# custom:
#   id: ECS-047
#   severity: medium
#   resource_type: instance
#   needs_params: [os_allowlist.allowed_os_names]
#   remediation:
#     text: >-
#       Rebuild the instance from an image of an approved OS
#       (ReplaceSystemDisk, which erases the system disk: move the workload
#       or its data first), or migrate the workload to new instances; or add
#       the OS to allowed_os_names if it is supported.
#     cli: aliyun ecs ReplaceSystemDisk --InstanceId {InstanceId} --ImageId <approved-os-image-id>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-replacesystemdisk
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-describeinstances
#   cloud_config: ecs-instance-os-name-check
package ecsguard.ecs.os_allowlist

allowed_os_names := data.ecsguard.params.os_allowlist.allowed_os_names

prefixes := {lower(p) | is_array(allowed_os_names); some p in allowed_os_names}

# Each distinct OS name in the fleet is matched against the prefixes once,
# so judging an instance is one lookup in a local set whatever the length
# of the list. The name judged is OSNameEn when it is set, else OSName; each
# case is its own rule body, with no helper call per instance and findings
# built in the head (Performance in policies/README.md). An empty list
# judges nothing: ecsguard does not even run the rule then
# (custom.needs_params), and OPA, which runs it anyway, denies nothing.
os_names := {inst.OSNameEn | some inst in input.instances} | {inst.OSName | some inst in input.instances}

allowed_names := {name |
	some name in os_names
	is_string(name)
	lowered := lower(name)
	some p in prefixes
	startswith(lowered, p)
}

deny contains outside(i, inst, "OSNameEn", inst.OSNameEn) if {
	count(prefixes) > 0
	ok := allowed_names
	some i, inst in input.instances
	inst.OSNameEn != ""
	not inst.OSNameEn in ok
}

# Indexes of instances with an English name. A set, because OPA drops the
# body of `not inst.OSNameEn != ""` when the field is absent.
named_en := {i | some i, inst in input.instances; inst.OSNameEn != ""}

deny contains outside(i, inst, "OSName", inst.OSName) if {
	count(prefixes) > 0
	[ok, en] := [allowed_names, named_en]
	some i, inst in input.instances
	not i in en
	inst.OSName != ""
	not inst.OSName in ok
}

unknown contains f if {
	count(prefixes) > 0
	[en, named] := [named_en, {i | some i, inst in input.instances; inst.OSName != ""}]
	some i, inst in input.instances
	not i in en
	not i in named
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has neither OSNameEn nor OSName in the snapshot, whether its OS is allowed cannot be judged", [label(inst)]),
	}
}

# A parameter that is not a list would allow nothing and judge nothing:
# every instance is unknown instead, with the reason.
unknown contains f if {
	not is_array(allowed_os_names)
	some i, inst in input.instances
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("params.os_allowlist.allowed_os_names is %v, not a list of OS names: instance %s cannot be judged", [allowed_os_names, inst.InstanceId]),
	}
}

outside(i, inst, field, name) := {
	"pointer": sprintf("/instances/%d/%s", [i, field]),
	"msg": sprintf("instance %s runs %s, which starts with none of params.os_allowlist.allowed_os_names", [label(inst), name]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
