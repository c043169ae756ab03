package ecsguard.eci.env_secrets_test

container(vars) := {"Name": "app", "Image": "acme/app:1.0", "EnvironmentVars": vars}

group(containers) := {"ContainerGroupId": "eci-1", "ContainerGroupName": "api", "RegionId": "cn-hangzhou", "Containers": containers}

deny_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.env_secrets.deny with input as {"container_groups": groups}
}

unknown_pointers(groups) := {f.pointer | some f in findings} if {
	findings := data.ecsguard.eci.env_secrets.unknown with input as {"container_groups": groups}
}

test_literal_secret_is_denied if {
	groups := [group([container([{"Key": "APP_ENV", "Value": "prod"}, {"Key": "DB_PASSWORD", "Value": "hunter2"}])])]
	deny_pointers(groups) == {"/container_groups/0/Containers/0/EnvironmentVars/1/Value"}
	count(unknown_pointers(groups)) == 0
}

test_names_match_without_case if {
	groups := [group([container([{"Key": "oss_access_key_secret", "Value": "x"}, {"Key": "GithubToken", "Value": "y"}, {"Key": "ALIBABA_CLOUD_ACCESS_KEY_ID", "Value": "z"}, {"Key": "apiKey", "Value": "w"}])])]
	count(deny_pointers(groups)) == 4
}

test_message if {
	findings := data.ecsguard.eci.env_secrets.deny with input as {"container_groups": [group([container([{"Key": "DB_PASSWORD", "Value": "hunter2"}])])]}
	{f.msg | some f in findings} == {"container app of container group eci-1 (api) sets DB_PASSWORD in plain text"}
}

test_plain_settings_and_references_pass if {
	groups := [group([container([{"Key": "APP_ENV", "Value": "prod"}, {"Key": "DB_PASSWORD_FILE_PATH_UNSET", "Value": ""}, {"Key": "POD_IP", "ValueFrom": {"FieldRef": {"FieldPath": "status.podIP"}}}, {"Key": "TOKEN_FROM_FIELD", "ValueFrom": {"FieldRef": {"FieldPath": "metadata.name"}}}]), container([])])]
	count(deny_pointers(groups)) == 0
	count(unknown_pointers(groups)) == 0
}

test_patterns_are_a_parameter if {
	findings := data.ecsguard.eci.env_secrets.deny with input as {"container_groups": [group([container([{"Key": "LICENSE", "Value": "abc"}])])]}
		with data.ecsguard.params.env_secrets.secret_key_fragments as ["LICENSE"]
	count(findings) == 1
}

test_only_the_secret_container_is_denied if {
	groups := [group([container([{"Key": "APP_ENV", "Value": "prod"}]), container([{"Key": "API_KEY", "Value": "k"}])])]
	deny_pointers(groups) == {"/container_groups/0/Containers/1/EnvironmentVars/0/Value"}
}

test_missing_data_is_unknown if {
	groups := [group([{"Name": "app"}]), {"ContainerGroupId": "eci-2", "RegionId": "cn-hangzhou"}]
	unknown_pointers(groups) == {"/container_groups/0/Containers/0", "/container_groups/1"}
	count(deny_pointers(groups)) == 0
}
