//! A fleet for the fake API: every list the collector reads, in the shapes
//! of the documented sample responses (wrapped lists, numbers as strings,
//! minute-precision times, `"true"` strings, flat ECI/OOS arrays), with
//! what the rules look for (deprecated images, scheduled events, spot
//! instances being reclaimed, single-zone groups, a spot price close to the
//! pay-as-you-go price) and the counts a complete collection must hold.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::Plan;

pub struct Fleet {
    pub plan: Plan,
    /// Resources a complete collection holds, by collection (nested ones
    /// summed over all scaling groups).
    pub expected: BTreeMap<&'static str, usize>,
    /// The instance types launched as spot (instances and scaling
    /// configurations): the ones whose spot prices a collection asks for.
    pub spot_types: BTreeSet<&'static str>,
}

/// The types the scaling configurations launch, as spot.
const CONFIG_TYPES: [&str; 2] = ["ecs.g6.large", "ecs.c5.xlarge"];

/// Spot price samples of one type in a region: two zones, four hourly
/// samples each in VPC (the newest of `ecs.c5.xlarge` in zone b near the
/// pay-as-you-go price), and a classic-network one asking for VPC leaves out.
fn spot_prices(region: &str, instance_type: &str) -> Vec<Value> {
    let mut out = Vec::new();
    for zone in ["a", "b"] {
        for hour in 0..4 {
            let high = instance_type == "ecs.c5.xlarge" && zone == "b" && hour == 3;
            out.push(json!({
                "IoOptimized": "optimized",
                "OriginPrice": 0.354,
                "NetworkType": "vpc",
                "ZoneId": format!("{region}-{zone}"),
                "Timestamp": format!("2026-11-27T0{hour}:00:00Z"),
                "SpotPrice": if high { 0.33 } else { 0.036 + 0.001 * f64::from(hour) },
                "InstanceType": instance_type
            }));
        }
    }
    out.push(json!({
        "IoOptimized": "optimized",
        "OriginPrice": 0.354,
        "NetworkType": "classic",
        "ZoneId": format!("{region}-a"),
        "Timestamp": "2026-11-27T03:00:00Z",
        "SpotPrice": 0.04,
        "InstanceType": instance_type
    }));
    out
}

const TYPES: [(&str, &str); 3] = [
    ("ecs.g6.large", "ecs.g6"),
    ("ecs.c5.xlarge", "ecs.c5"),
    ("ecs.t5-lc1m1.small", "ecs.t5"),
];
const FAMILIES: [(&str, &str); 5] = [
    ("ecs.g6", "ecs-5"),
    ("ecs.c5", "ecs-3"),
    ("ecs.t5", "ecs-2"),
    ("ecs.g7", "ecs-6"),
    ("ecs.r6", "ecs-5"),
];

