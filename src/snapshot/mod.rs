//! The snapshot: its model (v1), loading with positions, and the index of
//! judgeable resources.

mod kinds;
pub mod locate;
mod model;
mod types;

use std::ops::Range;
use std::path::Path;

use miette::{Diagnostic, NamedSource, SourceSpan};
use regorus::Value;
use thiserror::Error;

pub use kinds::{
    collection_names, kind_named, kind_names, kind_of_collection, ResourceKind, KINDS,
};
pub use model::SCHEMA_VERSION;
pub use types::parse_utc_timestamp;

/// The JSON Schema of snapshot v1, generated from the model that validates it.
pub fn json_schema() -> serde_json::Value {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(model::Snapshot)).expect("schema serializes");
    // Optional fields may be absent but never null (see `model::present`).
    remove_null(&mut schema);
    schema
}

/// Drops the `null` alternative schemars gives every `Option` field.
fn remove_null(schema: &mut serde_json::Value) {
    use serde_json::Value as J;
    if let J::Object(map) = schema {
        if map.get("default") == Some(&J::Null) {
            map.remove("default");
        }
        if let Some(J::Array(types)) = map.get_mut("type") {
            types.retain(|t| t != "null");
            if types.len() == 1 {
                let only = types.remove(0);
                map.insert("type".into(), only);
            }
        }
        if let Some(J::Array(any)) = map.get("anyOf") {
            let kept: Vec<J> = any
                .iter()
                .filter(|s| s.get("type") != Some(&J::from("null")))
                .cloned()
                .collect();
            if kept.len() == 1 {
                map.remove("anyOf");
                if let J::Object(inner) = &kept[0] {
                    map.extend(inner.clone());
                }
            }
        }
        map.values_mut().for_each(remove_null);
    } else if let J::Array(items) = schema {
        items.iter_mut().for_each(remove_null);
    }
}

/// A loaded, validated snapshot: the engine's value tree plus where each
/// resource sits in the file.
pub struct Snapshot {
    /// The path as the user gave it; used in diagnostics and reports.
    pub path: String,
    pub text: String,
    pub value: Value,
    pub collected_at: String,
    pub collected_at_ns: i64,
    pub regions: Vec<String>,
    /// One entry per [`KINDS`] element, in the same order.
    pub kinds: Vec<KindIndex>,
    pub collection_errors: Vec<CollectionErrorEntry>,
}

/// The resources of one kind.
pub struct KindIndex {
    pub kind: &'static ResourceKind,
    /// False when the snapshot lacks a top-level collection altogether.
    pub collected: bool,
    /// For nested kinds: indices of the parents (scaling groups) that lack
    /// the collection, i.e. where it was not collected.
    pub missing_in_parents: Vec<usize>,
    pub resources: Vec<Resource>,
}

/// One judgeable resource.
pub struct Resource {
    pub pointer: String,
    pub id: String,
    pub region: String,
    /// Byte offset of the resource object in the snapshot text.
    pub offset: usize,
    pub line: usize,
    /// For nested kinds: the index of the parent scaling group.
    pub parent: Option<usize>,
}

/// An entry of `collection_errors`.
pub struct CollectionErrorEntry {
    pub pointer: String,
    pub product: String,
    pub action: String,
    pub region: String,
    pub code: String,
    pub message: String,
    pub line: usize,
}

/// A snapshot that cannot be judged: where and what.
#[derive(Debug, Error, Diagnostic)]
pub enum LoadError {
    #[error("cannot read snapshot {path}: {reason}")]
    #[diagnostic(code(ecsguard::snapshot::read))]
    Read { path: String, reason: String },

    #[error("{path}:{line}:{column}: snapshot is not valid JSON: {reason}")]
    #[diagnostic(code(ecsguard::snapshot::json))]
    Json {
        path: String,
        line: usize,
        column: usize,
        reason: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("{reason}")]
        span: SourceSpan,
    },

    #[error("{path}:{line}:{column}: snapshot does not match schema v{SCHEMA_VERSION} at {pointer}: {reason}")]
    #[diagnostic(
        code(ecsguard::snapshot::schema),
        help("`ecsguard schema` prints the snapshot schema; field names are the Alibaba Cloud API's own")
    )]
    Schema {
        path: String,
        line: usize,
        column: usize,
        pointer: String,
        reason: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("{reason}")]
        span: SourceSpan,
    },
}

