//! Snapshot model v1: the shape a snapshot must have to be judged.
//!
//! These types validate; they do not carry data. Every string field is a
//! [`Text`] (a zero-sized check that the value is a string), so validating a
//! 100k-instance snapshot allocates almost nothing: the data itself lives in
//! the engine's value tree. The same types generate
//! `schemas/snapshot.schema.json` (`ecsguard schema`), so the schema and the
//! validator cannot drift apart.
//!
//! Field names inside a resource are the Alibaba Cloud API's own; wrapper
//! objects (`Instances.Instance[]`, `Tags.Tag[]`) are removed, values are
//! typed and timestamps are RFC 3339 UTC with seconds. Only the fields that
//! matter to judging are typed here; every other API field may be present
//! and is passed to the policies unchanged.

#![allow(non_snake_case, dead_code)]

use schemars::JsonSchema;
use serde::Deserialize;

use super::types::{Text, Timestamp};

/// An optional field: absent means "not returned". `null` is refused, so a
/// rule never has to tell null from absent.
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// The snapshot schema version this build reads and writes.
pub const SCHEMA_VERSION: &str = "1";

/// One normalized snapshot of an Alibaba Cloud compute fleet.
///
/// A collection that is absent was not collected: rules that need it answer
/// `unknown`. An empty collection was collected and holds nothing.
#[derive(Deserialize, JsonSchema)]
#[schemars(title = "ecsguard snapshot", extend("$id" = "https://ecsguard.dev/schemas/snapshot-v1.json"))]
pub struct Snapshot {
    /// Version of this document's shape. Always "1" for this schema.
    pub schema_version: SchemaVersion,
    /// When collection finished (RFC 3339 UTC). Time-based rules measure
    /// against it, so re-judging an old snapshot gives the same answer.
    pub collected_at: Timestamp,
    /// The Alibaba Cloud account (UID) the snapshot was taken from.
    #[serde(default, deserialize_with = "present")]
    pub account_id: Option<String>,
    /// The regions that were asked for.
    pub regions: Vec<Text>,
    /// What produced this snapshot.
    pub collector: Collector,
    /// ECS DescribeInstances (with `AdditionalAttributes=META_OPTIONS`).
    #[serde(default, deserialize_with = "present")]
    pub instances: Option<Vec<Instance>>,
    /// ECS DescribeInstanceTypes for the types in use, with `Generation`
    /// joined from DescribeInstanceTypeFamilies.
    #[serde(default, deserialize_with = "present")]
    pub instance_types: Option<Vec<InstanceType>>,
    /// ECS DescribeImages (Status=ALL, so Deprecated and UnAvailable show) for
    /// every image referenced by an instance or scaling configuration.
    #[serde(default, deserialize_with = "present")]
    pub images: Option<Vec<Image>>,
    /// ECS DescribeDeploymentSets.
    #[serde(default, deserialize_with = "present")]
    pub deployment_sets: Option<Vec<DeploymentSet>>,
    /// ECS DescribeInstanceHistoryEvents, scheduled and in-progress system events included.
    #[serde(default, deserialize_with = "present")]
    pub instance_events: Option<Vec<InstanceEvent>>,
    /// ECS DescribeCloudAssistantStatus: one entry per instance.
    #[serde(default, deserialize_with = "present")]
    pub cloud_assistant: Option<Vec<CloudAssistantStatus>>,
    /// ECS DescribeInvocations: recent Cloud Assistant command runs.
    #[serde(default, deserialize_with = "present")]
    pub invocations: Option<Vec<Invocation>>,
    /// OOS ListPatchBaselines.
    #[serde(default, deserialize_with = "present")]
    pub patch_baselines: Option<Vec<PatchBaseline>>,
    /// OOS ListInstancePatchStates: the patch compliance of each instance.
    #[serde(default, deserialize_with = "present")]
    pub patch_states: Option<Vec<PatchState>>,
    /// VPC DescribeVSwitches: the zone of every vSwitch a scaling group or container group uses.
    #[serde(default, deserialize_with = "present")]
    pub vswitches: Option<Vec<VSwitch>>,
    /// ECS DescribeSpotPriceHistory for the spot instance types in use.
    #[serde(default, deserialize_with = "present")]
    pub spot_prices: Option<Vec<SpotPrice>>,
    /// ESS DescribeScalingGroups, each carrying its configurations, rules,
    /// scheduled tasks, lifecycle hooks, notifications, alarms and instances.
    #[serde(default, deserialize_with = "present")]
    pub scaling_groups: Option<Vec<ScalingGroup>>,
    /// ECI DescribeContainerGroups.
    #[serde(default, deserialize_with = "present")]
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

impl<'de> Deserialize<'de> for SchemaVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let version = String::deserialize(d)?;
        if version == SCHEMA_VERSION {
            Ok(SchemaVersion)
        } else {
            Err(serde::de::Error::custom(format!(
                "unsupported schema_version \"{version}\": this ecsguard reads version \"{SCHEMA_VERSION}\""
            )))
        }
    }
}

