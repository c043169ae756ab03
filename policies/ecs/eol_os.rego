# METADATA
# title: Instance runs an operating system past its end of life
# description: >-
#   The instance's operating system (OSNameEn, else OSName) is a release
#   whose vendor support has ended (CentOS 7 on 2024-06-30, Ubuntu 18.04 on
#   2023-05-31, Windows Server 2012 R2 on 2023-10-10...; the table is the
#   releases parameter). It no longer gets security fixes, so every new
#   vulnerability stays open, and Alibaba Cloud stops offering its public
#   images. Cloud Config's ecs-instance-os-name-check only compares names
#   with an allowlist; this rule knows the dates.
# custom:
#   id: ECS-020
#   severity: high
#   resource_type: instance
#   remediation:
#     text: >-
#       Move the workload to a supported release (for CentOS, Alibaba Cloud
#       Linux 3 or another RHEL-compatible distribution) by rebuilding the
#       instance from a current image or migrating it in place, and retire
#       images of the old release. Buy extended support only as a stopgap.
#     cli: aliyun ecs ReplaceSystemDisk --InstanceId {InstanceId} --ImageId <supported-image-id>
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/user-guide/eol-overview
#     - https://www.alibabacloud.com/help/en/ecs/user-guide/options-for-dealing-with-centos-linux-end-of-life
#     - https://www.alibabacloud.com/help/en/ecs/user-guide/solution-for-alibaba-cloud-linux-2-entering-the-els-phase
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-replacesystemdisk
package ecsguard.ecs.eol_os

# Bound once: `data.ecsguard.now_ns` read inside a loop or per finding
# costs a scan of the whole data tree each time (Performance in
# policies/README.md).
now_ns := data.ecsguard.now_ns

day_ns := 86400000000000

# The releases whose last supported day is before now, built once.
ended := [r |
	some r in data.ecsguard.params.eol_os.releases
	time.parse_rfc3339_ns(concat("", [r.eol, "T00:00:00Z"])) + day_ns <= now_ns
]

# Each distinct OS name in the fleet is matched once, so judging an instance
# costs one local lookup whatever the size of the table. The name judged is
# OSNameEn when it is set, else OSName; each case is its own rule body, with
# no helper call per instance and findings built in the head (Performance in
# policies/README.md).
os_names := {inst.OSNameEn | some inst in input.instances} | {inst.OSName | some inst in input.instances}

eol_by_name := {name: matches[0] |
	some name in os_names
	is_string(name)
	lowered := lower(name)
	matches := [r | some r in ended; regex.match(r.pattern, lowered)]
	count(matches) > 0
}

deny contains past_eol(i, inst, "OSNameEn", inst.OSNameEn, r) if {
	eol := eol_by_name
	some i, inst in input.instances
	inst.OSNameEn != ""
	r := eol[inst.OSNameEn]
}

# Indexes of instances with an English name. A set, because OPA drops the
# body of `not inst.OSNameEn != ""` when the field is absent.
named_en := {i | some i, inst in input.instances; inst.OSNameEn != ""}

deny contains past_eol(i, inst, "OSName", inst.OSName, r) if {
	[eol, en] := [eol_by_name, named_en]
	some i, inst in input.instances
	not i in en
	inst.OSName != ""
	r := eol[inst.OSName]
}

unknown contains f if {
	[en, named] := [named_en, {i | some i, inst in input.instances; inst.OSName != ""}]
	some i, inst in input.instances
	not i in en
	not i in named
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has neither OSNameEn nor OSName in the snapshot, whether its OS is past end of life cannot be judged", [label(inst)]),
	}
}

past_eol(i, inst, field, name, r) := {
	"pointer": sprintf("/instances/%d/%s", [i, field]),
	"msg": sprintf("instance %s runs %s (%s), whose vendor support ended on %s", [label(inst), name, r.release, r.eol]),
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
