//! Snapshot model v1: the shape a snapshot must have to be judged.
//!
//! These types describe; they carry no data (the data lives in the engine's
//! value tree). They generate `schemas/snapshot.schema.json` (`ecsguard
//! schema`), and the loader enforces exactly that schema (`validate`), so
//! what users read and what is checked cannot drift apart. Optional fields
//! may be absent, never null, so a rule never has to tell the two apart.
//!
//! Field names inside a resource are the Alibaba Cloud API's own; wrapper
//! objects (`Instances.Instance[]`, `Tags.Tag[]`) are removed, values are
//! typed and timestamps are RFC 3339 UTC with seconds. Only the fields that
//! matter to judging are typed here; every other API field may be present
//! and is passed to the policies unchanged.

#![allow(non_snake_case, dead_code)]

use schemars::JsonSchema;

use super::types::{Text, Timestamp};

/// The snapshot schema version this build reads and writes.
pub const SCHEMA_VERSION: &str = "1";

/// One normalized snapshot of an Alibaba Cloud compute fleet.
///
/// A collection that is absent was not collected: rules that need it answer
/// `unknown`. An empty collection was collected and holds nothing.
#[derive(JsonSchema)]
#[schemars(title = "ecsguard snapshot", extend("$id" = "urn:ecsguard:schema:snapshot:1"))]
pub struct Snapshot {
    /// Version of this document's shape. Always "1" for this schema.
    pub schema_version: SchemaVersion,
    /// When collection finished (RFC 3339 UTC). Time-based rules measure
    /// against it, so re-judging an old snapshot gives the same answer.
    pub collected_at: Timestamp,
    /// The Alibaba Cloud account (UID) the snapshot was taken from.
    pub account_id: Option<String>,
    /// The regions that were asked for.
    pub regions: Vec<Text>,
    /// What produced this snapshot.
    pub collector: Collector,
    /// ECS DescribeInstances (with `AdditionalAttributes=META_OPTIONS`).
    pub instances: Option<Vec<Instance>>,
    /// ECS DescribeInstanceTypes for the types in use, with `Generation`
    /// joined from DescribeInstanceTypeFamilies.
    pub instance_types: Option<Vec<InstanceType>>,
    /// ECS DescribeImages (every Status listed, so Deprecated and UnAvailable show) for
    /// every image referenced by an instance or scaling configuration.
    pub images: Option<Vec<Image>>,
    /// ECS DescribeDeploymentSets.
    pub deployment_sets: Option<Vec<DeploymentSet>>,
    /// ECS DescribeInstanceHistoryEvents, scheduled and in-progress system events included.
    pub instance_events: Option<Vec<InstanceEvent>>,
    /// ECS DescribeCloudAssistantStatus: one entry per instance.
    pub cloud_assistant: Option<Vec<CloudAssistantStatus>>,
    /// ECS DescribeInvocations: recent Cloud Assistant command runs.
    pub invocations: Option<Vec<Invocation>>,
    /// OOS ListPatchBaselines.
    pub patch_baselines: Option<Vec<PatchBaseline>>,
    /// OOS ListInstancePatchStates: the patch compliance of each instance.
    pub patch_states: Option<Vec<PatchState>>,
    /// VPC DescribeVSwitches: the zone of every vSwitch a scaling group or container group uses.
    pub vswitches: Option<Vec<VSwitch>>,
    /// ECS DescribeSpotPriceHistory for the spot instance types in use.
    pub spot_prices: Option<Vec<SpotPrice>>,
    /// ESS DescribeScalingGroups, each carrying its configurations, rules,
    /// scheduled tasks, lifecycle hooks, notifications, alarms and instances.
    pub scaling_groups: Option<Vec<ScalingGroup>>,
    /// ECI DescribeContainerGroups.
    pub container_groups: Option<Vec<ContainerGroup>>,
    /// What could not be collected. Rules whose data is listed here answer
    /// `unknown` for that region, never pass.
    pub collection_errors: Vec<CollectionError>,
}

/// The snapshot schema version; only "1" is accepted.
pub struct SchemaVersion;