/// The program that wrote the snapshot.
#[derive(Deserialize, JsonSchema)]
pub struct Collector {
    /// Program name, e.g. "ecsguard".
    pub name: Text,
    /// Program version.
    pub version: Text,
    /// The API endpoint override used, if any (absent: the public regional endpoints).
    #[serde(default, deserialize_with = "present")]
    pub endpoint: Option<Text>,
}

/// One API call whose result is missing from the snapshot.
#[derive(Deserialize, JsonSchema)]
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
    #[serde(default, deserialize_with = "present")]
    pub request_id: Option<Text>,
    /// HTTP status of the last failed attempt, when there was one.
    #[serde(default, deserialize_with = "present")]
    pub http_status: Option<u16>,
}

/// A tag, `Tags.Tag[]` flattened to `{Key, Value}`.
#[derive(Deserialize, JsonSchema)]
pub struct Tag {
    pub Key: Text,
    #[serde(default, deserialize_with = "present")]
    pub Value: Option<Text>,
}

/// ECS instance (DescribeInstances `Instances.Instance[]`).
#[derive(Deserialize, JsonSchema)]
pub struct Instance {
    pub InstanceId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub InstanceName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub HostName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ZoneId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InstanceType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InstanceTypeFamily: Option<Text>,
    /// vCPUs.
    #[serde(default, deserialize_with = "present")]
    pub Cpu: Option<i64>,
    /// Memory in MiB.
    #[serde(default, deserialize_with = "present")]
    pub Memory: Option<i64>,
    /// Pending, Running, Starting, Stopping, Stopped.
    #[serde(default, deserialize_with = "present")]
    pub Status: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ImageId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub OSName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub OSNameEn: Option<Text>,
    /// linux or windows.
    #[serde(default, deserialize_with = "present")]
    pub OSType: Option<Text>,
    /// PrePaid (subscription) or PostPaid (pay-as-you-go).
    #[serde(default, deserialize_with = "present")]
    pub InstanceChargeType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InternetChargeType: Option<Text>,
    /// NoSpot, SpotWithPriceLimit, SpotAsPriceGo.
    #[serde(default, deserialize_with = "present")]
    pub SpotStrategy: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub SpotPriceLimit: Option<f64>,
    /// Protected duration of a spot instance, in hours.
    #[serde(default, deserialize_with = "present")]
    pub SpotDuration: Option<i64>,
    /// Terminate (default) or Stop (economical mode).
    #[serde(default, deserialize_with = "present")]
    pub SpotInterruptionBehavior: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub DeploymentSetId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub DeploymentSetGroupNo: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub InstanceNetworkType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub VpcAttributes: Option<VpcAttributes>,
    /// `PublicIpAddress.IpAddress[]` flattened.
    #[serde(default, deserialize_with = "present")]
    pub PublicIpAddress: Option<Vec<Text>>,
    /// `InnerIpAddress.IpAddress[]` flattened (classic network).
    #[serde(default, deserialize_with = "present")]
    pub InnerIpAddress: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub EipAddress: Option<EipAddress>,
    /// `SecurityGroupIds.SecurityGroupId[]` flattened.
    #[serde(default, deserialize_with = "present")]
    pub SecurityGroupIds: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub Tags: Option<Vec<Tag>>,
    #[serde(default, deserialize_with = "present")]
    pub CreationTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub StartTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub ExpiredTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub AutoReleaseTime: Option<Timestamp>,
    /// `OperationLocks.LockReason[]` flattened. `recycling` marks a spot
    /// instance about to be reclaimed (compare case-insensitively).
    #[serde(default, deserialize_with = "present")]
    pub OperationLocks: Option<Vec<OperationLock>>,
    #[serde(default, deserialize_with = "present")]
    pub MetadataOptions: Option<MetadataOptions>,
    #[serde(default, deserialize_with = "present")]
    pub DeletionProtection: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub StoppedMode: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InternetMaxBandwidthIn: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub InternetMaxBandwidthOut: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub IoOptimized: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub GPUAmount: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub KeyPairName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ResourceGroupId: Option<Text>,
}

