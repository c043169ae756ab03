package ecsguard.ess.deletion_protection_test

group(fields) := object.union({"ScalingGroupId": "asg-1", "ScalingGroupName": "web", "RegionId": "cn-hangzhou", "GroupDeletionProtection": false}, fields)

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.deletion_protection.deny with input as {"scaling_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.ess.deletion_protection.unknown with input as {"scaling_groups": groups}
}

test_unprotected_group_is_denied if {
	deny_pointers([group({})]) == {"/scaling_groups/0/GroupDeletionProtection"}
	count(unknown_pointers([group({})])) == 0
}

test_message if {
	findings := data.ecsguard.ess.deletion_protection.deny with input as {"scaling_groups": [group({})]}
	{f.msg | some f in findings} == {"scaling group asg-1 (web) has no deletion protection"}
}

test_protected_group_passes if {
	count(deny_pointers([group({"GroupDeletionProtection": true})])) == 0
	count(unknown_pointers([group({"GroupDeletionProtection": true})])) == 0
}

test_only_the_unprotected_group_is_denied if {
	deny_pointers([group({"GroupDeletionProtection": true}), group({"ScalingGroupId": "asg-2"})]) == {"/scaling_groups/1/GroupDeletionProtection"}
}

test_missing_field_is_unknown if {
	groups := [object.remove(group({}), ["GroupDeletionProtection"])]
	unknown_pointers(groups) == {"/scaling_groups/0"}
	count(deny_pointers(groups)) == 0
}