impl JsonSchema for SchemaVersion {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SchemaVersion".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "const": SCHEMA_VERSION,
            "description": "Version of the snapshot's shape; this ecsguard reads \"1\"."
        })
    }
}

/// The program that wrote the snapshot.
#[derive(JsonSchema)]
pub struct Collector {
    /// Program name, e.g. "ecsguard".
    pub name: Text,
    /// Program version.
    pub version: Text,
    /// The API endpoint override used, if any (absent: the public regional endpoints).
    pub endpoint: Option<Text>,
}

/// One API call whose result is missing from the snapshot.
#[derive(JsonSchema)]
pub struct CollectionError {
    /// Product code: Ecs, Ess, Eci, Oos, Vpc.
    pub product: Text,
    /// API action, e.g. DescribeCloudAssistantStatus.
    pub action: Text,
    /// Region the call was made for.
    pub region: Text,
    /// The API error code (e.g. Forbidden.RAM, Throttling.User) or a transport error class.
    pub code: Text,
    /// The error message as returned.
    pub message: Text,
    /// RequestId of the last failed attempt, when the API answered.
    pub request_id: Option<Text>,
    /// HTTP status of the last failed attempt, when there was one.
    pub http_status: Option<u16>,
}

/// A tag, `Tags.Tag[]` flattened to `{Key, Value}`.
#[derive(JsonSchema)]
pub struct Tag {
    pub Key: Text,
    pub Value: Option<Text>,
}

/// ECS instance (DescribeInstances `Instances.Instance[]`).
#[derive(JsonSchema)]
pub struct Instance {
    pub InstanceId: Text,
    pub RegionId: Text,
    pub InstanceName: Option<Text>,
    pub HostName: Option<Text>,
    pub ZoneId: Option<Text>,
    pub InstanceType: Option<Text>,
    pub InstanceTypeFamily: Option<Text>,
    /// vCPUs.
    pub Cpu: Option<i64>,
    /// Memory in MiB.
    pub Memory: Option<i64>,
    /// Pending, Running, Starting, Stopping, Stopped.
    pub Status: Option<Text>,
    pub ImageId: Option<Text>,
    pub OSName: Option<Text>,
    pub OSNameEn: Option<Text>,
    /// linux or windows.
    pub OSType: Option<Text>,
    /// PrePaid (subscription) or PostPaid (pay-as-you-go).
    pub InstanceChargeType: Option<Text>,
    pub InternetChargeType: Option<Text>,
    /// NoSpot, SpotWithPriceLimit, SpotAsPriceGo.
    pub SpotStrategy: Option<Text>,
    pub SpotPriceLimit: Option<f64>,
    /// Protected duration of a spot instance, in hours.
    pub SpotDuration: Option<i64>,
    /// Terminate (default) or Stop (economical mode).
    pub SpotInterruptionBehavior: Option<Text>,
    pub DeploymentSetId: Option<Text>,
    pub DeploymentSetGroupNo: Option<i64>,
    pub InstanceNetworkType: Option<Text>,
    pub VpcAttributes: Option<VpcAttributes>,
    /// `PublicIpAddress.IpAddress[]` flattened.
    pub PublicIpAddress: Option<Vec<Text>>,
    /// `InnerIpAddress.IpAddress[]` flattened (classic network).
    pub InnerIpAddress: Option<Vec<Text>>,
    pub EipAddress: Option<EipAddress>,
    /// `SecurityGroupIds.SecurityGroupId[]` flattened.
    pub SecurityGroupIds: Option<Vec<Text>>,
    pub Tags: Option<Vec<Tag>>,
    pub CreationTime: Option<Timestamp>,
    pub StartTime: Option<Timestamp>,
    pub ExpiredTime: Option<Timestamp>,
    pub AutoReleaseTime: Option<Timestamp>,
    /// `OperationLocks.LockReason[]` flattened. `recycling` marks a spot
    /// instance about to be reclaimed (compare case-insensitively).
    pub OperationLocks: Option<Vec<OperationLock>>,
    pub MetadataOptions: Option<MetadataOptions>,
    pub DeletionProtection: Option<bool>,
    pub StoppedMode: Option<Text>,
    pub InternetMaxBandwidthIn: Option<i64>,
    pub InternetMaxBandwidthOut: Option<i64>,
    pub IoOptimized: Option<bool>,
    pub GPUAmount: Option<i64>,
    pub KeyPairName: Option<Text>,
    pub ResourceGroupId: Option<Text>,
}