#[derive(Deserialize, JsonSchema)]
pub struct VpcAttributes {
    #[serde(default, deserialize_with = "present")]
    pub VpcId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub VSwitchId: Option<Text>,
    /// `PrivateIpAddress.IpAddress[]` flattened.
    #[serde(default, deserialize_with = "present")]
    pub PrivateIpAddress: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub NatIpAddress: Option<Text>,
}

#[derive(Deserialize, JsonSchema)]
pub struct EipAddress {
    #[serde(default, deserialize_with = "present")]
    pub AllocationId: Option<Text>,
    /// Empty when no EIP is bound.
    #[serde(default, deserialize_with = "present")]
    pub IpAddress: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Bandwidth: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub InternetChargeType: Option<Text>,
}

#[derive(Deserialize, JsonSchema)]
pub struct OperationLock {
    /// financial, security, recycling, dedicatedhostfinancial, refunded.
    pub LockReason: Text,
    #[serde(default, deserialize_with = "present")]
    pub LockMsg: Option<Text>,
}

/// Instance metadata service settings (only returned with `AdditionalAttributes=META_OPTIONS`).
#[derive(Deserialize, JsonSchema)]
pub struct MetadataOptions {
    /// enabled or disabled.
    #[serde(default, deserialize_with = "present")]
    pub HttpEndpoint: Option<Text>,
    /// optional (IMDSv1 allowed) or required (token-only, IMDSv2).
    #[serde(default, deserialize_with = "present")]
    pub HttpTokens: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub HttpPutResponseHopLimit: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub InstanceMetadataTags: Option<Text>,
}

/// ECS instance type (DescribeInstanceTypes).
#[derive(Deserialize, JsonSchema)]
pub struct InstanceType {
    pub InstanceTypeId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub InstanceTypeFamily: Option<Text>,
    /// From DescribeInstanceTypeFamilies, e.g. ecs-5.
    #[serde(default, deserialize_with = "present")]
    pub Generation: Option<Text>,
    /// EntryLevel, EnterpriseLevel, CreditEntryLevel.
    #[serde(default, deserialize_with = "present")]
    pub InstanceFamilyLevel: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InstanceCategory: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub CpuCoreCount: Option<i64>,
    /// Memory in GiB.
    #[serde(default, deserialize_with = "present")]
    pub MemorySize: Option<f64>,
    #[serde(default, deserialize_with = "present")]
    pub CpuArchitecture: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub GPUAmount: Option<i64>,
}

/// ECS image (DescribeImages, Status=ALL).
#[derive(Deserialize, JsonSchema)]
pub struct Image {
    pub ImageId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub ImageName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ImageFamily: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ImageVersion: Option<Text>,
    /// system, self, others, marketplace.
    #[serde(default, deserialize_with = "present")]
    pub ImageOwnerAlias: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub CreationTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub OSName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub OSNameEn: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub OSType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Platform: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Architecture: Option<Text>,
    /// Creating, Waiting, Available, UnAvailable, CreateFailed, Deprecated.
    #[serde(default, deserialize_with = "present")]
    pub Status: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Usage: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub IsPublic: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub IsCopied: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub IsSubscribed: Option<bool>,
    /// Image size in GiB.
    #[serde(default, deserialize_with = "present")]
    pub Size: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub BootMode: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Tags: Option<Vec<Tag>>,
}

