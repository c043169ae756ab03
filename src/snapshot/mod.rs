//! The snapshot: its model (v1), loading with positions, and the index of
//! judgeable resources.

mod kinds;
pub mod locate;
mod model;
mod parse;
mod source;
mod types;
mod validate;

use std::ops::Range;
use std::path::Path;

use miette::Diagnostic;
use regorus::Value;
use thiserror::Error;

use crate::diagnostic::{without_position, SourceError};

pub use kinds::{
    collection_names, kind_named, kind_names, kind_of_collection, ResourceKind, KINDS,
};
pub use model::SCHEMA_VERSION;
pub use source::{Excerpt, SourceText};
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
    /// The text, for positions and excerpts in reports.
    pub source: SourceText,
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
    /// Byte offset just past it.
    pub end: usize,
    /// Its line and column.
    pub at: locate::LineCol,
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
    /// Byte offset of the entry in the snapshot text, and just past it.
    pub offset: usize,
    pub end: usize,
    pub at: locate::LineCol,
}

/// A snapshot that cannot be judged: where and what.
#[derive(Debug, Error, Diagnostic)]
pub enum LoadError {
    #[error("cannot read snapshot {path}: {reason}")]
    #[diagnostic(code(ecsguard::snapshot::read))]
    Read { path: String, reason: String },

    /// Malformed JSON, or a snapshot that does not match its schema.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(SourceError),
}

impl Snapshot {
    pub fn load(path: &Path) -> Result<Snapshot, LoadError> {
        let name = path.display().to_string();
        let unreadable = |e: std::io::Error| LoadError::Read {
            path: name.clone(),
            reason: e.to_string(),
        };
        let mut file = std::fs::File::open(path).map_err(unreadable)?;
        let regular = file.metadata().is_ok_and(|m| m.is_file() && m.len() > 0);
        if regular {
            if let Some(map) = map_file(&file) {
                let text = utf8_text(&map).map_err(unreadable)?;
                let len = text.len();
                let parts = Snapshot::parse(&name, text, &|range| release_pages(&map, range))?;
                // Indexed: reports read what they need through the same
                // open file from here on, and the mapping goes.
                return Ok(parts.with_source(name, SourceText::File { file, len }));
            }
        }
        // A pipe (`/dev/stdin`, `<(...)`) cannot be mapped, nor read twice:
        // its text is read whole and stays for the reports.
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).map_err(unreadable)?;
        let text = String::from_utf8(bytes)
            .map_err(|e| unreadable(not_utf8(e.utf8_error().valid_up_to())))?;
        Snapshot::from_text(name, text)
    }

    /// Parses, validates and indexes `text`.
    pub fn from_text(path: String, text: String) -> Result<Snapshot, LoadError> {
        let parts = Snapshot::parse(&path, &text, &|_| {})?;
        Ok(parts.with_source(path, SourceText::Memory(text)))
    }

    /// `release` is handed the stretches of `text` read for the last time
    /// (except by the reports, which read the file again, and by an error).
    fn parse(
        path: &str,
        text: &str,
        release: &(dyn Fn(std::ops::Range<usize>) + Sync),
    ) -> Result<Parsed, LoadError> {
        let threads = crate::cores::available();
        let (layout, value) =
            parse::scan_and_parse(text, root_shape(), threads, release).map_err(|e| match e {
                parse::ParseError::Unscannable => syntax_error(path, text),
                parse::ParseError::Unit(parse::UnitError::Syntax { offset, message }) => {
                    json_error(path, text, offset, message)
                }
                parse::ParseError::Unit(parse::UnitError::Schema(v)) => schema_error(path, text, v),
            })?;
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
        let (kinds, collection_errors) = index(text, &value, &layout, threads, release);
        Ok(Parsed {
            value,
            collected_at,
            collected_at_ns,
            regions,
            kinds,
            collection_errors,
        })
    }

    /// The scaling groups, parents of the nested kinds.
    pub fn scaling_groups(&self) -> &KindIndex {
        self.kind_index(kind_named("scaling_group").expect("registered"))
    }

    pub fn kind_index(&self, kind: &ResourceKind) -> &KindIndex {
        self.kinds
            .iter()
            .find(|k| std::ptr::eq(k.kind, kind))
            .expect("every kind is indexed")
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
                Value::Object(_) => v.index_str(&token),
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

/// A snapshot without its text, between parsing and choosing where the text
/// stays for the reports.
struct Parsed {
    value: Value,
    collected_at: String,
    collected_at_ns: i64,
    regions: Vec<String>,
    kinds: Vec<KindIndex>,
    collection_errors: Vec<CollectionErrorEntry>,
}

impl Parsed {
    fn with_source(self, path: String, source: SourceText) -> Snapshot {
        Snapshot {
            path,
            source,
            value: self.value,
            collected_at: self.collected_at,
            collected_at_ns: self.collected_at_ns,
            regions: self.regions,
            kinds: self.kinds,
            collection_errors: self.collection_errors,
        }
    }
}

/// Gives the whole pages of `range` back to the page cache: the parsed tree
/// grows while the text is read, and a large snapshot's text resident
/// beside all of it was a quarter of loading's peak memory. Read again,
/// the pages fault back in with the same contents.
fn release_pages(map: &memmap2::Mmap, range: std::ops::Range<usize>) {
    // The smallest page size Linux uses; where pages are larger the
    // kernel refuses the unaligned range and nothing is released.
    const PAGE: usize = 4096;
    let start = range.start.next_multiple_of(PAGE);
    let end = range.end / PAGE * PAGE;
    if end > start {
        // SAFETY: the mapping is read-only and never written, so dropping
        // its pages loses nothing (memmap2 marks DontNeed unsafe for
        // private pages that were written to).
        let _ = unsafe {
            map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, end - start)
        };
    }
}