#[derive(JsonSchema)]
pub struct VpcAttributes {
    pub VpcId: Option<Text>,
    pub VSwitchId: Option<Text>,
    /// `PrivateIpAddress.IpAddress[]` flattened.
    pub PrivateIpAddress: Option<Vec<Text>>,
    pub NatIpAddress: Option<Text>,
}

#[derive(JsonSchema)]
pub struct EipAddress {
    pub AllocationId: Option<Text>,
    /// Empty when no EIP is bound.
    pub IpAddress: Option<Text>,
    pub Bandwidth: Option<i64>,
    pub InternetChargeType: Option<Text>,
}

#[derive(JsonSchema)]
pub struct OperationLock {
    /// financial, security, recycling, dedicatedhostfinancial, refunded.
    pub LockReason: Text,
    pub LockMsg: Option<Text>,
}

/// Instance metadata service settings (only returned with `AdditionalAttributes=META_OPTIONS`).
#[derive(JsonSchema)]
pub struct MetadataOptions {
    /// enabled or disabled.
    pub HttpEndpoint: Option<Text>,
    /// optional (IMDSv1 allowed) or required (token-only, IMDSv2).
    pub HttpTokens: Option<Text>,
    pub HttpPutResponseHopLimit: Option<i64>,
    pub InstanceMetadataTags: Option<Text>,
}

/// ECS instance type (DescribeInstanceTypes).
#[derive(JsonSchema)]
pub struct InstanceType {
    pub InstanceTypeId: Text,
    pub RegionId: Text,
    pub InstanceTypeFamily: Option<Text>,
    /// From DescribeInstanceTypeFamilies, e.g. ecs-5.
    pub Generation: Option<Text>,
    /// EntryLevel, EnterpriseLevel, CreditEntryLevel.
    pub InstanceFamilyLevel: Option<Text>,
    pub InstanceCategory: Option<Text>,
    pub CpuCoreCount: Option<i64>,
    /// Memory in GiB.
    pub MemorySize: Option<f64>,
    pub CpuArchitecture: Option<Text>,
    pub GPUAmount: Option<i64>,
}

/// ECS image (DescribeImages, every Status listed).
#[derive(JsonSchema)]
pub struct Image {
    pub ImageId: Text,
    pub RegionId: Text,
    pub ImageName: Option<Text>,
    pub ImageFamily: Option<Text>,
    pub ImageVersion: Option<Text>,
    /// system, self, others, marketplace.
    pub ImageOwnerAlias: Option<Text>,
    pub CreationTime: Option<Timestamp>,
    pub OSName: Option<Text>,
    pub OSNameEn: Option<Text>,
    pub OSType: Option<Text>,
    pub Platform: Option<Text>,
    pub Architecture: Option<Text>,
    /// Creating, Waiting, Available, UnAvailable, CreateFailed, Deprecated.
    pub Status: Option<Text>,
    pub Usage: Option<Text>,
    pub IsPublic: Option<bool>,
    pub IsCopied: Option<bool>,
    pub IsSubscribed: Option<bool>,
    /// Image size in GiB.
    pub Size: Option<i64>,
    pub BootMode: Option<Text>,
    pub Tags: Option<Vec<Tag>>,
}

/// ECS deployment set (DescribeDeploymentSets).
#[derive(JsonSchema)]
pub struct DeploymentSet {
    pub DeploymentSetId: Text,
    pub RegionId: Text,
    pub DeploymentSetName: Option<Text>,
    /// Availability, AvailabilityGroup, LowLatency (older: LooseDispersion, LooseAggregation).
    pub DeploymentStrategy: Option<Text>,
    pub Domain: Option<Text>,
    pub Granularity: Option<Text>,
    /// `InstanceIds.InstanceId[]` flattened.
    pub InstanceIds: Option<Vec<Text>>,
    pub InstanceAmount: Option<i64>,
    pub GroupCount: Option<i64>,
    /// `Capacities.Capacity[]` flattened: per-zone headroom.
    pub Capacities: Option<Vec<DeploymentSetCapacity>>,
    pub CreationTime: Option<Timestamp>,
}

