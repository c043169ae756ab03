//! Zero-sized field validators used by the snapshot model.

use std::borrow::Cow;
use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// A string field: validated, not stored (the engine's value tree holds the data).
pub struct Text;

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor {
            expecting: "a string",
            check: |_| Ok(()),
        })
        .map(|()| Text)
    }
}

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

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(StrVisitor {
            expecting: "an RFC 3339 UTC timestamp with seconds, e.g. \"2026-11-27T08:30:00Z\"",
            check: |s| parse_utc_timestamp(s).map(|_| ()),
        })
        .map(|()| Timestamp)
    }
}

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

struct StrVisitor {
    expecting: &'static str,
    check: fn(&str) -> Result<(), String>,
}

impl<'de> Visitor<'de> for StrVisitor {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        (self.check)(v).map_err(E::custom)
    }
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

    #[test]
    fn text_rejects_non_strings() {
        assert!(serde_json::from_str::<Text>("\"a\"").is_ok());
        let err = serde_json::from_str::<Text>("5").err().unwrap().to_string();
        assert!(err.contains("expected a string"), "{err}");
    }
}
