//! Reading snapshot text into the engine's value tree.
//!
//! A quick structural scan finds the top-level entries and the elements of
//! every collection; the elements are then parsed on all cores at once and
//! checked against the schema as they are built. Object keys are interned
//! without allocating per occurrence (a fleet repeats the same forty field
//! names a hundred thousand times), and so are the short values of fields
//! whose values repeat.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use regorus::Value;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::locate;
use super::validate::{self, Shape, Violation};

/// Where a document's top-level entries and collection elements sit.
pub struct Layout {
    /// (key, value range) of each top-level entry, in document order.
    pub root: Vec<(String, Range<usize>)>,
    /// For top-level arrays: the byte range of each element.
    pub elements: Vec<Option<Vec<Range<usize>>>>,
}

/// A run of units found by the scan, handed to the parsers at once: the
/// elements `first..` of the top-level array at `entry`, or (`first` None)
/// the whole value of a non-array entry.
struct Batch {
    entry: usize,
    key: String,
    first: Option<usize>,
    ranges: Vec<Range<usize>>,
}

/// Units per batch: small enough that parsing starts early, large enough
/// that handing batches over costs nothing.
const BATCH: usize = 256;

/// Scans the structure of `text`, passing every batch of units to `found`
/// as soon as it is known; `None` when `text` is not well-formed enough to
/// scan (the caller then asks a full parser where it breaks). Tokens inside
/// the pieces are checked when the pieces are parsed.
fn scan(text: &str, mut found: impl FnMut(Batch)) -> Option<Layout> {
    let b = text.as_bytes();
    let mut i = locate::skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    let mut root = Vec::new();
    let mut elements = Vec::new();
    i = locate::skip_ws(b, i + 1);
    if b.get(i) == Some(&b'}') {
        i += 1;
    } else {
        loop {
            if b.get(i) != Some(&b'"') {
                return None;
            }
            let key_end = locate::skip_value(b, i)?;
            let key = serde_json::from_str::<String>(&text[i..key_end]).ok()?;
            i = locate::skip_ws(b, key_end);
            if b.get(i) != Some(&b':') {
                return None;
            }
            let value = locate::skip_ws(b, i + 1);
            let entry = root.len();
            // An array is walked once, element by element.
            let value_end = if b.get(value) == Some(&b'[') {
                let (items, end) = strict_elements(b, value, |first, ranges| {
                    found(Batch {
                        entry,
                        key: key.clone(),
                        first: Some(first),
                        ranges: ranges.to_vec(),
                    })
                })?;
                elements.push(Some(items));
                end
            } else {
                let end = locate::skip_value(b, value)?;
                found(Batch {
                    entry,
                    key: key.clone(),
                    first: None,
                    ranges: std::iter::once(value..end).collect(),
                });
                elements.push(None);
                end
            };
            root.push((key, value..value_end));
            i = locate::skip_ws(b, value_end);
            match b.get(i) {
                Some(b',') => i = locate::skip_ws(b, i + 1),
                Some(b'}') => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    (locate::skip_ws(b, i) == b.len()).then_some(Layout { root, elements })
}

/// The element ranges of the array at `at` and the offset past its `]`, or
/// `None` unless the elements are separated by single commas and closed by
/// `]`. Every `BATCH` elements (and the rest at the end) go to `found`.
fn strict_elements(
    b: &[u8],
    at: usize,
    mut found: impl FnMut(usize, &[Range<usize>]),
) -> Option<(Vec<Range<usize>>, usize)> {
    let mut out = Vec::new();
    let mut sent = 0;
    let mut i = locate::skip_ws(b, at + 1);
    if b.get(i) == Some(&b']') {
        return Some((out, i + 1));
    }
    loop {
        let end = locate::skip_value(b, i)?;
        out.push(i..end);
        if out.len() - sent == BATCH {
            found(sent, &out[sent..]);
            sent = out.len();
        }
        i = locate::skip_ws(b, end);
        match b.get(i) {
            Some(b',') => i = locate::skip_ws(b, i + 1),
            Some(b']') => {
                if sent < out.len() {
                    found(sent, &out[sent..]);
                }
                return Some((out, i + 1));
            }
            _ => return None,
        }
    }
}

/// Why a document could not be read.
pub enum ParseError {
    /// Not well-formed enough to scan: a full parser must say where.
    Unscannable,
    Unit(UnitError),
}

/// Why a unit could not be read.
pub enum UnitError {
    /// Malformed JSON at an absolute byte offset.
    Syntax {
        offset: usize,
        message: String,
    },
    Schema(Violation),
}

/// Scans `text` and parses every top-level entry, and every element of a
/// top-level array, on `threads` threads while the scan goes on, validating
/// each against `root`'s property shapes. Returns the layout and the root
/// object, or the first error in document order.
pub fn scan_and_parse(
    text: &str,
    root: &Shape,
    threads: usize,
    release: &(dyn Fn(Range<usize>) + Sync),
) -> Result<(Layout, Value), ParseError> {
    let shape_of = |key: &str, element: bool| -> Option<&Shape> {
        let Shape::Object(o) = root else { return None };
        o.property(key).map(|s| match (s, element) {
            (Shape::Array(items), true) => items.as_ref(),
            (s, _) => s,
        })
    };
    let parse_batch = |batch: &Batch, keys: &mut KeyTable| -> Result<Vec<Value>, UnitError> {
        let shape = shape_of(&batch.key, batch.first.is_some());
        let mut values = Vec::with_capacity(batch.ranges.len());
        for (n, range) in batch.ranges.iter().enumerate() {
            let value = parse_unit(text, range, keys)?;
            if let Some(shape) = shape {
                // A top-level array checks its own type here; its elements
                // were checked one by one.
                validate::check(shape, &value, || {
                    let mut prefix = format!("/{}", locate::escape_token(&batch.key));
                    if let Some(first) = batch.first {
                        prefix.push_str(&format!("/{}", first + n));
                    }
                    prefix
                })
                .map_err(UnitError::Schema)?;
            }
            values.push(value);
        }
        Ok(values)
    };
    let (sender, receiver) = std::sync::mpsc::channel::<(usize, Batch)>();
    let receiver = std::sync::Mutex::new(receiver);
    type Parsed = (usize, Batch, Result<Vec<Value>, UnitError>);
    let work = || -> Vec<Parsed> {
        let mut keys = KeyTable::default();
        let mut out = Vec::new();
        loop {
            let next = receiver.lock().expect("parse queue").recv();
            let Ok((id, batch)) = next else { break };
            let result = parse_batch(&batch, &mut keys);
            // The scan is past it: read again only to index the resources.
            if let (Some(first), Some(last)) = (batch.ranges.first(), batch.ranges.last()) {
                release(first.start..last.end);
            }
            out.push((id, batch, result));
        }
        out
    };
    let (layout, mut done) = std::thread::scope(|s| {
        // The scan runs here while the other threads parse what it found;
        // then this thread parses too.
        let workers: Vec<_> = (1..threads.max(1)).map(|_| s.spawn(work)).collect();
        let mut id = 0;
        let layout = scan(text, |batch| {
            let _ = sender.send((id, batch));
            id += 1;
        });
        drop(sender);
        let mut done = work();
        for w in workers {
            done.extend(w.join().expect("parse thread panicked"));
        }
        (layout, done)
    });
    let layout = layout.ok_or(ParseError::Unscannable)?;
    done.sort_by_key(|(id, _, _)| *id);

    // Reassemble the root object in document order.
    let mut entries: Vec<Option<Value>> = vec![None; layout.root.len()];
    let mut arrays: Vec<Vec<Value>> = layout
        .elements
        .iter()
        .map(|e| Vec::with_capacity(e.as_ref().map_or(0, Vec::len)))
        .collect();
    for (_, batch, result) in done {
        let values = result.map_err(ParseError::Unit)?;
        match batch.first {
            Some(_) => arrays[batch.entry].extend(values),
            None => entries[batch.entry] = values.into_iter().next(),
        }
    }
    let mut root_entries = Vec::with_capacity(layout.root.len());
    for (entry, ((key, _), array)) in layout.root.iter().zip(arrays).enumerate() {
        let value = entries[entry].take().unwrap_or_else(|| Value::from(array));
        root_entries.push((Value::from(key.as_str()), value));
    }
    let root_value = regorus::value::Object::from_entries(root_entries).into_value();
    if let Shape::Object(o) = root {
        // The entries were checked one by one; the root's required fields here.
        let required_only = validate::required_only(o);
        validate::check(&required_only, &root_value, String::new)
            .map_err(|v| ParseError::Unit(UnitError::Schema(v)))?;
    }
    Ok((layout, root_value))
}

fn parse_unit(text: &str, range: &Range<usize>, keys: &mut KeyTable) -> Result<Value, UnitError> {
    let slice = &text[range.clone()];
    let mut de = serde_json::Deserializer::from_str(slice);
    let result = Build { keys, field: None }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v));
    result.map_err(|e| {
        let offset = range.start + super::offset_of(slice, e.line(), e.column());
        UnitError::Syntax {
            offset,
            message: crate::diagnostic::without_position(&e.to_string()),
        }
    })
}

/// Interned strings: object keys, and short values (statuses, regions,
/// zones, instance types) that a fleet repeats thousands of times.
#[derive(Default)]
struct KeyTable {
    keys: HashSet<regorus::Rc<str>, BuildHasherDefault<WordHasher>>,
    /// Per field (by the address of its interned name): whether its values
    /// are worth interning. Ids, addresses and names are nearly all
    /// distinct; interning them only grows the table (millions of entries
    /// at 100k instances, a cache miss per lookup) and saves no memory.
    fields: HashMap<usize, Repeats, BuildHasherDefault<WordHasher>>,
    /// Per field (None: a collection's elements): the keys of the last
    /// object read there.
    shapes: HashMap<Option<usize>, ObjectShape, BuildHasherDefault<WordHasher>>,
}

/// The keys of the last object read under one field, in document order,
/// and the order that sorts them. The next object there (the next
/// instance, the next tag) nearly always has the same keys in the same
/// order: its keys are then recognised by comparing each with the one
/// expected at its place, not by hashing, and its entries put in order
/// without comparing keys.
#[derive(Default)]
struct ObjectShape {
    keys: Vec<regorus::Rc<str>>,
    /// Document positions of the keys in sorted order; empty when a key
    /// repeats (the object is then built by sorting, last repeat winning).
    sorted: Vec<usize>,
    /// The entries' buffer, kept between objects (each taken in turn).
    scratch: Vec<Option<(regorus::Rc<str>, Value)>>,
}

impl ObjectShape {
    /// Learns the keys of an object that did not match.
    fn learn(&mut self, entries: &[Option<(regorus::Rc<str>, Value)>]) {
        self.keys.clear();
        self.keys
            .extend(entries.iter().flatten().map(|(k, _)| k.clone()));
        self.sorted.clear();
        self.sorted.extend(0..entries.len());
        self.sorted
            .sort_by(|&a, &b| self.keys[a].cmp(&self.keys[b]));
        if self
            .sorted
            .windows(2)
            .any(|w| self.keys[w[0]] == self.keys[w[1]])
        {
            self.sorted.clear();
        }
    }
}

/// A multiply-rotate hash over whole words (the FxHash scheme): interned
/// strings are short and trusted to be few, so SipHash's resistance to
/// crafted collisions buys nothing here and cost a tenth of the load time.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.add(u64::from_le_bytes(w.try_into().expect("8 bytes")));
        }
        let mut tail = [0u8; 8];
        let rest = words.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(tail) ^ rest.len() as u64);
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Values up to this length are interned; longer ones are mostly unique.
const INTERN_MAX: usize = 32;

