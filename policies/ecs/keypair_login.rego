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

deny contains f if {
	some i, inst in input.instances
	inst.KeyPairName == ""
	inst.OSType == "linux"
	f := {
		"pointer": sprintf("/instances/%d/KeyPairName", [i]),
		"msg": sprintf("Linux instance %s is bound to no SSH key pair", [label(inst)]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	inst.OSType == "linux"
	not inst.KeyPairName
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("Linux instance %s has no KeyPairName in the snapshot, whether it uses a key pair cannot be judged", [label(inst)]),
	}
}

unknown contains f if {
	some i, inst in input.instances
	inst.KeyPairName == ""
	not inst.OSType
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no key pair and no OSType in the snapshot, whether it needs one cannot be judged", [label(inst)]),
	}
}

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