/// The file mapped into memory, or `None` where it cannot be (the caller
/// then reads it). A snapshot runs to hundreds of megabytes, most of it
/// already in the page cache: a private copy would cost a fresh page of
/// memory per 4 KiB, and on a virtual machine each first touch of a page is
/// dearer than parsing it.
fn map_file(file: &std::fs::File) -> Option<memmap2::Mmap> {
    // SAFETY: the mapping is read-only and private to this process; what it
    // cannot rule out is another process truncating the file while it is
    // parsed, which ends the run with SIGBUS instead of an error. ripgrep
    // accepts the same trade for the same reason.
    unsafe { memmap2::MmapOptions::new().populate().map(file) }.ok()
}

/// `bytes` as text, checked on all cores; an error names the offset of the
/// first byte that is not UTF-8.
fn utf8_text(bytes: &[u8]) -> std::io::Result<&str> {
    let threads = crate::cores::available();
    utf8_in_parts(bytes, bytes.len().div_ceil(threads).max(1 << 22), threads)
}

fn utf8_in_parts(bytes: &[u8], size: usize, threads: usize) -> std::io::Result<&str> {
    // Parts start on character boundaries: a part that began inside a
    // character would fail where the whole does not.
    let mut starts = vec![0];
    while let Some(&last) = starts.last() {
        let mut next = last + size;
        if next >= bytes.len() {
            break;
        }
        while next < bytes.len() && (bytes[next] as i8) < -0x40 {
            next += 1;
        }
        starts.push(next);
    }
    let parts: Vec<(usize, &[u8])> = starts
        .iter()
        .zip(starts.iter().skip(1).chain(std::iter::once(&bytes.len())))
        .map(|(&a, &b)| (a, &bytes[a..b]))
        .collect();
    let checked = crate::cores::map(&parts, threads, |&(start, part)| {
        std::str::from_utf8(part).map_err(|e| start + e.valid_up_to())
    });
    if let Some(offset) = checked.into_iter().find_map(Result::err) {
        return Err(not_utf8(offset));
    }
    // SAFETY: every part is valid UTF-8 and starts on a character boundary,
    // so their concatenation, the whole, is valid UTF-8.
    Ok(unsafe { std::str::from_utf8_unchecked(bytes) })
}

fn not_utf8(offset: usize) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("not UTF-8 text: invalid byte sequence at byte offset {offset}"),
    )
}

/// The compiled snapshot schema.
fn root_shape() -> &'static validate::Shape {
    static SHAPE: std::sync::OnceLock<validate::Shape> = std::sync::OnceLock::new();
    SHAPE.get_or_init(|| validate::compile(&json_schema()))
}