/// How a field's values have repeated so far.
#[derive(Clone, Copy)]
enum Repeats {
    /// Still counting: `seen` values, `fresh` of them new to the table.
    Sampling {
        seen: u32,
        fresh: u32,
    },
    Intern,
    Plain,
}

impl Default for Repeats {
    fn default() -> Self {
        Repeats::Sampling { seen: 0, fresh: 0 }
    }
}

/// Values a field's decision is made on: a field whose first 256 values
/// are more than three quarters distinct is taken for one of unique values
/// (a few hundred images or vSwitches in a fleet still repeat). A field
/// decided `Plain` keeps the values it interned while sampling; a decision
/// once made stands (the elements of one collection share their shape).
const SAMPLE: u32 = 256;

impl KeyTable {
    fn intern(&mut self, key: &str) -> regorus::Rc<str> {
        lookup(&mut self.keys, key).0
    }

    /// A string value of `field` (None: not under an object key), interned
    /// unless the field's values are nearly all distinct.
    fn value(&mut self, field: Option<usize>, v: &str) -> regorus::Rc<str> {
        if v.len() > INTERN_MAX {
            return regorus::Rc::from(v);
        }
        let Some(field) = field else {
            return self.intern(v);
        };
        let repeats = self.fields.entry(field).or_default();
        match *repeats {
            Repeats::Intern => lookup(&mut self.keys, v).0,
            Repeats::Plain => regorus::Rc::from(v),
            Repeats::Sampling { seen, fresh } => {
                let (k, new) = lookup(&mut self.keys, v);
                let (seen, fresh) = (seen + 1, fresh + u32::from(new));
                *repeats = match seen {
                    SAMPLE if fresh * 4 > seen * 3 => Repeats::Plain,
                    SAMPLE => Repeats::Intern,
                    _ => Repeats::Sampling { seen, fresh },
                };
                k
            }
        }
    }
}

