//! Walking every page of a list API.
//!
//! Three styles (alibaba-api.md §3, §7.2): `NextToken` (+ `MaxResults`, or
//! `Limit` on ECI) until the answer's token is empty,
//! `PageNumber`/`PageSize` until `TotalCount` items came or a short page
//! arrives, and `Offset` → `NextOffset` (DescribeSpotPriceHistory) until
//! the answer gives no further offset or no items. The page walk checks
//! that it returned what `TotalCount` promised and reports a shortfall as a
//! collection error. Every walk is bounded: a token seen twice, an offset
//! that does not move forward or more than [`MAX_PAGES`] pages end the walk
//! with an error rather than loop.

use std::collections::HashSet;

use serde_json::Value;

use super::client::{CallError, Client, Product, ECI, ECS, ESS, OOS, VPC};
use super::normalize::{integer, items_at};

/// The most pages one walk will fetch (100k instances at 100 a page is 1000).
pub const MAX_PAGES: u32 = 20_000;

/// How a list API pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// `NextToken` and a page-size parameter (`MaxResults`, or `Limit` on ECI).
    Token { size_param: &'static str, max: u32 },
    /// `PageNumber`/`PageSize`.
    Pages { max: u32 },
    /// `Offset` in, `NextOffset` out; no page-size parameter.
    Offset,
    /// One call returns everything.
    None,
}

/// A list API: where its items are and how it pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListApi {
    pub product: Product,
    pub action: &'static str,
    /// Dotted path of the items in the answer, e.g. `Instances.Instance`.
    pub list_path: &'static str,
    pub paging: Paging,
}

const fn token(max: u32) -> Paging {
    Paging::Token {
        size_param: "MaxResults",
        max,
    }
}

/// The list APIs of issue 3, with their documented maximum page sizes.
pub const DESCRIBE_REGIONS: ListApi = ListApi {
    product: ECS,
    action: "DescribeRegions",
    list_path: "Regions.Region",
    paging: Paging::None,
};
/// Auto Scaling's own region list (alibaba-api.md §2: products are not
/// offered in every ECS region).
pub const DESCRIBE_ESS_REGIONS: ListApi = ListApi {
    product: ESS,
    action: "DescribeRegions",
    list_path: "Regions.Region",
    paging: Paging::None,
};
/// ECI's region list: a flat array (`Regions[]`).
pub const DESCRIBE_ECI_REGIONS: ListApi = ListApi {
    product: ECI,
    action: "DescribeRegions",
    list_path: "Regions",
    paging: Paging::None,
};
pub const DESCRIBE_INSTANCES: ListApi = ListApi {
    product: ECS,
    action: "DescribeInstances",
    list_path: "Instances.Instance",
    paging: token(100),
};
pub const DESCRIBE_INSTANCE_TYPES: ListApi = ListApi {
    product: ECS,
    action: "DescribeInstanceTypes",
    list_path: "InstanceTypes.InstanceType",
    paging: token(1600),
};
pub const DESCRIBE_IMAGES: ListApi = ListApi {
    product: ECS,
    action: "DescribeImages",
    list_path: "Images.Image",
    paging: Paging::Pages { max: 100 },
};
pub const DESCRIBE_DEPLOYMENT_SETS: ListApi = ListApi {
    product: ECS,
    action: "DescribeDeploymentSets",
    list_path: "DeploymentSets.DeploymentSet",
    paging: Paging::Pages { max: 50 },
};
pub const DESCRIBE_INSTANCE_HISTORY_EVENTS: ListApi = ListApi {
    product: ECS,
    action: "DescribeInstanceHistoryEvents",
    list_path: "InstanceSystemEventSet.InstanceSystemEventType",
    paging: token(100),
};
pub const DESCRIBE_CLOUD_ASSISTANT_STATUS: ListApi = ListApi {
    product: ECS,
    action: "DescribeCloudAssistantStatus",
    list_path: "InstanceCloudAssistantStatusSet.InstanceCloudAssistantStatus",
    paging: token(50),
};
pub const DESCRIBE_INVOCATIONS: ListApi = ListApi {
    product: ECS,
    action: "DescribeInvocations",
    list_path: "Invocations.Invocation",
    paging: token(50),
};
pub const DESCRIBE_SCALING_GROUPS: ListApi = ListApi {
    product: ESS,
    action: "DescribeScalingGroups",
    list_path: "ScalingGroups.ScalingGroup",
    paging: Paging::Pages { max: 50 },
};
pub const DESCRIBE_INSTANCE_TYPE_FAMILIES: ListApi = ListApi {
    product: ECS,
    action: "DescribeInstanceTypeFamilies",
    list_path: "InstanceTypeFamilies.InstanceTypeFamily",
    paging: Paging::None,
};
pub const DESCRIBE_VSWITCHES: ListApi = ListApi {
    product: VPC,
    action: "DescribeVSwitches",
    list_path: "VSwitches.VSwitch",
    paging: Paging::Pages { max: 50 },
};
pub const DESCRIBE_SCALING_CONFIGURATIONS: ListApi = ListApi {
    product: ESS,
    action: "DescribeScalingConfigurations",
    list_path: "ScalingConfigurations.ScalingConfiguration",
    paging: Paging::Pages { max: 50 },
};
pub const DESCRIBE_SCALING_RULES: ListApi = ListApi {
    product: ESS,
    action: "DescribeScalingRules",
    list_path: "ScalingRules.ScalingRule",
    paging: Paging::Pages { max: 50 },
};
pub const DESCRIBE_SCHEDULED_TASKS: ListApi = ListApi {
    product: ESS,
    action: "DescribeScheduledTasks",
    list_path: "ScheduledTasks.ScheduledTask",
    paging: Paging::Pages { max: 50 },
};
pub const DESCRIBE_LIFECYCLE_HOOKS: ListApi = ListApi {
    product: ESS,
    action: "DescribeLifecycleHooks",
    list_path: "LifecycleHooks.LifecycleHook",
    paging: Paging::Pages { max: 50 },
};
/// One call per scaling group (`ScalingGroupId` is required), no paging.
pub const DESCRIBE_NOTIFICATION_CONFIGURATIONS: ListApi = ListApi {
    product: ESS,
    action: "DescribeNotificationConfigurations",
    list_path: "NotificationConfigurationModels.NotificationConfigurationModel",
    paging: Paging::None,
};
pub const DESCRIBE_ALARMS: ListApi = ListApi {
    product: ESS,
    action: "DescribeAlarms",
    list_path: "AlarmList.Alarm",
    paging: Paging::Pages { max: 50 },
};
pub const DESCRIBE_SCALING_INSTANCES: ListApi = ListApi {
    product: ESS,
    action: "DescribeScalingInstances",
    list_path: "ScalingInstances.ScalingInstance",
    paging: Paging::Pages { max: 100 },
};
/// OOS answers in plain JSON arrays.
pub const LIST_PATCH_BASELINES: ListApi = ListApi {
    product: OOS,
    action: "ListPatchBaselines",
    list_path: "PatchBaselines",
    paging: token(50),
};
pub const LIST_INSTANCE_PATCH_STATES: ListApi = ListApi {
    product: OOS,
    action: "ListInstancePatchStates",
    list_path: "InstancePatchStates",
    paging: token(50),
};
pub const DESCRIBE_SPOT_PRICE_HISTORY: ListApi = ListApi {
    product: ECS,
    action: "DescribeSpotPriceHistory",
    list_path: "SpotPrices.SpotPriceType",
    paging: Paging::Offset,
};
pub const DESCRIBE_CONTAINER_GROUPS: ListApi = ListApi {
    product: ECI,
    action: "DescribeContainerGroups",
    list_path: "ContainerGroups",
    paging: Paging::Token {
        size_param: "Limit",
        max: 20,
    },
};