#[derive(JsonSchema)]
pub struct DeploymentSetCapacity {
    pub ZoneId: Text,
    pub AvailableAmount: Option<i64>,
    pub UsedAmount: Option<i64>,
}

/// ECS system event (DescribeInstanceHistoryEvents `InstanceSystemEventType`).
#[derive(JsonSchema)]
pub struct InstanceEvent {
    pub EventId: Text,
    pub RegionId: Text,
    pub InstanceId: Option<Text>,
    pub ResourceType: Option<Text>,
    pub EventType: Option<CodeName>,
    /// Scheduled, Avoided, Executing, Executed, Canceled, Failed, Inquiring.
    pub EventCycleStatus: Option<CodeName>,
    pub EventPublishTime: Option<Timestamp>,
    pub NotBefore: Option<Timestamp>,
    pub EventFinishTime: Option<Timestamp>,
    pub Reason: Option<Text>,
    pub ReasonCode: Option<Text>,
    pub ImpactLevel: Option<Text>,
}

#[derive(JsonSchema)]
pub struct CodeName {
    pub Code: Option<i64>,
    pub Name: Text,
}

/// Cloud Assistant agent status of one instance (DescribeCloudAssistantStatus).
#[derive(JsonSchema)]
pub struct CloudAssistantStatus {
    pub InstanceId: Text,
    pub RegionId: Text,
    /// Whether the agent is running (the API's string "true"/"false", typed).
    pub CloudAssistantStatus: Option<bool>,
    pub CloudAssistantVersion: Option<Text>,
    pub LastHeartbeatTime: Option<Timestamp>,
    pub LastInvokedTime: Option<Timestamp>,
    pub InvocationCount: Option<i64>,
    pub ActiveTaskCount: Option<i64>,
    pub OSType: Option<Text>,
    pub SupportSessionManager: Option<bool>,
}

/// Cloud Assistant command invocation (DescribeInvocations).
#[derive(JsonSchema)]
pub struct Invocation {
    pub InvokeId: Text,
    pub RegionId: Text,
    pub CommandId: Option<Text>,
    pub CommandName: Option<Text>,
    pub CommandType: Option<Text>,
    pub InvocationStatus: Option<Text>,
    pub InvokeStatus: Option<Text>,
    pub RepeatMode: Option<Text>,
    pub Timed: Option<bool>,
    pub Frequency: Option<Text>,
    pub CreationTime: Option<Timestamp>,
    /// `InvokeInstances.InvokeInstance[]` flattened.
    pub InvokeInstances: Option<Vec<InvokeInstance>>,
}

#[derive(JsonSchema)]
pub struct InvokeInstance {
    pub InstanceId: Text,
    pub InvocationStatus: Option<Text>,
    pub InstanceInvokeStatus: Option<Text>,
    pub ExitCode: Option<i64>,
    pub ErrorCode: Option<Text>,
    pub ErrorInfo: Option<Text>,
    pub StartTime: Option<Timestamp>,
    pub FinishTime: Option<Timestamp>,
    pub Repeats: Option<i64>,
    pub Dropped: Option<i64>,
}

/// OOS patch baseline (ListPatchBaselines).
#[derive(JsonSchema)]
pub struct PatchBaseline {
    pub Name: Text,
    pub RegionId: Text,
    pub Id: Option<Text>,
    pub OperationSystem: Option<Text>,
    pub Description: Option<Text>,
    pub IsDefault: Option<bool>,
    pub ApprovedPatchesEnableNonSecurity: Option<bool>,
    pub CreatedDate: Option<Timestamp>,
    pub UpdatedDate: Option<Timestamp>,
}

