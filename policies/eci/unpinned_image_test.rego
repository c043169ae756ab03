package ecsguard.eci.unpinned_image_test

container(image) := {"Name": "app", "Image": image}

group(containers) := {"ContainerGroupId": "eci-1", "ContainerGroupName": "api", "RegionId": "cn-hangzhou", "Containers": containers}

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.unpinned_image.deny with input as {"container_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.unpinned_image.unknown with input as {"container_groups": groups}
}

test_latest_tag_is_denied if {
	groups := [group([container("registry-vpc.cn-hangzhou.aliyuncs.com/acme/api:1.2.3"), container("registry-vpc.cn-hangzhou.aliyuncs.com/acme/sidecar:latest")])]
	deny_pointers(groups) == {"/container_groups/0/Containers/1/Image"}
	count(unknown_pointers(groups)) == 0
}

test_missing_tag_is_denied_even_with_a_registry_port if {
	groups := [group([container("nginx"), container("registry.local:5000/acme/api")])]
	deny_pointers(groups) == {"/container_groups/0/Containers/0/Image", "/container_groups/0/Containers/1/Image"}
}

test_message_gives_reason if {
	findings := data.ecsguard.eci.unpinned_image.deny with input as {"container_groups": [group([container("nginx")])]}
	{f.msg | some f in findings} == {"container app of container group eci-1 (api) runs image nginx (no tag: latest is implied)"}
}

test_version_tags_and_digests_pass if {
	groups := [group([container("nginx:1.27"), container("registry.local:5000/acme/api:2.0"), container("acme/api@sha256:0123abcd")])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_only_the_floating_group_is_denied if {
	groups := [group([container("nginx:1.27")]), object.union(group([container("nginx:latest")]), {"ContainerGroupId": "eci-2"})]
	deny_pointers(groups) == {"/container_groups/1/Containers/0/Image"}
}

test_container_without_image_is_unknown if {
	groups := [group([{"Name": "app"}])]
	unknown_pointers(groups) == {"/container_groups/0/Containers/0"}
	count(deny_pointers(groups)) == 0
}

test_group_without_containers_is_unknown if {
	groups := [object.remove(group([]), ["Containers"])]
	unknown_pointers(groups) == {"/container_groups/0"}
	count(deny_pointers(groups)) == 0
}

test_each_reason_is_given if {
	images := ["reg:5000/app", "reg:5000/app:latest", "app:latest", "reg/app", "app@sha256:0f0f", "reg:5000/app@sha256:0f0f", "app:1.2"]
	groups := [{"ContainerGroupId": sprintf("eci-%d", [k]), "ContainerGroupName": "", "RegionId": "cn-hangzhou", "Containers": [{"Name": "app", "Image": img}]} | some k, img in images]
	findings := data.ecsguard.eci.unpinned_image.deny with input as {"container_groups": groups}
	{f.msg | some f in findings} == {
		"container app of container group eci-0 runs image reg:5000/app (no tag: latest is implied)",
		"container app of container group eci-1 runs image reg:5000/app:latest (tag latest)",
		"container app of container group eci-2 runs image app:latest (tag latest)",
		"container app of container group eci-3 runs image reg/app (no tag: latest is implied)",
	}
}