/// What a walk returned.
#[derive(Debug, Clone, PartialEq)]
pub struct Walk {
    /// Every item of every page, in order, as the API gave them.
    pub items: Vec<Value>,
    pub pages: u32,
    /// `TotalCount` of the first page, when the API gave one.
    pub total_count: Option<i64>,
    /// What went wrong without losing the pages (a `TotalCount` shortfall):
    /// for `collection_errors`.
    pub problems: Vec<CallError>,
}

fn walk_error(api: &ListApi, region: &str, code: &str, message: String, pages: u32) -> CallError {
    CallError {
        product: api.product.code.to_string(),
        action: api.action.to_string(),
        region: region.to_string(),
        code: code.to_string(),
        message,
        request_id: None,
        http_status: None,
        hint: None,
        attempts: pages,
    }
}

async fn page(
    client: &Client,
    api: &ListApi,
    region: &str,
    params: &[(&str, &str)],
    extra: Vec<(&'static str, String)>,
) -> Result<Value, CallError> {
    let mut all: Vec<(&str, &str)> = params.to_vec();
    all.extend(extra.iter().map(|(k, v)| (*k, v.as_str())));
    client.call(&api.product, api.action, region, &all).await
}

/// Fetches every page of `api` in `region` with the extra `params`.
pub async fn walk(
    client: &Client,
    api: &ListApi,
    region: &str,
    params: &[(&str, &str)],
) -> Result<Walk, CallError> {
    let mut items = Vec::new();
    let walked = walk_pages(client, api, region, params, &mut |page| items.extend(page)).await?;
    Ok(Walk {
        items,
        pages: walked.pages,
        total_count: walked.total_count,
        problems: walked.problems,
    })
}

/// What a walk that handed its pages over returned.
#[derive(Debug, Clone, PartialEq)]
pub struct Walked {
    pub pages: u32,
    /// Items handed over, in all.
    pub items: usize,
    /// `TotalCount` of the first page, when the API gave one.
    pub total_count: Option<i64>,
    /// What went wrong without losing the pages (a `TotalCount` shortfall).
    pub problems: Vec<CallError>,
}

/// Fetches every page of `api` in `region` with the extra `params`,
/// handing each page's items to `sink` as it comes (in order), so work on
/// them need not wait for the last page.
pub async fn walk_pages(
    client: &Client,
    api: &ListApi,
    region: &str,
    params: &[(&str, &str)],
    sink: &mut (dyn FnMut(Vec<Value>) + Send),
) -> Result<Walked, CallError> {
    let mut walk = Walked {
        pages: 0,
        items: 0,
        total_count: None,
        problems: Vec::new(),
    };
    let mut hand_over = |walk: &mut Walked, items: Vec<Value>| {
        walk.items += items.len();
        sink(items);
    };
    let call = |extra: Vec<(&'static str, String)>| page(client, api, region, params, extra);
    let limit = |pages: u32| {
        walk_error(
            api,
            region,
            "PagingLimit",
            format!("stopped after {MAX_PAGES} pages"),
            pages,
        )
    };
    match api.paging {
        Paging::None => {
            let body = call(Vec::new()).await?;
            walk.pages = 1;
            hand_over(&mut walk, items_at(&body, api.list_path));
        }
        Paging::Token { size_param, max } => {
            let mut seen = HashSet::new();
            let mut next: Option<String> = None;
            loop {
                if walk.pages >= MAX_PAGES {
                    return Err(limit(walk.pages));
                }
                let mut extra = vec![(size_param, max.to_string())];
                if let Some(t) = &next {
                    extra.push(("NextToken", t.clone()));
                }
                let body = call(extra).await?;
                walk.pages += 1;
                if walk.pages == 1 {
                    walk.total_count = body.get("TotalCount").and_then(integer);
                }
                hand_over(&mut walk, items_at(&body, api.list_path));
                let token = body
                    .get("NextToken")
                    .and_then(Value::as_str)
                    .filter(|t| !t.is_empty());
                match token {
                    None => break,
                    Some(t) if !seen.insert(t.to_string()) => {
                        return Err(walk_error(
                            api,
                            region,
                            "PagingLoop",
                            format!("NextToken {t:?} came back twice; the walk would not end"),
                            walk.pages,
                        ))
                    }
                    Some(t) => next = Some(t.to_string()),
                }
            }
        }
        Paging::Offset => {
            let mut offset = 0i64;
            loop {
                if walk.pages >= MAX_PAGES {
                    return Err(limit(walk.pages));
                }
                let extra = if offset == 0 {
                    Vec::new()
                } else {
                    vec![("Offset", offset.to_string())]
                };
                let body = call(extra).await?;
                walk.pages += 1;
                let got = items_at(&body, api.list_path);
                let empty = got.is_empty();
                hand_over(&mut walk, got);
                // The documented answer of a single page carries no
                // `NextOffset`; absent, zero or after an empty page: done.
                let next = body.get("NextOffset").and_then(integer).unwrap_or(0);
                if next == 0 || empty {
                    break;
                }
                if next <= offset {
                    return Err(walk_error(
                        api,
                        region,
                        "PagingLoop",
                        format!("NextOffset {next} does not move past Offset {offset}; the walk would not end"),
                        walk.pages,
                    ));
                }
                offset = next;
            }
        }
        Paging::Pages { max } => {
            let mut page = 1u32;
            loop {
                let extra = vec![
                    ("PageNumber", page.to_string()),
                    ("PageSize", max.to_string()),
                ];
                let body = call(extra).await?;
                walk.pages += 1;
                let total = body.get("TotalCount").and_then(integer);
                if walk.pages == 1 {
                    walk.total_count = total;
                }
                // The API may cap the size asked for: a page is short against
                // the size it says it used.
                let size = body
                    .get("PageSize")
                    .and_then(integer)
                    .filter(|s| *s > 0)
                    .unwrap_or(max as i64);
                let got = items_at(&body, api.list_path);
                let short = (got.len() as i64) < size;
                hand_over(&mut walk, got);
                let done = total.is_some_and(|t| walk.items as i64 >= t);
                if done || short {
                    break;
                }
                if walk.pages >= MAX_PAGES {
                    return Err(limit(walk.pages));
                }
                page += 1;
            }
            if let Some(total) = walk.total_count {
                if walk.items as i64 != total {
                    walk.problems.push(walk_error(
                        api,
                        region,
                        "TotalCountMismatch",
                        format!(
                            "TotalCount promised {total} items, the {} page(s) returned {}",
                            walk.pages, walk.items
                        ),
                        walk.pages,
                    ));
                }
            }
        }
    }
    Ok(walk)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_sizes_are_the_documented_maxima() {
        assert_eq!(DESCRIBE_INSTANCES.paging, token(100));
        assert_eq!(DESCRIBE_INSTANCE_TYPES.paging, token(1600));
        assert_eq!(DESCRIBE_DEPLOYMENT_SETS.paging, Paging::Pages { max: 50 });
        assert_eq!(DESCRIBE_SPOT_PRICE_HISTORY.paging, Paging::Offset);
        assert_eq!(
            DESCRIBE_CONTAINER_GROUPS.paging,
            Paging::Token {
                size_param: "Limit",
                max: 20
            }
        );
    }
}