/// The one `Rc<str>` for `key` in `keys`, and whether it was new there.
fn lookup(
    keys: &mut HashSet<regorus::Rc<str>, BuildHasherDefault<WordHasher>>,
    key: &str,
) -> (regorus::Rc<str>, bool) {
    if let Some(k) = keys.get(key) {
        return (k.clone(), false);
    }
    let k: regorus::Rc<str> = regorus::Rc::from(key);
    keys.insert(k.clone());
    (k, true)
}

/// Builds a [`Value`] straight from the JSON tokens.
struct Build<'k> {
    keys: &'k mut KeyTable,
    /// The object key the value sits under (through arrays), by the
    /// address of its interned name.
    field: Option<usize>,
}

impl<'de> DeserializeSeed<'de> for Build<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Build<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        if !v.is_finite() {
            return Err(E::custom(format!("number out of range: {v}")));
        }
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(self.keys.value(self.field, v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        let field = self.field;
        while let Some(v) = seq.next_element_seed(Build {
            keys: self.keys,
            field,
        })? {
            items.push(v);
        }
        Ok(Value::from(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut shape = self.keys.shapes.remove(&self.field).unwrap_or_default();
        let mut entries = std::mem::take(&mut shape.scratch);
        entries.reserve(shape.keys.len());
        let mut same = true;
        while let Some(key) = map.next_key_seed(Key {
            keys: self.keys,
            expected: shape.keys.get(entries.len()),
        })? {
            same = same
                && shape
                    .keys
                    .get(entries.len())
                    .is_some_and(|k| regorus::Rc::ptr_eq(k, &key));
            let field = Some(regorus::Rc::as_ptr(&key) as *const u8 as usize);
            let value = map.next_value_seed(Build {
                keys: self.keys,
                field,
            })?;
            entries.push(Some((key, value)));
        }
        if !(same && entries.len() == shape.keys.len()) {
            shape.learn(&entries);
        }
        // Straight into regorus's frozen form: no BTreeMap on the way.
        let object = if shape.sorted.is_empty() {
            regorus::value::Object::from_entries(
                entries
                    .drain(..)
                    .flatten()
                    .map(|(k, v)| (Value::String(k), v))
                    .collect(),
            )
        } else {
            // Exactly sized: the slice is kept as allocated.
            let mut sorted = Vec::with_capacity(shape.sorted.len());
            for &i in &shape.sorted {
                sorted.extend(entries[i].take().map(|(k, v)| (Value::String(k), v)));
            }
            regorus::value::Object::from_sorted_entries(sorted)
        };
        entries.clear();
        shape.scratch = entries;
        self.keys.shapes.insert(self.field, shape);
        Ok(object.into_value())
    }
}

struct Key<'k, 's> {
    keys: &'k mut KeyTable,
    /// The key the last object of this shape had here.
    expected: Option<&'s regorus::Rc<str>>,
}

impl<'de> DeserializeSeed<'de> for Key<'_, '_> {
    type Value = regorus::Rc<str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_, '_> {
    type Value = regorus::Rc<str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        match self.expected {
            Some(k) if k.as_ref() == v => Ok(k.clone()),
            _ => Ok(self.keys.intern(v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Value {
        match parse_unit(text, &(0..text.len()), &mut KeyTable::default()) {
            Ok(v) => v,
            Err(_) => panic!("{text} does not parse"),
        }
    }

    /// Objects go straight into regorus's frozen form: they must equal what
    /// regorus builds itself (keys sorted, lookups by binary search), with
    /// the last of duplicate keys winning, as a map would have it.
    #[test]
    fn objects_equal_regorus_own_and_last_duplicate_wins() {
        let text =
            r#"{"b": 1, "a": {"z": [true, null], "y": "s", "": {}}, "c": 2, "b": 3, "A": []}"#;
        let ours = parsed(text);
        let theirs = Value::from_json_str(text).expect("regorus reads it");
        assert_eq!(ours, theirs);
        assert_eq!(ours["b"], Value::from(3u64));
        assert_eq!(ours["a"]["y"], Value::from("s"));
        let keys: Vec<&Value> = ours.as_object().unwrap().keys_sorted().collect();
        assert_eq!(
            keys,
            [
                &Value::from("A"),
                &Value::from("a"),
                &Value::from("b"),
                &Value::from("c")
            ]
        );
        assert_eq!(parsed("{}"), Value::from_json_str("{}").unwrap());
    }

    /// Objects read one after another through one table (where the keys of
    /// the last object of a field are expected again) equal what regorus
    /// builds, whether the next has the same keys, others, the same in
    /// another order, fewer, more, or one twice.
    #[test]
    fn objects_of_changing_shapes_equal_regorus_own() {
        let mut keys = KeyTable::default();
        let texts = [
            r#"{"b": 1, "a": {"k": 1, "v": 2}, "c": [{"k": 1, "v": 2}, {"v": 3, "k": 4}]}"#,
            r#"{"b": 2, "a": {"k": 3, "v": 4}, "c": [{"k": 5}, {"k": 6, "v": 7, "w": 8}]}"#,
            r#"{"a": {"v": 5, "k": 6}, "b": 3, "c": []}"#,
            r#"{"b": 4, "a": {"k": 7, "v": 8}, "c": [{"k": 1, "k": 2}]}"#,
            r#"{"b": 5, "b": 6, "a": {"k": 9, "v": 10}}"#,
            r#"{"b": 7, "a": {"k": 11, "v": 12}, "c": [{"k": 1, "v": 2}]}"#,
            r#"{}"#,
            r#"{"b": 8, "a": {"a": {"a": 1}}}"#,
        ];
        for text in texts {
            let ours = match parse_unit(text, &(0..text.len()), &mut keys) {
                Ok(v) => v,
                Err(_) => panic!("{text} does not parse"),
            };
            assert_eq!(ours, Value::from_json_str(text).unwrap(), "{text}");
        }
    }

    /// The values of a field that repeat share one allocation; a field
    /// whose values are all distinct stops filling the table once sampled.
    #[test]
    fn repeated_values_are_interned_and_distinct_ones_are_not() {
        let mut keys = KeyTable::default();
        let instances: Vec<Value> = (0..1000)
            .map(|n| {
                let zone = ["h", "i", "j"][n % 3];
                let text = format!(
                    r#"{{"InstanceId": "i-{n:05}", "ZoneId": "cn-hangzhou-{zone}", "Tags": [{{"Key": "app", "Value": "web"}}]}}"#
                );
                match parse_unit(&text, &(0..text.len()), &mut keys) {
                    Ok(v) => v,
                    Err(_) => panic!("{text} does not parse"),
                }
            })
            .collect();
        let string = |v: &Value| match v {
            Value::String(s) => s.clone(),
            other => panic!("{other} is not a string"),
        };
        let (first, last) = (&instances[0], &instances[999]);
        assert!(regorus::Rc::ptr_eq(
            &string(&first["ZoneId"]),
            &string(&last["ZoneId"])
        ));
        assert!(regorus::Rc::ptr_eq(
            &string(&first["Tags"][0]["Value"]),
            &string(&last["Tags"][0]["Value"])
        ));
        assert_eq!(last["InstanceId"], Value::from("i-00999"));
        // The sampled ids, the zones, the tag and the field names.
        assert!(
            keys.keys.len() <= SAMPLE as usize + 10,
            "{} strings interned",
            keys.keys.len()
        );
    }
}
