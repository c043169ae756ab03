# METADATA
# title: Instance is locked
# description: >-
#   The instance carries an operation lock (OperationLocks): an overdue
#   payment (financial), a security lock (security), or, for a spot
#   instance, Recycling, which means it is being reclaimed and will be
#   released within minutes. A locked instance is stopped or about to go, so
#   whatever it serves is down or will be unless something replaces it.
# custom:
#   id: ECS-007
#   severity: medium
#   resource_type: instance
#   remediation:
#     text: >-
#       For a financial lock, settle the overdue payment or renew the
#       subscription; for a security lock, handle the security notice in the
#       console; for a spot instance being recycled, make sure its workload is
#       moved or a replacement launched (a scaling group with
#       SpotInstanceRemedy does this on its own).
#   references:
#     - https://www.alibabacloud.com/help/en/ecs/developer-reference/api-describeinstances
#   cloud_config: ecs-instance-no-lock
package ecsguard.ecs.operation_lock

# Plain refs per instance (the loader guarantees OperationLocks is an array
# when present): a builtin or helper call for every instance costs more
# than the rest of the rule (Performance in policies/README.md).
deny contains f if {
	some i, inst in input.instances
	inst.OperationLocks != []
	f := {
		"pointer": sprintf("/instances/%d/OperationLocks", [i]),
		"msg": lock_message(inst),
	}
}

unknown contains f if {
	some i, inst in input.instances
	not inst.OperationLocks
	f := {
		"pointer": sprintf("/instances/%d", [i]),
		"msg": sprintf("instance %s has no OperationLocks in the snapshot, whether it is locked cannot be judged", [label(inst)]),
	}
}

# The recycling reason gets its own wording: it is a spot reclaim, not a
# lock someone can lift.
lock_message(inst) := sprintf("spot instance %s is being reclaimed (OperationLocks %s) and will be released within minutes", [label(inst), reasons(inst)]) if {
	some lock in inst.OperationLocks
	lower(lock.LockReason) == "recycling"
} else := sprintf("instance %s is locked (OperationLocks %s)", [label(inst), reasons(inst)])

reasons(inst) := concat(", ", sort({lock.LockReason | some lock in inst.OperationLocks}))

# "i-123 (name)", or just the id when the name is empty or the id itself.
label(inst) := concat("", [inst.InstanceId, " (", inst.InstanceName, ")"]) if {
	inst.InstanceName != ""
	inst.InstanceName != inst.InstanceId
} else := inst.InstanceId
