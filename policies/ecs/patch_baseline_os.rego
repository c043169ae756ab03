# METADATA
# title: Patch compliance is measured against another OS's baseline
# description: >-
#   The instance's OOS patch state (ListInstancePatchStates) comes from a
#   patch baseline (ListPatchBaselines) written for a different operating
#   system than the one the instance runs, for example an Ubuntu instance
#   scanned with an Alibaba Cloud Linux baseline. The baseline's approval
#   rules name another system's packages, so the state's missing and
#   installed counts say nothing about this instance: a clean-looking state
#   hides whatever it really lacks, and the patch rules built on it judge
#   the wrong thing. The instance's OS family comes from its OSNameEn (else
#   OSName) through the patch_baseline_os table in data.yaml.
# custom:
#   id: ECS-044
#   severity: high
#   resource_type: patch_state
#   requires: [patch_baselines, instances]
#   remediation:
#     text: >-
#       Scan and patch the instance with a baseline for its own operating
#       system: the OOS default baseline for that system, or a custom one
#       created with CreatePatchBaseline and set as the default for it; then
#       scan again and read the new state.
#     cli: aliyun oos StartExecution --RegionId {RegionId} --TemplateName ACS-ECS-BulkyApplyPatchBaseline --Parameters '{"regionId":"{RegionId}","action":"scan","targets":{"ResourceIds":["{InstanceId}"],"RegionId":"{RegionId}","Type":"ResourceIds"}}'
#   references:
#     - https://www.alibabacloud.com/help/en/oos/developer-reference/api-oos-2019-06-01-listinstancepatchstates
#     - https://www.alibabacloud.com/help/en/oos/developer-reference/api-oos-2019-06-01-listpatchbaselines
package ecsguard.ecs.patch_baseline_os

# Everything a patch state is judged by is indexed once: judging one is a
# few local lookups, with no builtin or helper call per state (Performance
# in policies/README.md).

# Baseline id -> its OperationSystem, lower-cased.
baseline_os := {b.Id: lower(b.OperationSystem) |
	some b in input.patch_baselines
	b.OperationSystem != ""
}

baselines := {b.Id: b | some b in input.patch_baselines}

# Instance id -> the OS name judged: OSNameEn where it is set, else OSName.
os_name_of := object.union(
	{inst.InstanceId: inst.OSName | some inst in input.instances; inst.OSName != ""},
	{inst.InstanceId: inst.OSNameEn | some inst in input.instances; inst.OSNameEn != ""},
)

os_names := {name | some name in os_name_of}

# The family of each distinct OS name (names are few), lower-cased.
family_of := {name: lower(matches[0]) |
	some name in os_names
	lowered := lower(name)
	matches := [s.operation_system |
		some s in data.ecsguard.params.patch_baseline_os.systems
		regex.match(s.pattern, lowered)
	]
	count(matches) > 0
}

deny contains f if {
	[bases, names, families] := [baseline_os, os_name_of, family_of]
	some i, ps in input.patch_states
	base := bases[ps.BaselineId]
	name := names[ps.InstanceId]
	family := families[name]
	family != base
	b := baselines[ps.BaselineId]
	f := {
		"pointer": sprintf("/patch_states/%d/BaselineId", [i]),
		"msg": sprintf("instance %s runs %s, but its patch state comes from baseline %s (%s), which is for %s", [ps.InstanceId, name, b.Name, ps.BaselineId, b.OperationSystem]),
	}
}

# Indexes of the patch states whose baseline and OS family are both known.
judged contains i if {
	[bases, names, families] := [baseline_os, os_name_of, family_of]
	some i, ps in input.patch_states
	bases[ps.BaselineId]
	name := names[ps.InstanceId]
	families[name]
}

unknown contains f if {
	done := judged
	some i, ps in input.patch_states
	not i in done
	f := {
		"pointer": sprintf("/patch_states/%d", [i]),
		"msg": sprintf("the patch state of instance %s %s, whether it was measured against a baseline for the instance's OS cannot be judged", [object.get(ps, "InstanceId", "?"), why_unknown(ps)]),
	}
}

why_unknown(ps) := "has no BaselineId in the snapshot" if {
	object.get(ps, "BaselineId", "") == ""
} else := sprintf("names baseline %s, which is not among the snapshot's patch_baselines", [ps.BaselineId]) if {
	not baselines[ps.BaselineId]
} else := sprintf("names baseline %s, which has no OperationSystem in the snapshot", [ps.BaselineId]) if {
	not baseline_os[ps.BaselineId]
} else := "is for an instance that is not in the snapshot" if {
	not ps.InstanceId in {inst.InstanceId | some inst in input.instances}
} else := "is for an instance with neither OSNameEn nor OSName in the snapshot" if {
	not os_name_of[ps.InstanceId]
} else := sprintf("is for an instance running %s, which no entry of the patch_baseline_os table matches", [os_name_of[ps.InstanceId]])