/// OOS patch compliance of one instance (ListInstancePatchStates).
#[derive(JsonSchema)]
pub struct PatchState {
    pub InstanceId: Text,
    pub RegionId: Text,
    pub PatchGroup: Option<Text>,
    pub BaselineId: Option<Text>,
    pub InstalledCount: Option<i64>,
    pub InstalledOtherCount: Option<i64>,
    pub InstalledPendingRebootCount: Option<i64>,
    pub InstalledRejectedCount: Option<i64>,
    pub MissingCount: Option<i64>,
    pub FailedCount: Option<i64>,
    /// Scan or Install.
    pub Operation: Option<Text>,
    pub OperationStartTime: Option<Timestamp>,
    pub OperationEndTime: Option<Timestamp>,
}

/// VPC vSwitch (DescribeVSwitches): where a vSwitch sits.
#[derive(JsonSchema)]
pub struct VSwitch {
    pub VSwitchId: Text,
    pub RegionId: Text,
    pub ZoneId: Text,
    pub VpcId: Option<Text>,
    pub CidrBlock: Option<Text>,
    pub AvailableIpAddressCount: Option<i64>,
}

/// Spot price sample (DescribeSpotPriceHistory `SpotPrices.SpotPriceType[]`).
#[derive(JsonSchema)]
pub struct SpotPrice {
    pub RegionId: Text,
    pub ZoneId: Text,
    pub InstanceType: Text,
    pub SpotPrice: f64,
    pub OriginPrice: Option<f64>,
    pub Timestamp: Timestamp,
    pub NetworkType: Option<Text>,
    pub IoOptimized: Option<Text>,
}

/// Auto Scaling group (DescribeScalingGroups) with what belongs to it.
#[derive(JsonSchema)]
pub struct ScalingGroup {
    pub ScalingGroupId: Text,
    pub RegionId: Text,
    pub ScalingGroupName: Option<Text>,
    /// ECS or ECI.
    pub GroupType: Option<Text>,
    /// Active, Inactive, Deleting.
    pub LifecycleState: Option<Text>,
    pub MinSize: Option<i64>,
    pub MaxSize: Option<i64>,
    pub DesiredCapacity: Option<i64>,
    pub DefaultCooldown: Option<i64>,
    /// NONE, ECS, LOAD_BALANCER.
    pub HealthCheckType: Option<Text>,
    pub HealthCheckTypes: Option<Vec<Text>>,
    pub VSwitchId: Option<Text>,
    pub VSwitchIds: Option<Vec<Text>>,
    pub VpcId: Option<Text>,
    /// PRIORITY, COST_OPTIMIZED, BALANCE, COMPOSABLE.
    pub MultiAZPolicy: Option<Text>,
    pub OnDemandBaseCapacity: Option<i64>,
    pub OnDemandPercentageAboveBaseCapacity: Option<i64>,
    pub SpotInstancePools: Option<i64>,
    pub SpotInstanceRemedy: Option<bool>,
    pub CompensateWithOnDemand: Option<bool>,
    pub ScalingPolicy: Option<Text>,
    pub RemovalPolicies: Option<Vec<Text>>,
    pub ActiveScalingConfigurationId: Option<Text>,
    pub LaunchTemplateId: Option<Text>,
    pub LaunchTemplateVersion: Option<Text>,
    pub TotalCapacity: Option<i64>,
    pub TotalInstanceCount: Option<i64>,
    pub ActiveCapacity: Option<i64>,
    pub PendingCapacity: Option<i64>,
    pub RemovingCapacity: Option<i64>,
    pub SpotCapacity: Option<i64>,
    pub MaxInstanceLifetime: Option<i64>,
    pub SuspendedProcesses: Option<Vec<Text>>,
    pub GroupDeletionProtection: Option<bool>,
    pub LoadBalancerIds: Option<Vec<Text>>,
    /// vServer groups of classic load balancers the group is attached to.
    pub VServerGroups: Option<Vec<VServerGroup>>,
    /// ALB server groups the group is attached to.
    pub AlbServerGroups: Option<Vec<AlbServerGroup>>,
    /// ALB, NLB (and other) server groups the group is attached to.
    pub ServerGroups: Option<Vec<ServerGroup>>,
    pub DBInstanceIds: Option<Vec<Text>>,
    pub Tags: Option<Vec<Tag>>,
    pub CreationTime: Option<Timestamp>,
    /// DescribeScalingConfigurations for this group.
    pub scaling_configurations: Option<Vec<ScalingConfiguration>>,
    /// DescribeScalingRules (ShowAlarmRules=true) for this group.
    pub scaling_rules: Option<Vec<ScalingRule>>,
    /// DescribeScheduledTasks for this group.
    pub scheduled_tasks: Option<Vec<ScheduledTask>>,
    /// DescribeLifecycleHooks for this group.
    pub lifecycle_hooks: Option<Vec<LifecycleHook>>,
    /// DescribeNotificationConfigurations for this group.
    pub notification_configurations: Option<Vec<NotificationConfiguration>>,
    /// DescribeAlarms for this group.
    pub alarms: Option<Vec<Alarm>>,
    /// DescribeScalingInstances for this group.
    pub scaling_instances: Option<Vec<ScalingInstance>>,
}