impl Snapshot {
    pub fn load(path: &Path) -> Result<Snapshot, LoadError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| LoadError::Read {
            path: name.clone(),
            reason: e.to_string(),
        })?;
        Snapshot::from_text(name, text)
    }

    /// Validates and indexes `text`. The engine's value tree is built on a
    /// second thread while this one validates, so the two parses overlap.
    pub fn from_text(path: String, text: String) -> Result<Snapshot, LoadError> {
        let t = std::time::Instant::now();
        let (value, validated) = std::thread::scope(|s| {
            let value = s.spawn(|| {
                let t = std::time::Instant::now();
                let v = Value::from_json_str(&text);
                if std::env::var_os("ECSGUARD_RULE_TIMINGS").is_some() {
                    eprintln!("timing: value tree {:.3}s", t.elapsed().as_secs_f64());
                }
                v
            });
            let validated = validate(&path, &text);
            if std::env::var_os("ECSGUARD_RULE_TIMINGS").is_some() {
                eprintln!("timing: validate {:.3}s", t.elapsed().as_secs_f64());
            }
            (value.join(), validated)
        });
        validated?;
        let value = match value {
            Ok(Ok(v)) => v,
            // serde_json accepted the text, so the engine can only fail on
            // limits of its own; report it at the document start.
            Ok(Err(e)) => return Err(json_error(&path, &text, 0, 1, 1, e.to_string())),
            Err(_) => {
                return Err(json_error(
                    &path,
                    &text,
                    0,
                    1,
                    1,
                    "the JSON reader panicked".into(),
                ))
            }
        };
        let collected_at = value["collected_at"]
            .as_string()
            .map(|s| s.to_string())
            .unwrap_or_default();
        let collected_at_ns = parse_utc_timestamp(&collected_at).unwrap_or_default();
        let regions = match &value["regions"] {
            Value::Array(a) => a
                .iter()
                .filter_map(|r| r.as_string().ok().map(|s| s.to_string()))
                .collect(),
            _ => Vec::new(),
        };
        let t = std::time::Instant::now();
        let kinds = index_resources(&text, &value);
        if std::env::var_os("ECSGUARD_RULE_TIMINGS").is_some() {
            eprintln!("timing: index {:.3}s", t.elapsed().as_secs_f64());
        }
        let collection_errors = index_collection_errors(&text, &value);
        Ok(Snapshot {
            path,
            text,
            value,
            collected_at,
            collected_at_ns,
            regions,
            kinds,
            collection_errors,
        })
    }

    pub fn kind_index(&self, kind: &ResourceKind) -> &KindIndex {
        self.kinds
            .iter()
            .find(|k| std::ptr::eq(k.kind, kind))
            .expect("every kind is indexed")
    }

    /// The byte range of the value at `pointer`, searched from the nearest
    /// indexed resource.
    pub fn span_of(&self, pointer: &str) -> Option<Range<usize>> {
        let tokens = locate::pointer_tokens(pointer)?;
        locate::find_value(&self.text, 0, &tokens)
    }

    /// The resource value at a resource pointer such as `/instances/3`.
    pub fn value_at(&self, pointer: &str) -> &Value {
        let mut v = &self.value;
        for token in locate::pointer_tokens(pointer).unwrap_or_default() {
            v = match v {
                Value::Array(a) => match token.parse::<usize>().ok().and_then(|i| a.get(i)) {
                    Some(x) => x,
                    None => return &Value::Undefined,
                },
                Value::Object(_) => &v[token.as_str()],
                _ => return &Value::Undefined,
            };
        }
        v
    }

    /// Resource counts per collection, for reports; `None` when the
    /// collection was not collected.
    pub fn counts(&self) -> Vec<(&'static str, Option<usize>)> {
        self.kinds
            .iter()
            .map(|k| (k.kind.collection, k.collected.then_some(k.resources.len())))
            .collect()
    }
}

fn validate(path: &str, text: &str) -> Result<(), LoadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let result: Result<model::Snapshot, _> = serde_path_to_error::deserialize(&mut de);
    let err = match result {
        Ok(_) => {
            return de.end().map_err(|e| {
                json_error(
                    path,
                    text,
                    offset_of(text, e.line(), e.column()),
                    e.line(),
                    e.column(),
                    strip_position(&e),
                )
            })
        }
        Err(err) => err,
    };
    let pointer = path_to_pointer(err.path());
    let inner = err.into_inner();
    let (line, column) = (inner.line(), inner.column());
    let offset = offset_of(text, line, column);
    let reason = strip_position(&inner);
    if inner.is_syntax() || inner.is_eof() {
        return Err(json_error(path, text, offset, line, column, reason));
    }
    // serde reports a type error after the bad value and a missing field at
    // the end of its object: label the value itself when the pointer finds it.
    let span = locate::pointer_tokens(&pointer)
        .and_then(|t| locate::find_value(text, 0, &t))
        .filter(|_| !reason.starts_with("missing field"))
        .unwrap_or(offset.saturating_sub(1)..offset);
    let at = locate::line_col(text, span.start);
    Err(LoadError::Schema {
        path: path.to_string(),
        line: at.line,
        column: at.column,
        pointer: if pointer.is_empty() {
            "/".into()
        } else {
            pointer
        },
        reason,
        src: NamedSource::new(path, text.to_string()).with_language("json"),
        span: span.into(),
    })
}