/// ECS deployment set (DescribeDeploymentSets).
#[derive(Deserialize, JsonSchema)]
pub struct DeploymentSet {
    pub DeploymentSetId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub DeploymentSetName: Option<Text>,
    /// Availability, AvailabilityGroup, LowLatency (older: LooseDispersion, LooseAggregation).
    #[serde(default, deserialize_with = "present")]
    pub DeploymentStrategy: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Domain: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Granularity: Option<Text>,
    /// `InstanceIds.InstanceId[]` flattened.
    #[serde(default, deserialize_with = "present")]
    pub InstanceIds: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub InstanceAmount: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub GroupCount: Option<i64>,
    /// `Capacities.Capacity[]` flattened: per-zone headroom.
    #[serde(default, deserialize_with = "present")]
    pub Capacities: Option<Vec<DeploymentSetCapacity>>,
    #[serde(default, deserialize_with = "present")]
    pub CreationTime: Option<Timestamp>,
}

#[derive(Deserialize, JsonSchema)]
pub struct DeploymentSetCapacity {
    pub ZoneId: Text,
    #[serde(default, deserialize_with = "present")]
    pub AvailableAmount: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub UsedAmount: Option<i64>,
}

/// ECS system event (DescribeInstanceHistoryEvents `InstanceSystemEventType`).
#[derive(Deserialize, JsonSchema)]
pub struct InstanceEvent {
    pub EventId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub InstanceId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ResourceType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub EventType: Option<CodeName>,
    /// Scheduled, Avoided, Executing, Executed, Canceled, Failed, Inquiring.
    #[serde(default, deserialize_with = "present")]
    pub EventCycleStatus: Option<CodeName>,
    #[serde(default, deserialize_with = "present")]
    pub EventPublishTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub NotBefore: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub EventFinishTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub Reason: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ReasonCode: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ImpactLevel: Option<Text>,
}

#[derive(Deserialize, JsonSchema)]
pub struct CodeName {
    #[serde(default, deserialize_with = "present")]
    pub Code: Option<i64>,
    pub Name: Text,
}

/// Cloud Assistant agent status of one instance (DescribeCloudAssistantStatus).
#[derive(Deserialize, JsonSchema)]
pub struct CloudAssistantStatus {
    pub InstanceId: Text,
    pub RegionId: Text,
    /// Whether the agent is running (the API's string "true"/"false", typed).
    #[serde(default, deserialize_with = "present")]
    pub CloudAssistantStatus: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub CloudAssistantVersion: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub LastHeartbeatTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub LastInvokedTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub InvocationCount: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub ActiveTaskCount: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub OSType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub SupportSessionManager: Option<bool>,
}

/// Cloud Assistant command invocation (DescribeInvocations).
#[derive(Deserialize, JsonSchema)]
pub struct Invocation {
    pub InvokeId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub CommandId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub CommandName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub CommandType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InvocationStatus: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InvokeStatus: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub RepeatMode: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Timed: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub Frequency: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub CreationTime: Option<Timestamp>,
    /// `InvokeInstances.InvokeInstance[]` flattened.
    #[serde(default, deserialize_with = "present")]
    pub InvokeInstances: Option<Vec<InvokeInstance>>,
}

#[derive(Deserialize, JsonSchema)]
pub struct InvokeInstance {
    pub InstanceId: Text,
    #[serde(default, deserialize_with = "present")]
    pub InvocationStatus: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InstanceInvokeStatus: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ExitCode: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub ErrorCode: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ErrorInfo: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub StartTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub FinishTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub Repeats: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub Dropped: Option<i64>,
}

/// OOS patch baseline (ListPatchBaselines).
#[derive(Deserialize, JsonSchema)]
pub struct PatchBaseline {
    pub Name: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub Id: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub OperationSystem: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Description: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub IsDefault: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub ApprovedPatchesEnableNonSecurity: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub CreatedDate: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub UpdatedDate: Option<Timestamp>,
}

