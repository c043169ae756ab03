# METADATA
# title: Long-running container has no liveness probe
# description: >-
#   A container of a Running container group that restarts its containers
#   Always (a service, not a job) has a LivenessProbe that checks nothing:
#   none of HttpGet, TcpSocket or Execs is set. A container that hangs
#   (deadlock, exhausted thread pool, stuck I/O) but does not exit is then
#   never restarted, and keeps taking traffic or holding work while doing
#   nothing. A container whose probes are not in the snapshot is unknown.
# custom:
#   id: ECI-006
#   severity: low
#   resource_type: container_group
#   remediation:
#     text: >-
#       Give each long-running container a liveness probe (an HTTP health
#       endpoint, a TCP port or a command) with a sensible initial delay, and
#       a readiness probe if it serves traffic.
#     cli: aliyun eci UpdateContainerGroup --RegionId {RegionId} --ContainerGroupId {ContainerGroupId} --Container.1.LivenessProbe.HttpGet.Path /healthz --Container.1.LivenessProbe.HttpGet.Port <port>
#   references:
#     - https://www.alibabacloud.com/help/en/eci/user-guide/use-probes-to-perform-health-checks-on-containers
#     - https://www.alibabacloud.com/help/en/eci/developer-reference/api-eci-2018-08-08-createcontainergroup
package ecsguard.eci.no_liveness_probe

# A probe checks something when it has a port to call or a command to run;
# spelled out with plain refs in each body (a helper call per container
# costs more than the tests; the loader guarantees an object and arrays
# when present). The per-group builtins run only once a container without
# a probe is found (Performance in policies/README.md).
deny contains f if {
	some i, cg in input.container_groups
	cg.Status == "Running"
	cg.RestartPolicy == "Always"
	some j, c in cg.Containers
	probe := c.LivenessProbe
	not probe.HttpGet.Port
	not probe.TcpSocket.Port
	not probe.Execs[0]
	f := {
		"pointer": sprintf("/container_groups/%d/Containers/%d/LivenessProbe", [i, j]),
		"msg": sprintf("container %s of long-running container group %s has no liveness probe: a hung container is never restarted", [c.Name, label(cg)]),
	}
}

unknown contains f if {
	some i, cg in input.container_groups
	some j, c in cg.Containers
	not c.LivenessProbe
	object.get(cg, "Status", "Running") == "Running"
	object.get(cg, "RestartPolicy", "Always") == "Always"
	f := {
		"pointer": sprintf("/container_groups/%d/Containers/%d", [i, j]),
		"msg": sprintf("container %s of container group %s has no LivenessProbe in the snapshot, whether it is restarted when it hangs cannot be judged", [c.Name, label(cg)]),
	}
}

# A group without Status or RestartPolicy that has a container whose probe
# checks nothing.
unknown contains undecided(i, cg, sprintf("no %s in the snapshot", [field])) if {
	some i, cg in input.container_groups
	some field in ["Status", "RestartPolicy"]
	not cg[field]
	object.get(cg, "Status", "Running") == "Running"
	object.get(cg, "RestartPolicy", "Always") == "Always"
	some c in cg.Containers
	probe := c.LivenessProbe
	not probe.HttpGet.Port
	not probe.TcpSocket.Port
	not probe.Execs[0]
}

unknown contains undecided(i, cg, "no Containers in the snapshot") if {
	some i, cg in input.container_groups
	not cg.Containers
	object.get(cg, "Status", "Running") == "Running"
	object.get(cg, "RestartPolicy", "Always") == "Always"
}

undecided(i, cg, reason) := {
	"pointer": sprintf("/container_groups/%d", [i]),
	"msg": sprintf("container group %s has %s, whether its containers need a liveness probe cannot be judged", [label(cg), reason]),
}

# "eci-123 (name)", or just the id when the group has no name.
label(cg) := concat("", [cg.ContainerGroupId, " (", cg.ContainerGroupName, ")"]) if {
	cg.ContainerGroupName != ""
} else := cg.ContainerGroupId