fn json_error(
    path: &str,
    text: &str,
    offset: usize,
    line: usize,
    column: usize,
    reason: String,
) -> LoadError {
    let start = offset.min(text.len());
    let len = text[start..].chars().next().map_or(0, char::len_utf8);
    LoadError::Json {
        path: path.to_string(),
        line,
        column,
        reason,
        src: NamedSource::new(path, text.to_string()).with_language("json"),
        span: (start, len).into(),
    }
}

/// serde_json appends " at line L column C"; the diagnostic shows it already.
fn strip_position(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Byte offset of serde_json's 1-based line and column (column counts bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column.saturating_sub(1)).min(text.len())
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("/{index}")),
            Segment::Map { key } => out.push_str(&format!("/{}", locate::escape_token(key))),
            Segment::Enum { variant } => {
                out.push_str(&format!("/{}", locate::escape_token(variant)))
            }
            Segment::Unknown => out.push_str("/?"),
        }
    }
    out
}

fn string_field(v: &Value, field: &str) -> String {
    match &v[field] {
        Value::String(s) => s.to_string(),
        Value::Number(_) | Value::Bool(_) => v[field].to_string(),
        _ => String::new(),
    }
}

fn index_resources(text: &str, root: &Value) -> Vec<KindIndex> {
    let b = text.as_bytes();
    let root_at = locate::skip_ws(b, 0);
    let top: Vec<(Range<usize>, usize)> = locate::object_entries(b, root_at).collect();
    let top_offset = |name: &str| {
        top.iter()
            .find(|(k, _)| &text[k.clone()] == name)
            .map(|(_, v)| *v)
    };
    let group_offsets: Vec<usize> = top_offset("scaling_groups")
        .map(|at| locate::array_elements(b, at).collect())
        .unwrap_or_default();

    // Resources are gathered per kind, then their lines are counted in one
    // pass over the text in offset order.
    let mut kinds: Vec<KindIndex> = KINDS
        .iter()
        .map(|kind| {
            let mut index = KindIndex {
                kind,
                collected: true,
                missing_in_parents: Vec::new(),
                resources: Vec::new(),
            };
            match kind.parent {
                None => match (&root[kind.collection], top_offset(kind.collection)) {
                    (Value::Array(items), Some(at)) => push_resources(
                        &mut index,
                        b,
                        at,
                        items,
                        &format!("/{}", kind.collection),
                        None,
                    ),
                    _ => index.collected = false,
                },
                Some(parent) => {
                    if let Value::Array(groups) = &root[parent] {
                        for (gi, (group, &group_at)) in
                            groups.iter().zip(&group_offsets).enumerate()
                        {
                            let at = locate::object_entries(b, group_at)
                                .find(|(k, _)| &text[k.clone()] == kind.collection)
                                .map(|(_, v)| v);
                            match (&group[kind.collection], at) {
                                (Value::Array(items), Some(at)) => push_resources(
                                    &mut index,
                                    b,
                                    at,
                                    items,
                                    &format!("/{parent}/{gi}/{}", kind.collection),
                                    Some(gi),
                                ),
                                _ => index.missing_in_parents.push(gi),
                            }
                        }
                    } else {
                        index.collected = false;
                    }
                }
            }
            index
        })
        .collect();

    let mut order: Vec<(usize, usize, usize)> = Vec::new();
    for (ki, k) in kinds.iter().enumerate() {
        order.extend(
            k.resources
                .iter()
                .enumerate()
                .map(|(ri, r)| (r.offset, ki, ri)),
        );
    }
    order.sort_unstable();
    let mut lines = locate::LineCounter::new(text);
    for (offset, ki, ri) in order {
        kinds[ki].resources[ri].line = lines.line_at(offset);
    }
    kinds
}

fn push_resources(
    index: &mut KindIndex,
    b: &[u8],
    array_at: usize,
    items: &regorus::value::Array,
    prefix: &str,
    parent: Option<usize>,
) {
    for (i, (item, offset)) in items
        .iter()
        .zip(locate::array_elements(b, array_at))
        .enumerate()
    {
        index.resources.push(Resource {
            pointer: format!("{prefix}/{i}"),
            id: string_field(item, index.kind.id_field),
            region: string_field(item, "RegionId"),
            offset,
            line: 0,
            parent,
        });
    }
}

fn index_collection_errors(text: &str, root: &Value) -> Vec<CollectionErrorEntry> {
    let Value::Array(items) = &root["collection_errors"] else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let pointer = format!("/collection_errors/{i}");
            let line = locate::pointer_tokens(&pointer)
                .and_then(|t| locate::find_value(text, 0, &t))
                .map_or(1, |r| locate::line_col(text, r.start).line);
            CollectionErrorEntry {
                pointer,
                product: string_field(e, "product"),
                action: string_field(e, "action"),
                region: string_field(e, "region"),
                code: string_field(e, "code"),
                message: string_field(e, "message"),
                line,
            }
        })
        .collect()
}
