# METADATA
# title: Linux instance has no SSH key pair
# description: >-
#   The Linux instance is bound to no SSH key pair (KeyPairName empty), so
#   logins rely on a password. Passwords can be guessed, reused and leaked,
#   and brute-force attempts against SSH are constant on any reachable
#   host; a key pair (with password login disabled) removes that risk.
# custom:
#   id: ECS-036
#   severity: medium
#   resource_type: instance
#   remediation:
#     text: >-
#       Bind a key pair to the instance (AttachKeyPair, which takes effect
#       after a restart) and disable password login for SSH, or log in only
#       through Session Manager.
#     cli: aliyun ecs AttachKeyPair --RegionId {RegionId} --KeyPairName <key-pair> --InstanceIds '["{InstanceId}"]'
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-attachkeypair
#   cloud_config: ecs-instance-login-use-keypair
package ecsguard.ecs.keypair_login

# Plain field tests, the most selective first, and each finding built by one
# function that also spells the label out (a second call for the label
# costs more than the rest of the finding; Performance in
# policies/README.md).
deny contains no_key_pair(i, inst) if {
	some i, inst in input.instances
	inst.KeyPairName == ""
	inst.OSType == "linux"
}

unknown contains key_pair_unreported(i, inst) if {
	some i, inst in input.instances
	not inst.KeyPairName
	inst.OSType == "linux"
}

unknown contains os_type_unreported(i, inst) if {
	some i, inst in input.instances
	inst.KeyPairName == ""
	not inst.OSType
}

# The label is "i-123 (name)" when the name is set and is not the id
# itself, else "i-123".
no_key_pair(i, inst) := {
	"pointer": sprintf("/instances/%d/KeyPairName", [i]),
	"msg": sprintf("Linux instance %s (%s) is bound to no SSH key pair", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d/KeyPairName", [i]),
	"msg": sprintf("Linux instance %s is bound to no SSH key pair", [inst.InstanceId]),
}

key_pair_unreported(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("Linux instance %s (%s) has no KeyPairName in the snapshot, whether it uses a key pair cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("Linux instance %s has no KeyPairName in the snapshot, whether it uses a key pair cannot be judged", [inst.InstanceId]),
}

os_type_unreported(i, inst) := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s (%s) has no key pair and no OSType in the snapshot, whether it needs one cannot be judged", [inst.InstanceId, inst.InstanceName]),
} if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := {
	"pointer": sprintf("/instances/%d", [i]),
	"msg": sprintf("instance %s has no key pair and no OSType in the snapshot, whether it needs one cannot be judged", [inst.InstanceId]),
}