/// OOS patch compliance of one instance (ListInstancePatchStates).
#[derive(Deserialize, JsonSchema)]
pub struct PatchState {
    pub InstanceId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub PatchGroup: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub BaselineId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InstalledCount: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub InstalledOtherCount: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub InstalledPendingRebootCount: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub InstalledRejectedCount: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub MissingCount: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub FailedCount: Option<i64>,
    /// Scan or Install.
    #[serde(default, deserialize_with = "present")]
    pub Operation: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub OperationStartTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub OperationEndTime: Option<Timestamp>,
}

/// VPC vSwitch (DescribeVSwitches): where a vSwitch sits.
#[derive(Deserialize, JsonSchema)]
pub struct VSwitch {
    pub VSwitchId: Text,
    pub RegionId: Text,
    pub ZoneId: Text,
    #[serde(default, deserialize_with = "present")]
    pub VpcId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub CidrBlock: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub AvailableIpAddressCount: Option<i64>,
}

/// Spot price sample (DescribeSpotPriceHistory `SpotPrices.SpotPriceType[]`).
#[derive(Deserialize, JsonSchema)]
pub struct SpotPrice {
    pub RegionId: Text,
    pub ZoneId: Text,
    pub InstanceType: Text,
    pub SpotPrice: f64,
    #[serde(default, deserialize_with = "present")]
    pub OriginPrice: Option<f64>,
    pub Timestamp: Timestamp,
    #[serde(default, deserialize_with = "present")]
    pub NetworkType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub IoOptimized: Option<Text>,
}

/// Auto Scaling group (DescribeScalingGroups) with what belongs to it.
#[derive(Deserialize, JsonSchema)]
pub struct ScalingGroup {
    pub ScalingGroupId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub ScalingGroupName: Option<Text>,
    /// ECS or ECI.
    #[serde(default, deserialize_with = "present")]
    pub GroupType: Option<Text>,
    /// Active, Inactive, Deleting.
    #[serde(default, deserialize_with = "present")]
    pub LifecycleState: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub MinSize: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub MaxSize: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub DesiredCapacity: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub DefaultCooldown: Option<i64>,
    /// NONE, ECS, LOAD_BALANCER.
    #[serde(default, deserialize_with = "present")]
    pub HealthCheckType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub HealthCheckTypes: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub VSwitchId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub VSwitchIds: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub VpcId: Option<Text>,
    /// PRIORITY, COST_OPTIMIZED, BALANCE, COMPOSABLE.
    #[serde(default, deserialize_with = "present")]
    pub MultiAZPolicy: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub OnDemandBaseCapacity: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub OnDemandPercentageAboveBaseCapacity: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub SpotInstancePools: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub SpotInstanceRemedy: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub CompensateWithOnDemand: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub ScalingPolicy: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub RemovalPolicies: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub ActiveScalingConfigurationId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub LaunchTemplateId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub LaunchTemplateVersion: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub TotalCapacity: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub TotalInstanceCount: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub ActiveCapacity: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub PendingCapacity: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub RemovingCapacity: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub SpotCapacity: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub MaxInstanceLifetime: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub SuspendedProcesses: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub GroupDeletionProtection: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub LoadBalancerIds: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub DBInstanceIds: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub Tags: Option<Vec<Tag>>,
    #[serde(default, deserialize_with = "present")]
    pub CreationTime: Option<Timestamp>,
    /// DescribeScalingConfigurations for this group.
    #[serde(default, deserialize_with = "present")]
    pub scaling_configurations: Option<Vec<ScalingConfiguration>>,
    /// DescribeScalingRules (ShowAlarmRules=true) for this group.
    #[serde(default, deserialize_with = "present")]
    pub scaling_rules: Option<Vec<ScalingRule>>,
    /// DescribeScheduledTasks for this group.
    #[serde(default, deserialize_with = "present")]
    pub scheduled_tasks: Option<Vec<ScheduledTask>>,
    /// DescribeLifecycleHooks for this group.
    #[serde(default, deserialize_with = "present")]
    pub lifecycle_hooks: Option<Vec<LifecycleHook>>,
    /// DescribeNotificationConfigurations for this group.
    #[serde(default, deserialize_with = "present")]
    pub notification_configurations: Option<Vec<NotificationConfiguration>>,
    /// DescribeAlarms for this group.
    #[serde(default, deserialize_with = "present")]
    pub alarms: Option<Vec<Alarm>>,
    /// DescribeScalingInstances for this group.
    #[serde(default, deserialize_with = "present")]
    pub scaling_instances: Option<Vec<ScalingInstance>>,
}

