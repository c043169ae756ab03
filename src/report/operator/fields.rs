//! Reading snapshot values: absent or mistyped fields come back as `None`
//! (or an empty list), never as a default that would read as a fact.

use regorus::Value;

/// A string field; `None` when absent, empty or not a string.
pub fn text<'v>(v: &'v Value, field: &str) -> Option<&'v str> {
    match &v[field] {
        Value::String(s) if !s.is_empty() => Some(s),
        _ => None,
    }
}

pub fn int(v: &Value, field: &str) -> Option<i64> {
    match &v[field] {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
        _ => None,
    }
}

pub fn flag(v: &Value, field: &str) -> Option<bool> {
    match &v[field] {
        Value::Bool(b) => Some(*b),
        _ => None,
    }
}

/// An array field; `None` when it is absent (not collected).
pub fn list<'v>(v: &'v Value, field: &str) -> Option<Vec<&'v Value>> {
    match &v[field] {
        Value::Array(a) => Some(a.iter().collect()),
        _ => None,
    }
}

/// An array field, or no items.
pub fn items<'v>(v: &'v Value, field: &str) -> Vec<&'v Value> {
    list(v, field).unwrap_or_default()
}

/// A list of strings (e.g. `VSwitchIds`).
pub fn strings<'v>(v: &'v Value, field: &str) -> Vec<&'v str> {
    items(v, field)
        .into_iter()
        .filter_map(|s| s.as_string().ok().map(|s| s.as_ref()))
        .collect()
}

/// An RFC 3339 UTC time field, in nanoseconds since the epoch.
pub fn time_ns(v: &Value, field: &str) -> Option<i64> {
    text(v, field).and_then(|t| crate::snapshot::parse_utc_timestamp(t).ok())
}

/// Whole days from `from_ns` to `to_ns` (negative when `from` is later).
pub fn days_between(from_ns: i64, to_ns: i64) -> i64 {
    (to_ns - from_ns).div_euclid(86_400 * 1_000_000_000)
}

/// Spot strategies that make an instance or configuration preemptible.
pub fn is_spot_strategy(strategy: Option<&str>) -> bool {
    matches!(strategy, Some("SpotWithPriceLimit" | "SpotAsPriceGo"))
}
