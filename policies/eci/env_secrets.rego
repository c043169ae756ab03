# METADATA
# title: Container environment holds a secret in plain text
# description: >-
#   A container has an environment variable whose name looks like a
#   credential (it contains one of secret_key_fragments: passw, secret,
#   token, access_key, private_key...) and whose Value is written out
#   literally. Anyone who can describe the container group (a read-only RAM
#   user, a support session, a log of API calls) can read it, and it cannot
#   be rotated without recreating the group. Cloud Config's ECI template for
#   sensitive environment variables checks the same thing; its full
#   identifier is not in our references, so it is not mapped.
# custom:
#   id: ECI-008
#   severity: high
#   resource_type: container_group
#   remediation:
#     text: >-
#       Move the secret out of the container definition: read it at start-up
#       from KMS Secrets Manager or from a mounted volume, using the group's
#       RAM role; then rotate the exposed value.
#     cli: aliyun eci UpdateContainerGroup --RegionId {RegionId} --ContainerGroupId {ContainerGroupId} --Container.1.EnvironmentVar.1.Key <key> --Container.1.EnvironmentVar.1.Value <non-secret-value>
#   references:
#     - https://www.alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-createcontainergroup
package ecsguard.eci.env_secrets

# Names are matched in lower case, as substrings (a regex per variable
# would be compiled again for every one).
fragments := {lower(s) | some s in data.ecsguard.params.env_secrets.secret_key_fragments}

# Every distinct variable name, matched once: names repeat across
# containers, and matching one costs a lower() and a contains() per
# fragment (Performance in policies/README.md).
secret_names := {key |
	some key in {v.Key | some cg in input.container_groups; some c in cg.Containers; some v in c.EnvironmentVars}
	name := lower(key)
	some s in fragments
	contains(name, s)
}

deny contains f if {
	secret := secret_names
	some i, cg in input.container_groups
	some j, c in cg.Containers
	some k, v in c.EnvironmentVars
	v.Value != ""
	v.Key in secret
	f := {
		"pointer": sprintf("/container_groups/%d/Containers/%d/EnvironmentVars/%d/Value", [i, j, k]),
		"msg": sprintf("container %s of container group %s sets %s in plain text", [c.Name, label(cg), v.Key]),
	}
}

# Plain refs test absence: the loader guarantees arrays when present.
unknown contains f if {
	some i, cg in input.container_groups
	some j, c in cg.Containers
	not c.EnvironmentVars
	f := {
		"pointer": sprintf("/container_groups/%d/Containers/%d", [i, j]),
		"msg": sprintf("container %s of container group %s has no EnvironmentVars in the snapshot, whether it holds secrets cannot be judged", [c.Name, label(cg)]),
	}
}

unknown contains f if {
	some i, cg in input.container_groups
	not cg.Containers
	f := {
		"pointer": sprintf("/container_groups/%d", [i]),
		"msg": sprintf("container group %s has no Containers in the snapshot, their environment cannot be judged", [label(cg)]),
	}
}

# "eci-123 (name)", or just the id when the group has no name.
label(cg) := concat("", [cg.ContainerGroupId, " (", cg.ContainerGroupName, ")"]) if {
	cg.ContainerGroupName != ""
} else := cg.ContainerGroupId