/// ESS scaling configuration (DescribeScalingConfigurations).
#[derive(Deserialize, JsonSchema)]
pub struct ScalingConfiguration {
    pub ScalingConfigurationId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub ScalingGroupId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ScalingConfigurationName: Option<Text>,
    /// Active or Inactive.
    #[serde(default, deserialize_with = "present")]
    pub LifecycleState: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ImageId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ImageFamily: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InstanceType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InstanceTypes: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub Cpu: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub Memory: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub SpotStrategy: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub SpotPriceLimits: Option<Vec<SpotPriceLimit>>,
    #[serde(default, deserialize_with = "present")]
    pub SpotDuration: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub SpotInterruptionBehavior: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub DeploymentSetId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub HttpEndpoint: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub HttpTokens: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InternetMaxBandwidthOut: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub SystemDiskEncrypted: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub SecurityGroupId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub SecurityGroupIds: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub KeyPairName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub RamRoleName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Tags: Option<Vec<Tag>>,
    #[serde(default, deserialize_with = "present")]
    pub CreationTime: Option<Timestamp>,
}

#[derive(Deserialize, JsonSchema)]
pub struct SpotPriceLimit {
    pub InstanceType: Text,
    pub PriceLimit: f64,
}

/// ESS scaling rule (DescribeScalingRules).
#[derive(Deserialize, JsonSchema)]
pub struct ScalingRule {
    pub ScalingRuleId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub ScalingGroupId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ScalingRuleName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ScalingRuleAri: Option<Text>,
    /// SimpleScalingRule, TargetTrackingScalingRule, StepScalingRule, PredictiveScalingRule.
    #[serde(default, deserialize_with = "present")]
    pub ScalingRuleType: Option<Text>,
    /// QuantityChangeInCapacity, PercentChangeInCapacity, TotalCapacity.
    #[serde(default, deserialize_with = "present")]
    pub AdjustmentType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub AdjustmentValue: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub MinAdjustmentMagnitude: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub Cooldown: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub MetricName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub TargetValue: Option<f64>,
    #[serde(default, deserialize_with = "present")]
    pub DisableScaleIn: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub EstimatedInstanceWarmup: Option<i64>,
}

/// ESS scheduled task (DescribeScheduledTasks).
#[derive(Deserialize, JsonSchema)]
pub struct ScheduledTask {
    pub ScheduledTaskId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub ScalingGroupId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ScheduledTaskName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Description: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub LaunchTime: Option<Timestamp>,
    /// Seconds a missed launch may be retried (0–21600).
    #[serde(default, deserialize_with = "present")]
    pub LaunchExpirationTime: Option<i64>,
    /// Daily, Weekly, Monthly, Cron; absent for a one-off task.
    #[serde(default, deserialize_with = "present")]
    pub RecurrenceType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub RecurrenceValue: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub RecurrenceEndTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub TaskEnabled: Option<bool>,
    /// The scaling rule ARI the task runs, when it runs one.
    #[serde(default, deserialize_with = "present")]
    pub ScheduledAction: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub DesiredCapacity: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub MinValue: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub MaxValue: Option<i64>,
}

/// ESS lifecycle hook (DescribeLifecycleHooks).
#[derive(Deserialize, JsonSchema)]
pub struct LifecycleHook {
    pub LifecycleHookId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub ScalingGroupId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub LifecycleHookName: Option<Text>,
    /// SCALE_OUT or SCALE_IN.
    #[serde(default, deserialize_with = "present")]
    pub LifecycleTransition: Option<Text>,
    /// CONTINUE or ABANDON.
    #[serde(default, deserialize_with = "present")]
    pub DefaultResult: Option<Text>,
    /// Seconds (30–21600).
    #[serde(default, deserialize_with = "present")]
    pub HeartbeatTimeout: Option<i64>,
    /// Active or InActive.
    #[serde(default, deserialize_with = "present")]
    pub LifecycleHookStatus: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub NotificationArn: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub NotificationMetadata: Option<Text>,
}

