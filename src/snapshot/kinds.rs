//! The resource types a rule can judge, and where each lives in a snapshot.

/// One judgeable resource type.
#[derive(Debug)]
pub struct ResourceKind {
    /// The name rules declare in `custom.resource_type`, e.g. `instance`.
    pub name: &'static str,
    /// The snapshot collection holding these resources, e.g. `instances`.
    pub collection: &'static str,
    /// For resources nested in each scaling group: `scaling_groups`.
    pub parent: Option<&'static str>,
    /// The field that identifies one resource.
    pub id_field: &'static str,
    /// The API calls (product, action) that fill the collection: a collection
    /// error for one of them makes the collection incomplete in that region.
    pub sources: &'static [(&'static str, &'static str)],
}

macro_rules! kind {
    ($name:literal, $collection:literal, $parent:expr, $id:literal, [$(($p:literal, $a:literal)),*]) => {
        ResourceKind { name: $name, collection: $collection, parent: $parent, id_field: $id, sources: &[$(($p, $a)),*] }
    };
}

const GROUPS: Option<&str> = Some("scaling_groups");

/// Every resource type, in snapshot order.
pub static KINDS: &[ResourceKind] = &[
    kind!(
        "instance",
        "instances",
        None,
        "InstanceId",
        [("Ecs", "DescribeInstances")]
    ),
    kind!(
        "instance_type",
        "instance_types",
        None,
        "InstanceTypeId",
        [
            ("Ecs", "DescribeInstanceTypes"),
            ("Ecs", "DescribeInstanceTypeFamilies")
        ]
    ),
    kind!(
        "image",
        "images",
        None,
        "ImageId",
        [("Ecs", "DescribeImages")]
    ),
    kind!(
        "deployment_set",
        "deployment_sets",
        None,
        "DeploymentSetId",
        [("Ecs", "DescribeDeploymentSets")]
    ),
    kind!(
        "instance_event",
        "instance_events",
        None,
        "EventId",
        [("Ecs", "DescribeInstanceHistoryEvents")]
    ),
    kind!(
        "cloud_assistant_status",
        "cloud_assistant",
        None,
        "InstanceId",
        [("Ecs", "DescribeCloudAssistantStatus")]
    ),
    kind!(
        "invocation",
        "invocations",
        None,
        "InvokeId",
        [("Ecs", "DescribeInvocations")]
    ),
    kind!(
        "patch_baseline",
        "patch_baselines",
        None,
        "Name",
        [("Oos", "ListPatchBaselines")]
    ),
    kind!(
        "patch_state",
        "patch_states",
        None,
        "InstanceId",
        [("Oos", "ListInstancePatchStates")]
    ),
    kind!(
        "vswitch",
        "vswitches",
        None,
        "VSwitchId",
        [("Vpc", "DescribeVSwitches")]
    ),
    kind!(
        "spot_price",
        "spot_prices",
        None,
        "InstanceType",
        [("Ecs", "DescribeSpotPriceHistory")]
    ),
    kind!(
        "scaling_group",
        "scaling_groups",
        None,
        "ScalingGroupId",
        [("Ess", "DescribeScalingGroups")]
    ),
    kind!(
        "scaling_configuration",
        "scaling_configurations",
        GROUPS,
        "ScalingConfigurationId",
        [("Ess", "DescribeScalingConfigurations")]
    ),
    kind!(
        "scaling_rule",
        "scaling_rules",
        GROUPS,
        "ScalingRuleId",
        [("Ess", "DescribeScalingRules")]
    ),
    kind!(
        "scheduled_task",
        "scheduled_tasks",
        GROUPS,
        "ScheduledTaskId",
        [("Ess", "DescribeScheduledTasks")]
    ),
    kind!(
        "lifecycle_hook",
        "lifecycle_hooks",
        GROUPS,
        "LifecycleHookId",
        [("Ess", "DescribeLifecycleHooks")]
    ),
    kind!(
        "notification_configuration",
        "notification_configurations",
        GROUPS,
        "NotificationArn",
        [("Ess", "DescribeNotificationConfigurations")]
    ),
    kind!(
        "alarm",
        "alarms",
        GROUPS,
        "AlarmTaskId",
        [("Ess", "DescribeAlarms")]
    ),
    kind!(
        "scaling_instance",
        "scaling_instances",
        GROUPS,
        "InstanceId",
        [("Ess", "DescribeScalingInstances")]
    ),
    kind!(
        "container_group",
        "container_groups",
        None,
        "ContainerGroupId",
        [("Eci", "DescribeContainerGroups")]
    ),
];

pub fn kind_named(name: &str) -> Option<&'static ResourceKind> {
    KINDS.iter().find(|k| k.name == name)
}

pub fn kind_of_collection(collection: &str) -> Option<&'static ResourceKind> {
    KINDS.iter().find(|k| k.collection == collection)
}

/// Comma-separated names, for error messages.
pub fn kind_names() -> String {
    KINDS.iter().map(|k| k.name).collect::<Vec<_>>().join(", ")
}

pub fn collection_names() -> String {
    KINDS
        .iter()
        .map(|k| k.collection)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_collections_are_unique() {
        for (i, a) in KINDS.iter().enumerate() {
            for b in &KINDS[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.collection, b.collection);
            }
        }
    }
}
