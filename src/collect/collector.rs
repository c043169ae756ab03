//! One collection run: every region, every list API, concurrently, into one
//! snapshot document.
//!
//! Per region, the calls that need nothing run at once; each scaling group's
//! nested lists follow as soon as the groups are known; the calls that need
//! the fleet (instance types of the families in use, images referenced by
//! instances and scaling configurations, spot prices of the instance types
//! launched as spot) start once the instances and scaling configurations
//! are in, beside the walks still running. The client bounds the requests in flight
//! across all of it.
//!
//! A call that fails after its retries leaves its collection out for that
//! region (a nested one out of that scaling group) and becomes a
//! `collection_errors` entry; so do values normalization could not read and
//! walks that returned less than `TotalCount` promised. A failure no other
//! call could get past (bad key, rejected signature, clock skew, bad token)
//! stops the run: it is returned as the error.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use serde_json::{json, Map, Value};
use tokio::task::JoinSet;

use super::client::{CallError, Client, STS};
use super::normalize::Normalizer;
use super::paging::{self, ListApi};

/// Which regions to collect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Regions {
    /// Every region a product's DescribeRegions lists, each product
    /// collected in its own regions.
    All,
    List(Vec<String>),
}

/// Told how far the run is: tasks are (region, action) calls.
pub trait Progress: Send + Sync {
    fn planned(&self, tasks: u64);
    fn finished(&self, region: &str, action: &str);
}

/// A [`Progress`] that shows nothing.
pub struct Silent;

impl Progress for Silent {
    fn planned(&self, _: u64) {}
    fn finished(&self, _: &str, _: &str) {}
}

/// What a run produced.
pub struct Collected {
    /// The snapshot document (`schemas/snapshot.schema.json`).
    pub snapshot: Value,
    /// Its `collection_errors`, with the hints the document does not keep.
    pub errors: Vec<CallError>,
}

/// Error codes that no retry and no other call can get past: the run stops.
pub fn is_fatal(code: &str) -> bool {
    code.starts_with("InvalidAccessKeyId")
        || code.starts_with("InvalidSecurityToken")
        || code.starts_with("InvalidTimeStamp")
        || matches!(
            code,
            "SignatureDoesNotMatch" | "IncompleteSignature" | "InvalidSignatureMethod"
        )
}

/// Statuses of system events: the API returns only finished ones unless
/// asked (alibaba-api.md §7.7), and scheduled or running ones matter most.
const EVENT_CYCLE_STATUSES: [&str; 7] = [
    "Scheduled",
    "Executing",
    "Inquiring",
    "Avoided",
    "Executed",
    "Canceled",
    "Failed",
];

/// Every image status, Deprecated and UnAvailable included (the API's
/// default is Available only).
const IMAGE_STATUSES: &str = "Creating,Waiting,Available,UnAvailable,CreateFailed,Deprecated";

/// DescribeImages takes up to 100 comma-separated ids.
const IMAGE_IDS_PER_CALL: usize = 100;

/// DescribeSpotPriceHistory's parameters besides `InstanceType`: the VPC
/// price (the fleet runs in VPCs) over the API's default window, the last
/// three hours. `OSType` is not passed, so the prices are Linux ones (the
/// API's default): a sample has no OS field to tell two series apart, and
/// a Windows price only adds its licence, so a price limit below the
/// Linux price is below the Windows one too.
fn spot_price_params() -> Params {
    vec![("NetworkType", "vpc".into())]
}

/// An instance or scaling configuration launched as spot.
fn is_spot(resource: &Value) -> bool {
    matches!(
        resource.get("SpotStrategy").and_then(Value::as_str),
        Some("SpotWithPriceLimit" | "SpotAsPriceGo")
    )
}

/// A list to collect: its API, extra parameters, model definition and
/// snapshot collection.
struct ListSpec {
    api: ListApi,
    params: fn() -> Params,
    def: &'static str,
    collection: &'static str,
}