/// Where malformed text breaks, as a full JSON parser sees it.
fn syntax_error(path: &str, text: &str) -> LoadError {
    match serde_json::from_str::<serde::de::IgnoredAny>(text) {
        Err(e) => json_error(
            path,
            text,
            offset_of(text, e.line(), e.column()),
            without_position(&e.to_string()),
        ),
        Ok(_) => json_error(path, text, 0, "a snapshot is a JSON object".into()),
    }
}

fn schema_error(path: &str, text: &str, v: validate::Violation) -> LoadError {
    let found = locate::pointer_tokens(&v.pointer).and_then(|t| locate::find_value(text, 0, &t));
    // A missing field is labelled at its object's opening brace; anything
    // else at the offending value.
    let span = match found {
        Some(r) if v.missing => r.start..r.start + 1,
        Some(r) => r,
        None => 0..1,
    };
    let pointer = if v.pointer.is_empty() {
        "/"
    } else {
        &v.pointer
    };
    let message = format!(
        "snapshot does not match schema v{SCHEMA_VERSION} at {pointer}: {}",
        v.message
    );
    LoadError::Source(
        SourceError::spanning("ecsguard::snapshot::schema", path, text, span, message)
            .with_label(v.message)
            .with_help("`ecsguard schema` prints the snapshot schema; field names are the Alibaba Cloud API's own")
            .with_language("json"),
    )
}

/// Malformed JSON at a byte offset.
fn json_error(path: &str, text: &str, offset: usize, reason: String) -> LoadError {
    let start = offset.min(text.len());
    let len = text[start..].chars().next().map_or(0, char::len_utf8);
    let message = format!("snapshot is not valid JSON: {reason}");
    LoadError::Source(
        SourceError::spanning(
            "ecsguard::snapshot::json",
            path,
            text,
            start..start + len,
            message,
        )
        .with_label(reason)
        .with_language("json"),
    )
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

fn string_field(v: &Value, field: &str) -> String {
    text_of(&v[field])
}

/// A string, number or boolean as text; anything else as "".
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        Value::Number(_) | Value::Bool(_) => v.to_string(),
        _ => String::new(),
    }
}

/// Indexes every judgeable resource and collection error: pointer, id,
/// region, offset and line. At 100k instances this is 400k resources, so
/// the kinds are indexed side by side and the lines counted on all cores.
fn index(
    text: &str,
    root: &Value,
    layout: &parse::Layout,
    threads: usize,
    release: &(dyn Fn(std::ops::Range<usize>) + Sync),
) -> (Vec<KindIndex>, Vec<CollectionErrorEntry>) {
    let b = text.as_bytes();
    let top = |name: &str| {
        layout
            .root
            .iter()
            .position(|(k, _)| k == name)
            .and_then(|i| layout.elements[i].as_deref())
    };
    let groups = top("scaling_groups").unwrap_or_default();
    // Each group's nested collections, found in one pass over the group.
    let nested: Vec<Vec<(&str, usize)>> = crate::cores::map(groups, threads, |g| {
        locate::object_entries(b, g.start)
            .map(|(k, v)| (&text[k], v))
            .filter(|(k, _)| {
                KINDS
                    .iter()
                    .any(|kind| kind.parent.is_some() && kind.collection == *k)
            })
            .collect()
    });
    let index_kind = |kind: &&'static ResourceKind| {
        let mut index = KindIndex {
            kind,
            collected: true,
            missing_in_parents: Vec::new(),
            resources: Vec::new(),
        };
        match kind.parent {
            None => match (&root[kind.collection], top(kind.collection)) {
                (Value::Array(items), Some(elements)) => push_resources(
                    &mut index,
                    elements.iter().cloned(),
                    items,
                    &format!("/{}", kind.collection),
                    None,
                ),
                _ => index.collected = false,
            },
            Some(parent) => match &root[parent] {
                Value::Array(parents) => {
                    for (gi, (group, nested_at)) in parents.iter().zip(&nested).enumerate() {
                        let at = nested_at
                            .iter()
                            .find(|(k, _)| *k == kind.collection)
                            .map(|(_, v)| *v);
                        match (&group[kind.collection], at) {
                            (Value::Array(items), Some(at)) => push_resources(
                                &mut index,
                                locate::array_element_ranges(b, at),
                                items,
                                &format!("/{parent}/{gi}/{}", kind.collection),
                                Some(gi),
                            ),
                            _ => index.missing_in_parents.push(gi),
                        }
                    }
                }
                _ => index.collected = false,
            },
        }
        index
    };
    let registered: Vec<&'static ResourceKind> = KINDS.iter().collect();
    let mut kinds: Vec<KindIndex> = crate::cores::map(&registered, threads, index_kind);
    let mut collection_errors: Vec<CollectionErrorEntry> =
        match (&root["collection_errors"], top("collection_errors")) {
            (Value::Array(items), Some(elements)) => items
                .iter()
                .zip(elements)
                .enumerate()
                .map(|(i, (e, r))| CollectionErrorEntry {
                    pointer: format!("/collection_errors/{i}"),
                    product: string_field(e, "product"),
                    action: string_field(e, "action"),
                    region: string_field(e, "region"),
                    code: string_field(e, "code"),
                    message: string_field(e, "message"),
                    offset: r.start,
                    end: r.end,
                    at: locate::LineCol { line: 0, column: 0 },
                })
                .collect(),
            _ => Vec::new(),
        };

    // Lines: every offset in text order, counted on all cores.
    let mut order: Vec<(usize, usize, usize)> = Vec::new();
    for (ki, k) in kinds.iter().enumerate() {
        order.extend(
            k.resources
                .iter()
                .enumerate()
                .map(|(ri, r)| (r.offset, ki, ri)),
        );
    }
    order.extend(
        collection_errors
            .iter()
            .enumerate()
            .map(|(i, e)| (e.offset, usize::MAX, i)),
    );
    // Each kind's offsets are already in order, and the top-level kinds do
    // not interleave: a stable sort merges those runs instead of sorting
    // 400k entries from scratch.
    order.sort();
    let offsets: Vec<usize> = order.iter().map(|&(offset, _, _)| offset).collect();
    let places = locate::line_cols(text, &offsets, threads, release);
    for ((_, ki, ri), at) in order.into_iter().zip(places) {
        if ki == usize::MAX {
            collection_errors[ri].at = at;
        } else {
            kinds[ki].resources[ri].at = at;
        }
    }
    (kinds, collection_errors)
}