#[derive(JsonSchema)]
pub struct VServerGroup {
    pub LoadBalancerId: Text,
}

#[derive(JsonSchema)]
pub struct AlbServerGroup {
    pub AlbServerGroupId: Text,
    pub Port: Option<i64>,
    pub Weight: Option<i64>,
}

#[derive(JsonSchema)]
pub struct ServerGroup {
    pub ServerGroupId: Text,
    /// ALB or NLB.
    pub Type: Option<Text>,
    pub Port: Option<i64>,
    pub Weight: Option<i64>,
}

/// ESS scaling configuration (DescribeScalingConfigurations).
#[derive(JsonSchema)]
pub struct ScalingConfiguration {
    pub ScalingConfigurationId: Text,
    pub RegionId: Text,
    pub ScalingGroupId: Option<Text>,
    pub ScalingConfigurationName: Option<Text>,
    /// Active or Inactive.
    pub LifecycleState: Option<Text>,
    pub ImageId: Option<Text>,
    pub ImageFamily: Option<Text>,
    pub InstanceType: Option<Text>,
    pub InstanceTypes: Option<Vec<Text>>,
    pub Cpu: Option<i64>,
    pub Memory: Option<i64>,
    pub SpotStrategy: Option<Text>,
    pub SpotPriceLimits: Option<Vec<SpotPriceLimit>>,
    pub SpotDuration: Option<i64>,
    pub SpotInterruptionBehavior: Option<Text>,
    pub DeploymentSetId: Option<Text>,
    pub HttpEndpoint: Option<Text>,
    pub HttpTokens: Option<Text>,
    pub InternetMaxBandwidthOut: Option<i64>,
    pub SystemDiskEncrypted: Option<bool>,
    /// The data disks each instance gets.
    pub DataDisks: Option<Vec<ScalingDataDisk>>,
    pub SecurityGroupId: Option<Text>,
    pub SecurityGroupIds: Option<Vec<Text>>,
    pub KeyPairName: Option<Text>,
    pub RamRoleName: Option<Text>,
    pub Tags: Option<Vec<Tag>>,
    pub CreationTime: Option<Timestamp>,
}

/// A data disk of a scaling configuration.
#[derive(JsonSchema)]
pub struct ScalingDataDisk {
    pub Category: Option<Text>,
    /// GiB.
    pub Size: Option<i64>,
    /// The API's string "true"/"false", typed.
    pub Encrypted: Option<bool>,
    pub KMSKeyId: Option<Text>,
}

#[derive(JsonSchema)]
pub struct SpotPriceLimit {
    pub InstanceType: Text,
    pub PriceLimit: f64,
}

/// ESS scaling rule (DescribeScalingRules).
#[derive(JsonSchema)]
pub struct ScalingRule {
    pub ScalingRuleId: Text,
    pub RegionId: Text,
    pub ScalingGroupId: Option<Text>,
    pub ScalingRuleName: Option<Text>,
    pub ScalingRuleAri: Option<Text>,
    /// SimpleScalingRule, TargetTrackingScalingRule, StepScalingRule, PredictiveScalingRule.
    pub ScalingRuleType: Option<Text>,
    /// QuantityChangeInCapacity, PercentChangeInCapacity, TotalCapacity.
    pub AdjustmentType: Option<Text>,
    pub AdjustmentValue: Option<i64>,
    pub MinAdjustmentMagnitude: Option<i64>,
    pub Cooldown: Option<i64>,
    pub MetricName: Option<Text>,
    pub TargetValue: Option<f64>,
    pub DisableScaleIn: Option<bool>,
    pub EstimatedInstanceWarmup: Option<i64>,
}