/// `instances` instances and `groups` scaling groups in each region;
/// `regions[0]` also answers ECS, ESS and ECI DescribeRegions with all of
/// them.
pub fn fleet(regions: &[&str], instances: usize, groups: usize) -> Fleet {
    assert!(
        instances >= 3 && groups >= 1,
        "every kind of resource is present"
    );
    let mut plan = Plan::default();
    let mut expected: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut count = |name: &'static str, n: usize| *expected.entry(name).or_default() += n;
    let mut spot_types: BTreeSet<&'static str> = CONFIG_TYPES.into_iter().collect();
    let region_list: Vec<Value> = regions
        .iter()
        .map(|r| json!({"RegionId": r, "RegionEndpoint": format!("ecs.{r}.aliyuncs.com"), "LocalName": r}))
        .collect();
    plan = plan.with("DescribeRegions", regions[0], region_list);
    let ess_regions: Vec<Value> = regions
        .iter()
        .map(|r| json!({"RegionId": r, "RegionEndpoint": "ess.aliyuncs.com", "LocalName": r, "ClassicUnavailable": false, "VpcUnavailable": false}))
        .collect();
    plan = plan.with("Ess.DescribeRegions", regions[0], ess_regions);
    let eci_regions: Vec<Value> = regions
        .iter()
        .map(|r| json!({"RegionId": r, "RegionEndpoint": format!("eci.{r}.aliyuncs.com"), "Zones": [format!("{r}-a")], "RecommendZones": [format!("{r}-a")]}))
        .collect();
    plan = plan.with("Eci.DescribeRegions", regions[0], eci_regions);

    for r in regions {
        let r = *r;
        let image_ok = format!("m-ok-{r}");
        let image_old = format!("m-deprecated-{r}");
        let image_gone = format!("m-unavailable-{r}");
        let image_config = format!("m-config-{r}");
        let image_market = format!("m-marketplace-{r}");
        let image_system = format!("m-system-{r}");

        let mut list = Vec::new();
        let mut events = Vec::new();
        let mut assistant = Vec::new();
        let mut patch = Vec::new();
        for i in 0..instances {
            let id = format!("i-{r}-{i:05}");
            let (itype, family) = TYPES[i % TYPES.len()];
            let image = match i % 50 {
                1 => &image_old,
                2 => &image_gone,
                3 => &image_market,
                4 => &image_system,
                _ => &image_ok,
            };
            let spot = i % 5 == 0;
            let strategy = match (spot, i % 10) {
                (false, _) => "NoSpot",
                (true, 5) => "SpotWithPriceLimit",
                (true, _) => "SpotAsPriceGo",
            };
            if spot {
                spot_types.insert(itype);
            }
            list.push(json!({
                "InstanceId": id,
                "InstanceName": format!("web-{i}"),
                "HostName": format!("web-{i}"),
                "RegionId": r,
                "ZoneId": format!("{r}-{}", ["a", "b"][i % 2]),
                "InstanceType": itype,
                "InstanceTypeFamily": family,
                "Cpu": 2,
                "Memory": "8192",
                "Status": if i % 7 == 0 { "Stopped" } else { "Running" },
                "ImageId": image,
                "OSType": "linux",
                "InstanceChargeType": if i % 11 == 0 { "PrePaid" } else { "PostPaid" },
                "SpotStrategy": strategy,
                "SpotPriceLimit": if strategy == "SpotWithPriceLimit" { 0.05 } else { 0.0 },
                "InstanceNetworkType": "vpc",
                "DeploymentSetId": if i % 10 == 0 { format!("ds-{r}-{}", i % 3) } else { String::new() },
                "CreationTime": format!("2024-04-{:02}T22:32Z", 1 + i % 28),
                "StartTime": "2024-05-01T00:00Z",
                "ExpiredTime": "2099-12-31T15:59Z",
                "Tags": {"Tag": [{"TagKey": "env", "TagValue": "prod"}, {"TagKey": "n", "TagValue": i.to_string()}]},
                "SecurityGroupIds": {"SecurityGroupId": ["sg-1"]},
                "PublicIpAddress": {"IpAddress": if i % 13 == 0 { vec![format!("47.0.0.{}", i % 250)] } else { vec![] }},
                "InnerIpAddress": {"IpAddress": []},
                "EipAddress": {"AllocationId": "", "IpAddress": "", "InternetChargeType": ""},
                "OperationLocks": {"LockReason": if spot && i % 3 == 0 { vec![json!({"LockReason": "Recycling"})] } else { vec![] }},
                "VpcAttributes": {"VpcId": format!("vpc-{r}"), "VSwitchId": format!("vsw-{r}-{}", i % 4), "NatIpAddress": "", "PrivateIpAddress": {"IpAddress": [format!("10.0.{}.{}", i / 250, i % 250)]}},
                "NetworkInterfaces": {"NetworkInterface": [{"NetworkInterfaceId": format!("eni-{i}"), "PrimaryIpAddress": "10.0.0.1", "PrivateIpSets": {"PrivateIpSet": [{"Primary": true, "PrivateIpAddress": "10.0.0.1"}]}}]},
                "MetadataOptions": {"HttpEndpoint": "enabled", "HttpTokens": if i % 2 == 0 { "required" } else { "optional" }, "HttpPutResponseHopLimit": 1},
                "DeletionProtection": i % 4 == 0,
                "InternetMaxBandwidthIn": "200",
                "InternetMaxBandwidthOut": 0,
                "IoOptimized": true,
                "GPUAmount": 0,
                "CpuOptions": {"CoreCount": 1, "ThreadsPerCore": 2, "Numa": ""}
            }));
            if i % 20 == 0 {
                for (n, (code, status)) in [(24, "Scheduled"), (1, "Executed")].iter().enumerate() {
                    events.push(json!({
                        "EventId": format!("e-{r}-{i}-{n}"),
                        "InstanceId": id,
                        "ResourceType": "instance",
                        "EventType": {"Code": 1, "Name": "SystemMaintenance.Reboot"},
                        "EventCycleStatus": {"Code": code, "Name": status},
                        "EventPublishTime": "2026-11-20T06:32:31Z",
                        "NotBefore": "2026-12-01T06:32:31Z",
                        "EventFinishTime": "",
                        "Reason": "A simulated event.",
                        "ImpactLevel": "100"
                    }));
                }
            }
            assistant.push(json!({
                "InstanceId": id,
                "CloudAssistantStatus": if i % 9 == 0 { "false" } else { "true" },
                "CloudAssistantVersion": "2.2.0.106",
                "LastHeartbeatTime": "2026-11-26T09:00:00Z",
                "LastInvokedTime": "2026-11-25T09:00:00Z",
                "InvocationCount": 3,
                "ActiveTaskCount": 0,
                "OSType": "Linux",
                "SupportSessionManager": true
            }));
            patch.push(json!({
                "InstanceId": id,
                "PatchGroup": "web",
                "BaselineId": format!("pb-{r}-0"),
                "InstalledCount": "12",
                "InstalledOtherCount": 0,
                "InstalledPendingRebootCount": 0,
                "InstalledRejectedCount": 0,
                "MissingCount": if i % 6 == 0 { 3 } else { 0 },
                "FailedCount": 0,
                "Operation": "Scan",
                "OperationStartTime": "2026-11-20T00:00:00Z",
                "OperationEndTime": "2026-11-20T00:05:00Z"
            }));
        }
        count("instances", list.len());
        count("instance_events", events.len());
        count("cloud_assistant", assistant.len());
        count("patch_states", patch.len());
        plan = plan
            .with("DescribeInstances", r, list)
            .with("DescribeInstanceHistoryEvents", r, events)
            .with("DescribeCloudAssistantStatus", r, assistant)
            .with("ListInstancePatchStates", r, patch);

        let mut images = Vec::new();
        for (id, status, created, owner) in [
            (&image_ok, "Available", "2026-06-01T00:00Z", "self"),
            (&image_old, "Deprecated", "2019-01-01T00:00Z", "self"),
            (&image_gone, "UnAvailable", "2020-01-01T00:00Z", "others"),
            (&image_config, "Available", "2026-01-01T00:00Z", "self"),
            (
                &image_market,
                "Available",
                "2026-03-01T00:00Z",
                "marketplace",
            ),
            (&image_system, "Available", "2026-05-01T00:00Z", "system"),
        ] {
            images.push(image(id, status, created, owner));
        }
        // Referenced: the instances' five and the configurations' one.
        count("images", 6);
        // Images nobody uses: never asked for.
        for k in 0..5 {
            images.push(image(
                &format!("m-spare-{r}-{k}"),
                "Available",
                "2026-01-01T00:00Z",
                "self",
            ));
        }
        plan = plan.with("DescribeImages", r, images);

        plan = plan.with(
            "DescribeInstanceTypeFamilies",
            r,
            FAMILIES
                .iter()
                .map(|(f, g)| json!({"InstanceTypeFamilyId": f, "Generation": g}))
                .collect(),
        );
        let mut types = Vec::new();
        for (family, _) in FAMILIES {
            for size in ["large", "xlarge", "2xlarge"] {
                types.push(json!({
                    "InstanceTypeId": format!("{family}.{size}"),
                    "InstanceTypeFamily": family,
                    "InstanceFamilyLevel": "EnterpriseLevel",
                    "CpuCoreCount": 2,
                    "MemorySize": 8,
                    "CpuArchitecture": "X86",
                    "GPUAmount": 0,
                    "GPUSpec": "",
                    "LocalStorageCategory": ""
                }));
            }
        }
        // The families in use: every instance type family (3 sizes each).
        count("instance_types", 3 * TYPES.len());
        plan = plan.with("DescribeInstanceTypes", r, types);

        let sets: Vec<Value> = (0..3)
            .map(|k| {
                json!({
                    "DeploymentSetId": format!("ds-{r}-{k}"),
                    "DeploymentSetName": format!("set-{k}"),
                    "DeploymentStrategy": "Availability",
                    "Domain": "Default",
                    "Granularity": "Host",
                    "InstanceIds": {"InstanceId": [format!("i-{r}-00000")]},
                    "InstanceAmount": 1,
                    "Capacities": {"Capacity": [{"ZoneId": format!("{r}-a"), "AvailableAmount": 19, "UsedAmount": 1}]},
                    "CreationTime": "Tue Jul 23 17:24:33 CST 2019"
                })
            })
            .collect();
        count("deployment_sets", sets.len());
        plan = plan.with("DescribeDeploymentSets", r, sets);

        let invocations: Vec<Value> = (0..60)
            .map(|k| {
                json!({
                    "InvokeId": format!("t-{r}-{k}"),
                    "CommandId": "c-1",
                    "CommandName": "patch",
                    "CommandType": "RunShellScript",
                    "InvocationStatus": "Success",
                    "InvokeStatus": "Finished",
                    "RepeatMode": "Once",
                    "Timed": false,
                    "CreationTime": "2026-11-20T06:00:00Z",
                    "InvokeInstances": {"InvokeInstance": [{"InstanceId": format!("i-{r}-00001"), "InvocationStatus": "Success", "ExitCode": 0, "Repeats": 1, "Dropped": 0}]}
                })
            })
            .collect();
        count("invocations", invocations.len());
        plan = plan.with("DescribeInvocations", r, invocations);

        let baselines: Vec<Value> = (0..3)
            .map(|k| {
                json!({
                    "Name": format!("baseline-{k}"),
                    "Id": format!("pb-{r}-{k}"),
                    "OperationSystem": "AliyunLinux",
                    "IsDefault": k == 0,
                    "ApprovedPatchesEnableNonSecurity": false,
                    "CreatedDate": "2026-01-01T00:00:00Z",
                    "UpdatedDate": "2026-01-01T00:00:00Z"
                })
            })
            .collect();
        count("patch_baselines", baselines.len());
        plan = plan.with("ListPatchBaselines", r, baselines);

        let vswitches: Vec<Value> = (0..4)
            .map(|k| {
                json!({
                    "VSwitchId": format!("vsw-{r}-{k}"),
                    "ZoneId": format!("{r}-{}", ["a", "b"][k % 2]),
                    "VpcId": format!("vpc-{r}"),
                    "CidrBlock": format!("10.0.{k}.0/24"),
                    "AvailableIpAddressCount": "250"
                })
            })
            .collect();
        count("vswitches", vswitches.len());
        plan = plan.with("DescribeVSwitches", r, vswitches);

        let pods: Vec<Value> = (0..45)
            .map(|k| {
                json!({
                    "ContainerGroupId": format!("eci-{r}-{k}"),
                    "ContainerGroupName": format!("pod-{k}"),
                    "RegionId": r,
                    "ZoneId": format!("{r}-a"),
                    "VpcId": format!("vpc-{r}"),
                    "VSwitchId": format!("vsw-{r}-0"),
                    "SecurityGroupId": "sg-1",
                    "Status": "Running",
                    "Cpu": 2.0,
                    "Memory": 4.0,
                    "SpotStrategy": if k % 3 == 0 { "SpotAsPriceGo" } else { "NoSpot" },
                    "RestartPolicy": if k % 6 == 0 { "Never" } else { "Always" },
                    "CreationTime": "2026-11-20T06:00:00Z",
                    "IntranetIp": "10.0.0.9",
                    "InternetIp": "",
                    "Tags": [{"Key": "app", "Value": "web"}],
                    "Containers": [{"Name": "app", "Image": if k % 4 == 0 { "nginx:latest" } else { "nginx@sha256:abc" }, "ImagePullPolicy": "IfNotPresent", "Cpu": 1.0, "Memory": 2.0, "Ready": true, "RestartCount": 0}]
                })
            })
            .collect();
        count("container_groups", pods.len());
        plan = plan.with("DescribeContainerGroups", r, pods);

        let mut scaling_groups = Vec::new();
        for j in 0..groups {
            let g = format!("asg-{r}-{j:03}");
            scaling_groups.push(json!({
                "ScalingGroupId": g,
                "ScalingGroupName": format!("group-{j}"),
                "RegionId": r,
                "GroupType": "ECS",
                "LifecycleState": "Active",
                "MinSize": 1,
                "MaxSize": "10",
                "DesiredCapacity": 2,
                "DefaultCooldown": 300,
                "HealthCheckType": "ECS",
                "VSwitchId": format!("vsw-{r}-0"),
                "VSwitchIds": {"VSwitchId": if j % 2 == 0 { vec![format!("vsw-{r}-0")] } else { vec![format!("vsw-{r}-0"), format!("vsw-{r}-1")] }},
                "VpcId": format!("vpc-{r}"),
                "MultiAZPolicy": "COST_OPTIMIZED",
                "OnDemandBaseCapacity": 0,
                "OnDemandPercentageAboveBaseCapacity": 0,
                "SpotInstancePools": 2,
                "SpotInstanceRemedy": j % 3 != 0,
                "CompensateWithOnDemand": true,
                "RemovalPolicies": {"RemovalPolicy": ["OldestScalingConfiguration", "OldestInstance"]},
                "ActiveScalingConfigurationId": format!("asc-{g}"),
                "TotalCapacity": 2,
                "TotalInstanceCount": 2,
                "SuspendedProcesses": {"SuspendedProcess": []},
                "LoadBalancerIds": {"LoadBalancerId": []},
                "DBInstanceIds": {"DBInstanceId": []},
                "CreationTime": "2024-08-14T10:58Z"
            }));
            let nested: [(&str, &'static str, Vec<Value>); 7] = [
                ("DescribeScalingConfigurations", "scaling_configurations", vec![json!({
                    "ScalingConfigurationId": format!("asc-{g}"),
                    "ScalingConfigurationName": "config",
                    "ScalingGroupId": g,
                    "LifecycleState": "Active",
                    "ImageId": if j % 2 == 0 { image_config.clone() } else { image_ok.clone() },
                    "InstanceType": CONFIG_TYPES[0],
                    "InstanceTypes": {"InstanceType": CONFIG_TYPES},
                    "SpotStrategy": "SpotAsPriceGo",
                    "HttpEndpoint": "enabled",
                    "HttpTokens": "optional",
                    "InternetMaxBandwidthOut": "0",
                    "SecurityGroupId": "sg-1",
                    "SystemDiskEncrypted": "false",
                    "DataDisks": {"DataDisk": {"Size": "200", "Category": "cloud", "Device": "/dev/xvdb"}},
                    "CreationTime": "2014-08-14T10:58Z"
                })]),
                ("DescribeScalingRules", "scaling_rules", (0..2).map(|k| json!({
                    "ScalingRuleId": format!("asr-{g}-{k}"),
                    "ScalingRuleAri": format!("ari:acs:ess:{r}:1:scalingrule/asr-{g}-{k}"),
                    "ScalingGroupId": g,
                    "ScalingRuleName": format!("rule-{k}"),
                    "ScalingRuleType": "SimpleScalingRule",
                    "AdjustmentType": "QuantityChangeInCapacity",
                    "AdjustmentValue": 1,
                    "Cooldown": 500,
                    "Alarms": {"Alarm": [{"AlarmTaskId": format!("alarm-{g}"), "MetricName": "CpuUtilization"}]}
                })).collect()),
                ("DescribeScheduledTasks", "scheduled_tasks", vec![json!({
                    "ScheduledTaskId": format!("st-{g}"),
                    "ScalingGroupId": g,
                    "ScheduledTaskName": "nightly",
                    "LaunchTime": "2020-03-01T00:00Z",
                    "LaunchExpirationTime": 600,
                    "RecurrenceType": "Daily",
                    "RecurrenceValue": "1",
                    "RecurrenceEndTime": "2020-03-02T00:00Z",
                    "TaskEnabled": false,
                    "MaxValue": 1
                })]),
                ("DescribeLifecycleHooks", "lifecycle_hooks", vec![json!({
                    "LifecycleHookId": format!("ash-{g}"),
                    "ScalingGroupId": g,
                    "LifecycleHookName": "drain",
                    "DefaultResult": "CONTINUE",
                    "HeartbeatTimeout": "60",
                    "LifecycleTransition": if j % 2 == 0 { "SCALE_IN" } else { "SCALE_OUT" },
                    "LifecycleHookStatus": "Active",
                    "NotificationArn": format!("acs:ess:{r}:1:null/null")
                })]),
                ("DescribeNotificationConfigurations", "notification_configurations", vec![json!({
                    "NotificationArn": format!("acs:mns:{r}:1:queue/q-{j}"),
                    "ScalingGroupId": g,
                    "NotificationTypes": {"NotificationType": ["AUTOSCALING:SCALE_OUT_SUCCESS"]}
                })]),
                ("DescribeAlarms", "alarms", vec![json!({
                    "AlarmTaskId": format!("alarm-{g}"),
                    "ScalingGroupId": g,
                    "Name": "cpu",
                    "MetricType": "system",
                    "MetricName": "CpuUtilization",
                    "Statistics": "Average",
                    "ComparisonOperator": ">=",
                    "Threshold": 80,
                    "EvaluationCount": 3,
                    "Period": 300,
                    "Enable": true,
                    "State": "OK",
                    "AlarmActions": {"AlarmAction": [format!("ari:acs:ess:{r}:1:scalingrule/asr-{g}-0")]},
                    "Dimensions": {"Dimension": [{"DimensionKey": "scaling_group", "DimensionValue": g}]}
                })]),
                ("DescribeScalingInstances", "scaling_instances", (0..2).map(|k| json!({
                    "InstanceId": format!("i-{r}-{:05}", (j * 2 + k) % instances.max(1)),
                    "ScalingGroupId": g,
                    "ScalingConfigurationId": format!("asc-{g}"),
                    "LifecycleState": "InService",
                    "HealthStatus": "Healthy",
                    "CreationType": "AutoCreated",
                    "SpotStrategy": "SpotAsPriceGo",
                    "ZoneId": format!("{r}-a"),
                    "WeightedCapacity": 1,
                    "CreatedTime": "2020-12-21T03:11:00Z",
                    "CreationTime": "2020-12-21T03:11Z",
                    "Entrusted": true
                })).collect()),
            ];
            for (action, collection, items) in nested {
                count(collection, items.len());
                plan = plan.with(action, r, items);
            }
        }
        count("scaling_groups", scaling_groups.len());
        plan = plan.with("DescribeScalingGroups", r, scaling_groups);

        // Every type has prices; only those launched as spot are asked for
        // (8 VPC samples each).
        for (t, _) in TYPES.iter().chain(&[("ecs.r6.large", "ecs.r6")]) {
            plan = plan.with("DescribeSpotPriceHistory", r, spot_prices(r, t));
        }
        count("spot_prices", 8 * spot_types.len());
    }
    Fleet {
        plan,
        expected,
        spot_types,
    }
}

fn image(id: &str, status: &str, created: &str, owner: &str) -> Value {
    json!({
        "ImageId": id,
        "ImageName": id,
        "ImageFamily": "aliyun_3",
        "ImageVersion": "1",
        "ImageOwnerAlias": owner,
        "CreationTime": created,
        "OSName": "Alibaba Cloud Linux 3",
        "OSType": "linux",
        "Platform": "Aliyun",
        "Architecture": "x86_64",
        "Status": status,
        "Usage": "instance",
        "IsPublic": false,
        "IsCopied": "false",
        "Size": "40",
        "Tags": {"Tag": []},
        "DiskDeviceMappings": {"DiskDeviceMapping": [{"Device": "/dev/xvda", "Size": "40", "Type": "system"}]}
    })
}