/// `prefix/i`, built without the formatting machinery: 400k of them at
/// 100k instances, where `format!` cost more than the rest of an entry.
fn element_pointer(prefix: &str, i: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = i;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut pointer = String::with_capacity(prefix.len() + 1 + digits.len() - at);
    pointer.push_str(prefix);
    pointer.push('/');
    pointer.extend(digits[at..].iter().map(|&d| char::from(d)));
    pointer
}

fn push_resources(
    index: &mut KindIndex,
    spans: impl Iterator<Item = Range<usize>>,
    items: &regorus::value::Array,
    prefix: &str,
    parent: Option<usize>,
) {
    // Keys made once: indexing by &str would allocate a key per lookup.
    let (id_key, region_key) = (Value::from(index.kind.id_field), Value::from("RegionId"));
    index.resources.reserve(items.len());
    for (i, (item, span)) in items.iter().zip(spans).enumerate() {
        index.resources.push(Resource {
            pointer: element_pointer(prefix, i),
            id: text_of(&item[&id_key]),
            region: text_of(&item[&region_key]),
            offset: span.start,
            end: span.end,
            at: locate::LineCol { line: 0, column: 0 },
            parent,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::utf8_in_parts;

    #[test]
    fn element_pointers_spell_the_index_in_decimal() {
        for i in [0, 7, 10, 99, 100, 123_456, usize::MAX] {
            assert_eq!(
                super::element_pointer("/instances", i),
                format!("/instances/{i}")
            );
        }
    }

    #[test]
    fn text_checked_in_parts_keeps_characters_whole() {
        // "é" is two bytes and "€" three: with parts of 4 bytes, nominal
        // part starts fall inside both.
        let text = "abé€xyz€€";
        for size in 1..text.len() {
            assert_eq!(utf8_in_parts(text.as_bytes(), size, 2).unwrap(), text);
        }
    }

    #[test]
    fn a_bad_byte_in_a_later_part_is_named_by_its_offset_in_the_whole() {
        let mut bytes = "€".repeat(10).into_bytes();
        bytes[25] = 0xff;
        for size in [1, 4, 7, 100] {
            let e = utf8_in_parts(&bytes, size, 2).unwrap_err();
            assert!(e.to_string().ends_with("at byte offset 24"), "{size}: {e}");
        }
    }
}