/// ESS scheduled task (DescribeScheduledTasks).
#[derive(JsonSchema)]
pub struct ScheduledTask {
    pub ScheduledTaskId: Text,
    pub RegionId: Text,
    pub ScalingGroupId: Option<Text>,
    pub ScheduledTaskName: Option<Text>,
    pub Description: Option<Text>,
    pub LaunchTime: Option<Timestamp>,
    /// Seconds a missed launch may be retried (0–21600).
    pub LaunchExpirationTime: Option<i64>,
    /// Daily, Weekly, Monthly, Cron; absent for a one-off task.
    pub RecurrenceType: Option<Text>,
    pub RecurrenceValue: Option<Text>,
    pub RecurrenceEndTime: Option<Timestamp>,
    pub TaskEnabled: Option<bool>,
    /// The scaling rule ARI the task runs, when it runs one.
    pub ScheduledAction: Option<Text>,
    pub DesiredCapacity: Option<i64>,
    pub MinValue: Option<i64>,
    pub MaxValue: Option<i64>,
}

/// ESS lifecycle hook (DescribeLifecycleHooks).
#[derive(JsonSchema)]
pub struct LifecycleHook {
    pub LifecycleHookId: Text,
    pub RegionId: Text,
    pub ScalingGroupId: Option<Text>,
    pub LifecycleHookName: Option<Text>,
    /// SCALE_OUT or SCALE_IN.
    pub LifecycleTransition: Option<Text>,
    /// CONTINUE or ABANDON.
    pub DefaultResult: Option<Text>,
    /// Seconds (30–21600).
    pub HeartbeatTimeout: Option<i64>,
    /// Active or InActive.
    pub LifecycleHookStatus: Option<Text>,
    pub NotificationArn: Option<Text>,
    pub NotificationMetadata: Option<Text>,
}

/// ESS event notification (DescribeNotificationConfigurations).
#[derive(JsonSchema)]
pub struct NotificationConfiguration {
    pub NotificationArn: Text,
    pub RegionId: Text,
    pub ScalingGroupId: Option<Text>,
    pub NotificationTypes: Option<Vec<Text>>,
    pub MessageEncoding: Option<Text>,
    pub TimeZone: Option<Text>,
}

/// ESS event-triggered task (DescribeAlarms).
#[derive(JsonSchema)]
pub struct Alarm {
    pub AlarmTaskId: Text,
    pub RegionId: Text,
    pub ScalingGroupId: Option<Text>,
    pub Name: Option<Text>,
    pub MetricType: Option<Text>,
    pub MetricName: Option<Text>,
    pub Statistics: Option<Text>,
    pub ComparisonOperator: Option<Text>,
    pub Threshold: Option<f64>,
    pub EvaluationCount: Option<i64>,
    pub Period: Option<i64>,
    pub Enable: Option<bool>,
    /// ALARM, OK, INSUFFICIENT_DATA.
    pub State: Option<Text>,
    /// Scaling rule ARIs the alarm runs.
    pub AlarmActions: Option<Vec<Text>>,
}

/// An instance in a scaling group (DescribeScalingInstances).
#[derive(JsonSchema)]
pub struct ScalingInstance {
    pub InstanceId: Text,
    pub RegionId: Text,
    pub ScalingGroupId: Option<Text>,
    pub ScalingConfigurationId: Option<Text>,
    /// InService, Pending, Removing, Protected, Standby, Stopped.
    pub LifecycleState: Option<Text>,
    pub HealthStatus: Option<Text>,
    /// AutoCreated, Attached, Managed.
    pub CreationType: Option<Text>,
    pub SpotStrategy: Option<Text>,
    pub ZoneId: Option<Text>,
    pub WeightedCapacity: Option<i64>,
    pub CreatedTime: Option<Timestamp>,
}