type Params = Vec<(&'static str, String)>;

fn no_params() -> Params {
    Vec::new()
}

fn instance_params() -> Params {
    vec![("AdditionalAttributes.1", "META_OPTIONS".into())]
}

fn event_params() -> Params {
    const NAMES: [&str; 7] = [
        "InstanceEventCycleStatus.1",
        "InstanceEventCycleStatus.2",
        "InstanceEventCycleStatus.3",
        "InstanceEventCycleStatus.4",
        "InstanceEventCycleStatus.5",
        "InstanceEventCycleStatus.6",
        "InstanceEventCycleStatus.7",
    ];
    NAMES
        .iter()
        .zip(EVENT_CYCLE_STATUSES)
        .map(|(n, s)| (*n, s.to_string()))
        .collect()
}

fn scaling_rule_params() -> Params {
    // Rules' alarms only come back when asked for (alibaba-api.md §7.7).
    vec![("ShowAlarmRules", "true".into())]
}

const TOP_LISTS: &[ListSpec] = &[
    ListSpec {
        api: paging::DESCRIBE_INSTANCES,
        params: instance_params,
        def: "Instance",
        collection: "instances",
    },
    ListSpec {
        api: paging::DESCRIBE_DEPLOYMENT_SETS,
        params: no_params,
        def: "DeploymentSet",
        collection: "deployment_sets",
    },
    ListSpec {
        api: paging::DESCRIBE_INSTANCE_HISTORY_EVENTS,
        params: event_params,
        def: "InstanceEvent",
        collection: "instance_events",
    },
    ListSpec {
        api: paging::DESCRIBE_CLOUD_ASSISTANT_STATUS,
        params: no_params,
        def: "CloudAssistantStatus",
        collection: "cloud_assistant",
    },
    ListSpec {
        api: paging::DESCRIBE_INVOCATIONS,
        params: no_params,
        def: "Invocation",
        collection: "invocations",
    },
    ListSpec {
        api: paging::LIST_PATCH_BASELINES,
        params: no_params,
        def: "PatchBaseline",
        collection: "patch_baselines",
    },
    ListSpec {
        api: paging::LIST_INSTANCE_PATCH_STATES,
        params: no_params,
        def: "PatchState",
        collection: "patch_states",
    },
    ListSpec {
        api: paging::DESCRIBE_VSWITCHES,
        params: no_params,
        def: "VSwitch",
        collection: "vswitches",
    },
    ListSpec {
        api: paging::DESCRIBE_CONTAINER_GROUPS,
        params: no_params,
        def: "ContainerGroup",
        collection: "container_groups",
    },
    ListSpec {
        api: paging::DESCRIBE_SCALING_GROUPS,
        params: no_params,
        def: "ScalingGroup",
        collection: "scaling_groups",
    },
];

/// The lists each scaling group carries, called with its `ScalingGroupId`.
const GROUP_LISTS: &[ListSpec] = &[
    ListSpec {
        api: paging::DESCRIBE_SCALING_CONFIGURATIONS,
        params: no_params,
        def: "ScalingConfiguration",
        collection: "scaling_configurations",
    },
    ListSpec {
        api: paging::DESCRIBE_SCALING_RULES,
        params: scaling_rule_params,
        def: "ScalingRule",
        collection: "scaling_rules",
    },
    ListSpec {
        api: paging::DESCRIBE_SCHEDULED_TASKS,
        params: no_params,
        def: "ScheduledTask",
        collection: "scheduled_tasks",
    },
    ListSpec {
        api: paging::DESCRIBE_LIFECYCLE_HOOKS,
        params: no_params,
        def: "LifecycleHook",
        collection: "lifecycle_hooks",
    },
    ListSpec {
        api: paging::DESCRIBE_NOTIFICATION_CONFIGURATIONS,
        params: no_params,
        def: "NotificationConfiguration",
        collection: "notification_configurations",
    },
    ListSpec {
        api: paging::DESCRIBE_ALARMS,
        params: no_params,
        def: "Alarm",
        collection: "alarms",
    },
    ListSpec {
        api: paging::DESCRIBE_SCALING_INSTANCES,
        params: no_params,
        def: "ScalingInstance",
        collection: "scaling_instances",
    },
];

/// The read-only actions a run calls, as RAM actions (`ecs:DescribeInstances`),
/// as the README's RAM policy lists them (a test keeps it complete).
pub fn ram_actions() -> Vec<String> {
    let mut apis: Vec<&ListApi> = TOP_LISTS
        .iter()
        .chain(GROUP_LISTS)
        .map(|l| &l.api)
        .collect();
    apis.extend([
        &paging::DESCRIBE_REGIONS,
        &paging::DESCRIBE_ESS_REGIONS,
        &paging::DESCRIBE_ECI_REGIONS,
        &paging::DESCRIBE_INSTANCE_TYPE_FAMILIES,
        &paging::DESCRIBE_INSTANCE_TYPES,
        &paging::DESCRIBE_IMAGES,
        &paging::DESCRIBE_SPOT_PRICE_HISTORY,
    ]);
    let mut out: Vec<String> = apis
        .iter()
        .map(|a| format!("{}:{}", a.product.code.to_ascii_lowercase(), a.action))
        .collect();
    out.sort();
    out.dedup();
    out
}

struct Context {
    client: Client,
    normalizer: Normalizer,
    progress: Arc<dyn Progress>,
}

/// The products whose region lists decide where they are collected
/// (`--regions all`), and the products that follow each list. OOS and VPC
/// follow ECS's: the reference documents region lists for ECS, ESS and ECI.
const REGION_LISTS: [(ListApi, &[&str]); 3] = [
    (paging::DESCRIBE_REGIONS, &["Ecs", "Oos", "Vpc"]),
    (paging::DESCRIBE_ESS_REGIONS, &["Ess"]),
    (paging::DESCRIBE_ECI_REGIONS, &["Eci"]),
];

/// The products collected in one region (product codes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Scope(BTreeSet<&'static str>);

impl Scope {
    fn every_product() -> Scope {
        Scope(
            REGION_LISTS
                .iter()
                .flat_map(|(_, p)| p.iter().copied())
                .collect(),
        )
    }

    fn has(&self, api: &ListApi) -> bool {
        self.0.contains(api.product.code)
    }
}

/// Each product's region list, asked in `home_region`: the regions (in
/// order) with the products to collect there. A list that cannot be had
/// leaves its products out everywhere and is a collection error.
async fn region_scopes(
    ctx: &Context,
    home_region: &str,
    errors: &mut Vec<CallError>,
) -> Result<Vec<(String, Scope)>, CallError> {
    let mut scopes: BTreeMap<String, Scope> = BTreeMap::new();
    for (api, products) in &REGION_LISTS {
        ctx.progress.planned(1);
        let walk = paging::walk(&ctx.client, api, home_region, &[]).await;
        ctx.progress.finished(home_region, api.action);
        match walk {
            Ok(walk) => {
                let ids = walk
                    .items
                    .iter()
                    .filter_map(|r| r.get("RegionId").and_then(Value::as_str));
                for id in ids {
                    scopes
                        .entry(id.to_string())
                        .or_default()
                        .0
                        .extend(*products);
                }
                errors.extend(walk.problems);
            }
            Err(e) if is_fatal(&e.code) => return Err(e),
            Err(e) => errors.push(e),
        }
    }
    Ok(scopes.into_iter().collect())
}

/// The account the keys belong to, from STS GetCallerIdentity, which
/// needs no RAM permission (its API reference: "No authorization for this
/// operation"). Best effort: a failure is a collection error, not the
/// end of the run.
async fn account_id(
    ctx: &Context,
    home_region: &str,
    errors: &mut Vec<CallError>,
) -> Result<Option<String>, CallError> {
    const ACTION: &str = "GetCallerIdentity";
    ctx.progress.planned(1);
    let answer = ctx.client.call(&STS, ACTION, home_region, &[]).await;
    ctx.progress.finished(home_region, ACTION);
    match answer {
        Ok(body) => match body.get("AccountId").and_then(Value::as_str) {
            Some(id) if !id.is_empty() => return Ok(Some(id.to_string())),
            _ => errors.push(CallError {
                product: STS.code.into(),
                action: ACTION.into(),
                region: home_region.into(),
                code: "BadResponse".into(),
                message: "the answer has no AccountId".into(),
                request_id: body
                    .get("RequestId")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                http_status: None,
                hint: None,
                attempts: 1,
            }),
        },
        Err(e) if is_fatal(&e.code) => return Err(e),
        Err(e) => errors.push(e),
    }
    Ok(None)
}

/// Collects `regions` into a snapshot. `home_region` is where the region
/// lists are asked for `--regions all`.
pub async fn collect(
    client: Client,
    regions: Regions,
    home_region: &str,
    progress: Arc<dyn Progress>,
) -> Result<Collected, CallError> {
    let ctx = Arc::new(Context {
        client,
        normalizer: Normalizer::new(),
        progress,
    });
    let mut errors = Vec::new();
    let scopes: Vec<(String, Scope)> = match regions {
        Regions::List(list) => list
            .into_iter()
            .map(|r| (r, Scope::every_product()))
            .collect(),
        Regions::All => region_scopes(&ctx, home_region, &mut errors).await?,
    };
    let regions: Vec<String> = scopes.iter().map(|(r, _)| r.clone()).collect();
    let account_id = account_id(&ctx, home_region, &mut errors).await?;

    let mut runs = JoinSet::new();
    for (i, (region, scope)) in scopes.into_iter().enumerate() {
        let ctx = ctx.clone();
        runs.spawn(async move { (i, collect_region(ctx, region, scope).await) });
    }
    let mut outs: Vec<Option<RegionOut>> = (0..regions.len()).map(|_| None).collect();
    while let Some(joined) = runs.join_next().await {
        let (i, out) = joined.expect("a region's collection panicked");
        // A fatal error ends the run; dropping `runs` cancels the rest.
        outs[i] = Some(out?);
    }

    let mut collections: BTreeMap<&'static str, Vec<Value>> = BTreeMap::new();
    for out in outs.into_iter().flatten() {
        for (name, items) in out.collections {
            collections.entry(name).or_default().extend(items);
        }
        errors.extend(out.errors);
    }
    let mut doc = Map::new();
    doc.insert(
        "schema_version".into(),
        json!(crate::snapshot::SCHEMA_VERSION),
    );
    doc.insert("collected_at".into(), json!(now_rfc3339()));
    if let Some(id) = account_id {
        doc.insert("account_id".into(), json!(id));
    }
    doc.insert("regions".into(), json!(regions));
    let mut collector = json!({"name": "ecsguard", "version": env!("CARGO_PKG_VERSION")});
    if let Some(e) = &ctx.client.config().endpoint {
        collector["endpoint"] = json!(e);
    }
    doc.insert("collector".into(), collector);
    for (name, items) in collections {
        doc.insert(name.into(), Value::Array(items));
    }
    doc.insert(
        "collection_errors".into(),
        Value::Array(errors.iter().map(error_entry).collect()),
    );
    Ok(Collected {
        snapshot: Value::Object(doc),
        errors,
    })
}

fn now_rfc3339() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A `collection_errors` entry.
fn error_entry(e: &CallError) -> Value {
    let mut entry = json!({
        "product": e.product,
        "action": e.action,
        "region": e.region,
        "code": e.code,
        "message": e.message,
    });
    if let Some(id) = &e.request_id {
        entry["request_id"] = json!(id);
    }
    if let Some(s) = e.http_status {
        entry["http_status"] = json!(s);
    }
    entry
}

/// One region's collections (those whose calls succeeded) and failures.
#[derive(Default)]
struct RegionOut {
    collections: BTreeMap<&'static str, Vec<Value>>,
    errors: Vec<CallError>,
}

/// Where a finished list goes.
enum Slot {
    Top(&'static str),
    /// Nested collection of the scaling group at this index.
    Group(usize, &'static str),
    /// DescribeInstanceTypeFamilies: the generation of each family.
    Families,
    /// DescribeInstanceTypes / DescribeImages / DescribeSpotPriceHistory in
    /// several calls: the collection and the call's place among them
    /// (answers arrive in any order; the snapshot keeps the order of the
    /// calls).
    Joined(&'static str, usize),
}

struct Finished {
    slot: Slot,
    outcome: Result<Listed, CallError>,
}

/// A walk's normalized items and what went wrong without losing them.
struct Listed {
    items: Vec<Value>,
    problems: Vec<CallError>,
}

fn spawn_list(
    set: &mut JoinSet<Finished>,
    ctx: &Arc<Context>,
    region: &str,
    api: ListApi,
    params: Params,
    def: Option<&'static str>,
    slot: Slot,
) {
    spawn_task(
        set,
        ctx,
        region,
        api.action,
        slot,
        move |ctx, region| async move { list(&ctx, &api, &region, &params, def).await },
    );
}

/// Runs `task` (the walks of one call) for `slot`, counted as one call of
/// `action` in the progress.
fn spawn_task<F, Fut>(
    set: &mut JoinSet<Finished>,
    ctx: &Arc<Context>,
    region: &str,
    action: &'static str,
    slot: Slot,
    task: F,
) where
    F: FnOnce(Arc<Context>, String) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<Listed, CallError>> + Send,
{
    let ctx = ctx.clone();
    let region = region.to_string();
    ctx.progress.planned(1);
    set.spawn(async move {
        let outcome = task(ctx.clone(), region.clone()).await;
        ctx.progress.finished(&region, action);
        Finished { slot, outcome }
    });
}

/// DescribeImages of `ids`, whoever owns them. By default the API answers
/// for system, self and others' (shared) images only, and for Available
/// ones only (alibaba-api.md §3.1): every status is asked for, and the ids
/// not found are asked again among marketplace images.
async fn list_images(
    ctx: &Arc<Context>,
    region: &str,
    ids: &[String],
) -> Result<Listed, CallError> {
    let params = |ids: &[&String]| -> Params {
        let joined = ids.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",");
        vec![("ImageId", joined), ("Status", IMAGE_STATUSES.into())]
    };
    let api = paging::DESCRIBE_IMAGES;
    let all: Vec<&String> = ids.iter().collect();
    let mut listed = list(ctx, &api, region, &params(&all), Some("Image")).await?;
    let found: HashSet<&str> = listed
        .items
        .iter()
        .filter_map(|i| i.get("ImageId").and_then(Value::as_str))
        .collect();
    let missing: Vec<&String> = ids.iter().filter(|i| !found.contains(i.as_str())).collect();
    if !missing.is_empty() {
        let mut marketplace = params(&missing);
        marketplace.push(("ImageOwnerAlias", "marketplace".into()));
        let more = list(ctx, &api, region, &marketplace, Some("Image")).await?;
        listed.items.extend(more.items);
        listed.problems.extend(more.problems);
    }
    Ok(listed)
}

/// Walks `api` and normalizes its items as `def` (raw when None).
async fn list(
    ctx: &Arc<Context>,
    api: &ListApi,
    region: &str,
    params: &Params,
    def: Option<&'static str>,
) -> Result<Listed, CallError> {
    let borrowed: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let Some(def) = def else {
        let walk = paging::walk(&ctx.client, api, region, &borrowed).await?;
        return Ok(Listed {
            items: walk.items,
            problems: walk.problems,
        });
    };
    // Each page normalized as it comes, off the runtime's thread: tens of
    // thousands of items take seconds, which would otherwise hold back
    // every paced walk and all come after the last page.
    let mut pages = Vec::new();
    let walked = paging::walk_pages(&ctx.client, api, region, &borrowed, &mut |page| {
        let (ctx, region) = (ctx.clone(), region.to_string());
        pages.push(tokio::task::spawn_blocking(move || {
            normalize_page(&ctx, &region, def, page)
        }));
    })
    .await?;
    let mut items = Vec::with_capacity(walked.items);
    let mut unreadable = Vec::new();
    for page in pages {
        let (normalized, problems) = page.await.expect("normalizing panicked");
        items.extend(normalized);
        unreadable.extend(problems);
    }
    let mut problems = walked.problems;
    if !unreadable.is_empty() {
        const SHOWN: usize = 5;
        let more = unreadable.len().saturating_sub(SHOWN);
        let mut message = format!(
            "{} value(s) could not be read and were left out: {}",
            unreadable.len(),
            unreadable[..unreadable.len().min(SHOWN)].join("; ")
        );
        if more > 0 {
            message.push_str(&format!("; and {more} more"));
        }
        problems.push(CallError {
            product: api.product.code.into(),
            action: api.action.into(),
            region: region.into(),
            code: "UnreadableValue".into(),
            message,
            request_id: None,
            http_status: None,
            hint: None,
            attempts: walked.pages,
        });
    }
    Ok(Listed { items, problems })
}

/// A page's items normalized as `def`, and the values that could not be
/// read (`<id> <problem>`).
fn normalize_page(
    ctx: &Context,
    region: &str,
    def: &str,
    page: Vec<Value>,
) -> (Vec<Value>, Vec<String>) {
    let id_field = crate::snapshot::KINDS
        .iter()
        .find(|k| definition_of(k.collection) == Some(def))
        .map_or("Id", |k| k.id_field);
    let mut unreadable = Vec::new();
    let items = page
        .iter()
        .map(|raw| {
            let out = ctx.normalizer.resource(def, raw, region);
            if !out.problems.is_empty() {
                let id = raw.get(id_field).and_then(Value::as_str).unwrap_or("?");
                unreadable.extend(out.problems.iter().map(|p| format!("{id} {p}")));
            }
            out.value
        })
        .collect();
    (items, unreadable)
}

/// The model definition of a collection's resources.
fn definition_of(collection: &str) -> Option<&'static str> {
    TOP_LISTS
        .iter()
        .chain(GROUP_LISTS)
        .find(|l| l.collection == collection)
        .map(|l| l.def)
        .or(match collection {
            "instance_types" => Some("InstanceType"),
            "images" => Some("Image"),
            "spot_prices" => Some("SpotPrice"),
            _ => None,
        })
}

/// Records a list's outcome: Ok(items) to keep, or the failure recorded
/// (Err only for fatal failures).
fn settle(
    out: &mut RegionOut,
    outcome: Result<Listed, CallError>,
) -> Result<Option<Vec<Value>>, CallError> {
    match outcome {
        Ok(listed) => {
            out.errors.extend(listed.problems);
            Ok(Some(listed.items))
        }
        Err(e) if is_fatal(&e.code) => Err(e),
        Err(e) => {
            out.errors.push(e);
            Ok(None)
        }
    }
}

/// What the fleet-wide lists (instance types, images, spot prices) still
/// wait for: they need the instances and every scaling configuration, and
/// start as soon as those are in, beside the longer walks.
struct Awaited {
    instances: bool,
    groups: bool,
    configurations: usize,
}

impl Awaited {
    fn nothing(&self) -> bool {
        !self.instances && !self.groups && self.configurations == 0
    }
}

async fn collect_region(
    ctx: Arc<Context>,
    region: String,
    scope: Scope,
) -> Result<RegionOut, CallError> {
    let mut out = RegionOut::default();
    let mut set = JoinSet::new();
    for l in TOP_LISTS.iter().filter(|l| scope.has(&l.api)) {
        spawn_list(
            &mut set,
            &ctx,
            &region,
            l.api,
            (l.params)(),
            Some(l.def),
            Slot::Top(l.collection),
        );
    }
    // What the fleet uses is asked of ECS, in ECS's regions.
    let fleet_lists = scope.has(&paging::DESCRIBE_INSTANCE_TYPE_FAMILIES);
    if fleet_lists {
        spawn_list(
            &mut set,
            &ctx,
            &region,
            paging::DESCRIBE_INSTANCE_TYPE_FAMILIES,
            no_params(),
            None,
            Slot::Families,
        );
    }

    let mut groups: Option<Vec<Value>> = None;
    let mut families: Option<HashMap<String, String>> = None;
    let mut awaited = Awaited {
        instances: scope.has(&paging::DESCRIBE_INSTANCES),
        groups: scope.has(&paging::DESCRIBE_SCALING_GROUPS),
        configurations: 0,
    };
    let mut fleet_lists_started = !fleet_lists;
    let mut parts: HashMap<&'static str, BTreeMap<usize, Vec<Value>>> = HashMap::new();
    let mut failed: HashSet<&'static str> = HashSet::new();
    while let Some(done) = set.join_next().await {
        let done = done.expect("a list task panicked");
        match done.slot {
            Slot::Top("instances") => awaited.instances = false,
            Slot::Top("scaling_groups") => awaited.groups = false,
            Slot::Group(_, "scaling_configurations") => awaited.configurations -= 1,
            _ => {}
        }
        match (done.slot, settle(&mut out, done.outcome)?) {
            (Slot::Joined(name, _), None) => {
                failed.insert(name);
            }
            (_, None) => {}
            (Slot::Top("scaling_groups"), Some(items)) => {
                for (i, g) in items.iter().enumerate() {
                    let Some(id) = g.get("ScalingGroupId").and_then(Value::as_str) else {
                        continue;
                    };
                    for l in GROUP_LISTS {
                        let mut params = (l.params)();
                        params.push(("ScalingGroupId", id.to_string()));
                        spawn_list(
                            &mut set,
                            &ctx,
                            &region,
                            l.api,
                            params,
                            Some(l.def),
                            Slot::Group(i, l.collection),
                        );
                        if l.collection == "scaling_configurations" {
                            awaited.configurations += 1;
                        }
                    }
                }
                groups = Some(items);
            }
            (Slot::Top(name), Some(items)) => {
                out.collections.insert(name, items);
            }
            (Slot::Group(i, name), Some(items)) => {
                if let Some(g) = groups.as_mut().and_then(|g| g.get_mut(i)) {
                    g[name] = Value::Array(items);
                }
            }
            (Slot::Families, Some(items)) => {
                families = Some(
                    items
                        .iter()
                        .filter_map(|f| {
                            let id = f.get("InstanceTypeFamilyId")?.as_str()?;
                            let generation = f.get("Generation")?.as_str()?;
                            Some((id.to_string(), generation.to_string()))
                        })
                        .collect(),
                );
            }
            (Slot::Joined(name, i), Some(items)) => {
                parts.entry(name).or_default().insert(i, items);
            }
        }
        if !fleet_lists_started && awaited.nothing() {
            fleet_lists_started = true;
            let instances = out
                .collections
                .get("instances")
                .map_or(&[][..], Vec::as_slice);
            spawn_fleet_lists(&mut set, &ctx, &region, instances, groups.as_deref());
        }
    }
    if let Some(groups) = groups {
        out.collections.insert("scaling_groups", groups);
    }

    let mut joined: HashMap<&'static str, Vec<Value>> = parts
        .into_iter()
        .map(|(name, p)| (name, p.into_values().flatten().collect()))
        .collect();
    for name in ["instance_types", "images", "spot_prices"] {
        // Collected when every call succeeded (none needed: collected, empty).
        if !fleet_lists || failed.contains(name) {
            continue;
        }
        let mut items = joined.remove(name).unwrap_or_default();
        if name == "instance_types" {
            if let Some(generations) = &families {
                for t in &mut items {
                    let generation = t
                        .get("InstanceTypeFamily")
                        .and_then(Value::as_str)
                        .and_then(|f| generations.get(f));
                    if let (Some(g), Value::Object(o)) = (generation.cloned(), &mut *t) {
                        o.insert("Generation".into(), Value::String(g));
                    }
                }
            }
        }
        out.collections.insert(name, items);
    }
    Ok(out)
}

/// Starts the lists of what the fleet uses: the instance type families,
/// the images and the instance types launched as spot, of `instances` and
/// the scaling configurations of `groups`.
fn spawn_fleet_lists(
    set: &mut JoinSet<Finished>,
    ctx: &Arc<Context>,
    region: &str,
    instances: &[Value],
    groups: Option<&[Value]>,
) {
    let configurations: Vec<&Value> = groups
        .into_iter()
        .flatten()
        .filter_map(|g| g.get("scaling_configurations")?.as_array())
        .flatten()
        .collect();
    let mut used_families = BTreeSet::new();
    let mut used_images = BTreeSet::new();
    let mut spot_types = BTreeSet::new();
    for r in instances.iter().chain(configurations) {
        let mut types: Vec<&str> = Vec::new();
        types.extend(r.get("InstanceType").and_then(Value::as_str));
        if let Some(list) = r.get("InstanceTypes").and_then(Value::as_array) {
            types.extend(list.iter().filter_map(Value::as_str));
        }
        if is_spot(r) {
            spot_types.extend(types.iter().map(|t| t.to_string()));
            // The types a configuration bids for (what ESS-030 judges).
            let limits = r.get("SpotPriceLimits").and_then(Value::as_array);
            spot_types.extend(
                limits
                    .into_iter()
                    .flatten()
                    .filter_map(|l| l.get("InstanceType")?.as_str())
                    .map(str::to_string),
            );
        }
        match r.get("InstanceTypeFamily").and_then(Value::as_str) {
            Some(f) => {
                used_families.insert(f.to_string());
            }
            None => used_families.extend(types.iter().filter_map(|t| family_of(t))),
        }
        if let Some(image) = r.get("ImageId").and_then(Value::as_str) {
            used_images.insert(image.to_string());
        }
    }
    for (i, family) in used_families.iter().enumerate() {
        spawn_list(
            set,
            ctx,
            region,
            paging::DESCRIBE_INSTANCE_TYPES,
            vec![("InstanceTypeFamily", family.clone())],
            Some("InstanceType"),
            Slot::Joined("instance_types", i),
        );
    }
    let images: Vec<String> = used_images.into_iter().collect();
    for (i, chunk) in images.chunks(IMAGE_IDS_PER_CALL).enumerate() {
        let ids = chunk.to_vec();
        spawn_task(
            set,
            ctx,
            region,
            paging::DESCRIBE_IMAGES.action,
            Slot::Joined("images", i),
            move |ctx, region| async move { list_images(&ctx, &region, &ids).await },
        );
    }
    for (i, instance_type) in spot_types.iter().enumerate() {
        let mut params = spot_price_params();
        params.push(("InstanceType", instance_type.clone()));
        spawn_list(
            set,
            ctx,
            region,
            paging::DESCRIBE_SPOT_PRICE_HISTORY,
            params,
            Some("SpotPrice"),
            Slot::Joined("spot_prices", i),
        );
    }
}

/// `ecs.g6.large` → `ecs.g6`.
fn family_of(instance_type: &str) -> Option<String> {
    let mut parts = instance_type.splitn(3, '.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(_)) => Some(format!("{a}.{b}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_and_fatal_codes() {
        assert_eq!(family_of("ecs.g6.large").as_deref(), Some("ecs.g6"));
        assert_eq!(family_of("ecs.g6e.xlarge").as_deref(), Some("ecs.g6e"));
        assert_eq!(family_of("weird"), None);
        for code in [
            "InvalidAccessKeyId.NotFound",
            "SignatureDoesNotMatch",
            "InvalidTimeStamp.Expired",
        ] {
            assert!(is_fatal(code), "{code}");
        }
        for code in [
            "Forbidden.RAM",
            "Throttling.User",
            "TotalCountMismatch",
            "InvalidParameter",
        ] {
            assert!(!is_fatal(code), "{code}");
        }
    }

    #[test]
    fn every_collection_has_a_definition_and_a_registered_source() {
        for l in TOP_LISTS.iter().chain(GROUP_LISTS) {
            let kind = crate::snapshot::kind_of_collection(l.collection)
                .unwrap_or_else(|| panic!("{} is not a snapshot collection", l.collection));
            assert!(
                kind.sources
                    .iter()
                    .any(|(p, a)| *p == l.api.product.code && *a == l.api.action),
                "{}: {} {} is not among its kind's sources",
                l.collection,
                l.api.product.code,
                l.api.action
            );
            assert!(
                crate::snapshot::json_schema()["$defs"][l.def].is_object(),
                "{}",
                l.def
            );
        }
        // The README's RAM policy lists every action a run calls.
        let readme = include_str!("../../README.md");
        for action in ram_actions() {
            assert!(
                readme.contains(&format!("\"{action}\"")),
                "README lacks {action}"
            );
        }
    }
}
