//! Field types of the snapshot model, and the timestamp rule.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

/// A string field.
pub struct Text;

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }
}

/// An RFC 3339 UTC timestamp with seconds, e.g. `2026-11-27T08:30:00Z`.
///
/// The API returns some times with minute precision (`2024-04-14T22:32Z`),
/// which Rego's `time.parse_rfc3339_ns` rejects; the collector normalizes
/// them, and the loader refuses a snapshot that was not normalized.
pub struct Timestamp;

impl JsonSchema for Timestamp {
    fn schema_name() -> Cow<'static, str> {
        "Timestamp".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date-time",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$",
            "description": "RFC 3339 timestamp in UTC with seconds, e.g. 2026-11-27T08:30:00Z."
        })
    }
}

/// Parses an RFC 3339 UTC timestamp with seconds (`...Z`), the one form the
/// snapshot allows. Returns nanoseconds since the Unix epoch.
pub fn parse_utc_timestamp(s: &str) -> Result<i64, String> {
    let shape_ok = s.len() >= 20
        && s.ends_with('Z')
        && s.as_bytes().get(10) == Some(&b'T')
        && s.as_bytes().get(16) == Some(&b':');
    if !shape_ok {
        return Err(format!(
            "\"{s}\" is not an RFC 3339 UTC timestamp with seconds (e.g. \"2026-11-27T08:30:00Z\")"
        ));
    }
    let parsed = chrono::DateTime::parse_from_rfc3339(s)
        .map_err(|e| format!("\"{s}\" is not a valid RFC 3339 timestamp: {e}"))?;
    parsed
        .timestamp_nanos_opt()
        .ok_or_else(|| format!("\"{s}\" is out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_need_utc_and_seconds() {
        assert_eq!(
            parse_utc_timestamp("1970-01-01T00:00:01Z"),
            Ok(1_000_000_000)
        );
        assert!(parse_utc_timestamp("2026-11-27T08:30:00.250Z").is_ok());
        for bad in [
            "2024-04-14T22:32Z",
            "2024-04-14T22:32:00+08:00",
            "2024-02-30T00:00:00Z",
            "yesterday",
        ] {
            assert!(parse_utc_timestamp(bad).is_err(), "{bad} accepted");
        }
    }
}