/// ECI container group (DescribeContainerGroups).
#[derive(JsonSchema)]
pub struct ContainerGroup {
    pub ContainerGroupId: Text,
    pub RegionId: Text,
    pub ContainerGroupName: Option<Text>,
    pub ZoneId: Option<Text>,
    pub VpcId: Option<Text>,
    pub VSwitchId: Option<Text>,
    pub SecurityGroupId: Option<Text>,
    /// Pending, Running, Succeeded, Failed, Scheduling, ScheduleFailed, Restarting, Updating, Terminating, Expired.
    pub Status: Option<Text>,
    /// vCPUs.
    pub Cpu: Option<f64>,
    /// Memory in GiB.
    pub Memory: Option<f64>,
    pub InstanceType: Option<Text>,
    pub SpotStrategy: Option<Text>,
    pub SpotPriceLimit: Option<f64>,
    /// Never, Always, OnFailure.
    pub RestartPolicy: Option<Text>,
    pub CreationTime: Option<Timestamp>,
    pub IntranetIp: Option<Text>,
    pub InternetIp: Option<Text>,
    pub RamRoleName: Option<Text>,
    pub Tags: Option<Vec<Tag>>,
    pub Containers: Option<Vec<Container>>,
    /// The group's volumes; containers mount them by `Name` (`VolumeMounts`).
    pub Volumes: Option<Vec<Volume>>,
}

/// A volume of a container group.
#[derive(JsonSchema)]
pub struct Volume {
    pub Name: Text,
    /// EmptyDirVolume, NFSVolume, ConfigFileVolume, DiskVolume, FlexVolume, HostPathVolume.
    pub Type: Option<Text>,
}

#[derive(JsonSchema)]
pub struct Container {
    pub Name: Text,
    pub Image: Option<Text>,
    pub ImagePullPolicy: Option<Text>,
    pub Cpu: Option<f64>,
    pub Memory: Option<f64>,
    pub Ready: Option<bool>,
    pub RestartCount: Option<i64>,
    pub SecurityContext: Option<SecurityContext>,
    pub LivenessProbe: Option<Probe>,
    pub ReadinessProbe: Option<Probe>,
    pub EnvironmentVars: Option<Vec<EnvironmentVar>>,
    pub VolumeMounts: Option<Vec<VolumeMount>>,
}

/// A container's security settings.
#[derive(JsonSchema)]
pub struct SecurityContext {
    /// The user the container runs as; absent: the image's user.
    pub RunAsUser: Option<i64>,
    pub ReadOnlyRootFilesystem: Option<bool>,
    pub Capability: Option<Capability>,
}

#[derive(JsonSchema)]
pub struct Capability {
    /// Linux capabilities added to the container (NET_ADMIN, SYS_ADMIN...).
    pub Adds: Option<Vec<Text>>,
}

/// A liveness or readiness probe. One with none of `HttpGet`, `TcpSocket`
/// or `Execs` set checks nothing.
#[derive(JsonSchema)]
pub struct Probe {
    pub HttpGet: Option<ProbeHttpGet>,
    pub TcpSocket: Option<ProbeTcpSocket>,
    /// The command run inside the container.
    pub Execs: Option<Vec<Text>>,
    pub InitialDelaySeconds: Option<i64>,
    pub PeriodSeconds: Option<i64>,
    pub TimeoutSeconds: Option<i64>,
    pub FailureThreshold: Option<i64>,
    pub SuccessThreshold: Option<i64>,
}

#[derive(JsonSchema)]
pub struct ProbeHttpGet {
    pub Path: Option<Text>,
    pub Port: Option<i64>,
    /// HTTP or HTTPS.
    pub Scheme: Option<Text>,
}

#[derive(JsonSchema)]
pub struct ProbeTcpSocket {
    pub Host: Option<Text>,
    pub Port: Option<i64>,
}

/// An environment variable: a literal `Value`, or `ValueFrom` a field of the group.
#[derive(JsonSchema)]
pub struct EnvironmentVar {
    pub Key: Text,
    pub Value: Option<Text>,
}

#[derive(JsonSchema)]
pub struct VolumeMount {
    /// The `Name` of a volume of the group.
    pub Name: Text,
    pub MountPath: Option<Text>,
    pub ReadOnly: Option<bool>,
}