/// ESS event notification (DescribeNotificationConfigurations).
#[derive(Deserialize, JsonSchema)]
pub struct NotificationConfiguration {
    pub NotificationArn: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub ScalingGroupId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub NotificationTypes: Option<Vec<Text>>,
    #[serde(default, deserialize_with = "present")]
    pub MessageEncoding: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub TimeZone: Option<Text>,
}

/// ESS event-triggered task (DescribeAlarms).
#[derive(Deserialize, JsonSchema)]
pub struct Alarm {
    pub AlarmTaskId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub ScalingGroupId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Name: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub MetricType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub MetricName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Statistics: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ComparisonOperator: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Threshold: Option<f64>,
    #[serde(default, deserialize_with = "present")]
    pub EvaluationCount: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub Period: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub Enable: Option<bool>,
    /// ALARM, OK, INSUFFICIENT_DATA.
    #[serde(default, deserialize_with = "present")]
    pub State: Option<Text>,
    /// Scaling rule ARIs the alarm runs.
    #[serde(default, deserialize_with = "present")]
    pub AlarmActions: Option<Vec<Text>>,
}

/// An instance in a scaling group (DescribeScalingInstances).
#[derive(Deserialize, JsonSchema)]
pub struct ScalingInstance {
    pub InstanceId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub ScalingGroupId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ScalingConfigurationId: Option<Text>,
    /// InService, Pending, Removing, Protected, Standby, Stopped.
    #[serde(default, deserialize_with = "present")]
    pub LifecycleState: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub HealthStatus: Option<Text>,
    /// AutoCreated, Attached, Managed.
    #[serde(default, deserialize_with = "present")]
    pub CreationType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub SpotStrategy: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ZoneId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub WeightedCapacity: Option<i64>,
    #[serde(default, deserialize_with = "present")]
    pub CreatedTime: Option<Timestamp>,
}

/// ECI container group (DescribeContainerGroups).
#[derive(Deserialize, JsonSchema)]
pub struct ContainerGroup {
    pub ContainerGroupId: Text,
    pub RegionId: Text,
    #[serde(default, deserialize_with = "present")]
    pub ContainerGroupName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ZoneId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub VpcId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub VSwitchId: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub SecurityGroupId: Option<Text>,
    /// Pending, Running, Succeeded, Failed, Scheduling, ScheduleFailed, Restarting, Updating, Terminating, Expired.
    #[serde(default, deserialize_with = "present")]
    pub Status: Option<Text>,
    /// vCPUs.
    #[serde(default, deserialize_with = "present")]
    pub Cpu: Option<f64>,
    /// Memory in GiB.
    #[serde(default, deserialize_with = "present")]
    pub Memory: Option<f64>,
    #[serde(default, deserialize_with = "present")]
    pub InstanceType: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub SpotStrategy: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub SpotPriceLimit: Option<f64>,
    /// Never, Always, OnFailure.
    #[serde(default, deserialize_with = "present")]
    pub RestartPolicy: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub CreationTime: Option<Timestamp>,
    #[serde(default, deserialize_with = "present")]
    pub IntranetIp: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub InternetIp: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub RamRoleName: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Tags: Option<Vec<Tag>>,
    #[serde(default, deserialize_with = "present")]
    pub Containers: Option<Vec<Container>>,
}

#[derive(Deserialize, JsonSchema)]
pub struct Container {
    pub Name: Text,
    #[serde(default, deserialize_with = "present")]
    pub Image: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub ImagePullPolicy: Option<Text>,
    #[serde(default, deserialize_with = "present")]
    pub Cpu: Option<f64>,
    #[serde(default, deserialize_with = "present")]
    pub Memory: Option<f64>,
    #[serde(default, deserialize_with = "present")]
    pub Ready: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    pub RestartCount: Option<i64>,
}
