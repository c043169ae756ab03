//! Finding where values sit in the snapshot text.
//!
//! The engine's value tree has no positions, and keeping a span for every
//! field of a 100k-instance snapshot would cost more than the tree itself. So
//! the loader records the byte offset of each resource once, and anything
//! deeper (`/instances/7/MetadataOptions/HttpTokens`) is found on demand by
//! walking the text from the nearest known offset. The text has already been
//! validated as JSON when these run; malformed input yields `None`, never a
//! panic.

use std::borrow::Cow;
use std::ops::Range;

/// The 1-based line and column of a byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

pub fn line_col(text: &str, offset: usize) -> LineCol {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |p| p + 1);
    let column = text[line_start..offset].chars().count() + 1;
    LineCol { line, column }
}

/// The line and column of each of `offsets` (ascending, on character
/// boundaries). Each thread reads one stretch of the text, from the last
/// offset before its run to its own last, counting lines and columns from
/// the stretch's start; the stretches are then joined in order. So a
/// compact one-line snapshot costs one pass too, and every byte is read
/// once, by one thread, which hands the pages it has passed to `release`
/// (a mapped snapshot's pages, read again here after parsing, would
/// otherwise all be resident at once beside the parsed tree).
pub fn line_cols(
    text: &str,
    offsets: &[usize],
    threads: usize,
    release: &(dyn Fn(std::ops::Range<usize>) + Sync),
) -> Vec<LineCol> {
    // Per offset: lines since the stretch's start, the column, and whether
    // a line ended in the stretch before it (else the column continues the
    // stretch's first line).
    let stretches = crate::cores::map_runs(offsets, threads, |before, run| {
        let from = before.copied().unwrap_or(0);
        let mut out = Vec::with_capacity(run.len());
        let (mut at, mut lines, mut column, mut new_line) = (from, 0, 0, false);
        let mut released = from;
        for &offset in run {
            let between = &text[at..offset];
            match memchr::memrchr(b'\n', between.as_bytes()) {
                Some(last) => {
                    lines += memchr::memchr_iter(b'\n', between.as_bytes()).count();
                    column = between[last + 1..].chars().count();
                    new_line = true;
                }
                None => column += between.chars().count(),
            }
            out.push((lines, column, new_line));
            at = offset;
            if at - released >= RELEASE_STEP {
                release(released..at);
                released = at;
            }
        }
        release(released..at);
        out
    });
    let mut base = LineCol { line: 1, column: 1 };
    let mut places = Vec::with_capacity(offsets.len());
    for stretch in stretches {
        let start = base;
        for (lines, column, new_line) in stretch {
            base = LineCol {
                line: start.line + lines,
                column: if new_line {
                    column + 1
                } else {
                    start.column + column
                },
            };
            places.push(base);
        }
    }
    places
}

/// Text read before its pages are released: large enough that the calls
/// are few, small enough that little of it is resident at once.
const RELEASE_STEP: usize = 1 << 20;

/// Splits a JSON pointer (RFC 6901) into unescaped tokens.
pub fn pointer_tokens(pointer: &str) -> Option<Vec<Cow<'_, str>>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    // Borrowed unless escaped: reports split a pointer or two per finding.
    Some(
        rest.split('/')
            .map(|t| {
                if t.contains('~') {
                    Cow::Owned(t.replace("~1", "/").replace("~0", "~"))
                } else {
                    Cow::Borrowed(t)
                }
            })
            .collect(),
    )
}

/// Escapes one JSON pointer token.
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The byte range of the value at `tokens`, walking from the value that
/// starts at `start`.
pub fn find_value(text: &str, start: usize, tokens: &[Cow<str>]) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let mut at = skip_ws(b, start);
    for token in tokens {
        at = match *b.get(at)? {
            b'{' => object_entries(b, at)
                .find(|(key, _)| key_eq(text, key.clone(), token))
                .map(|(_, v)| v)?,
            b'[' => {
                let n: usize = token.parse().ok()?;
                array_elements(b, at).nth(n)?
            }
            _ => return None,
        };
    }
    Some(at..skip_value(b, at)?)
}

/// The byte range of a key string (quotes included) whose value starts at `value_start`,
/// found by walking back over `"key" :`. Used to label a field by its name.
pub fn key_before(text: &str, value_start: usize) -> Option<Range<usize>> {
    let b = text.as_bytes();
    let mut i = value_start;
    while i > 0 && b[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    if i == 0 || b[i - 1] != b':' {
        return None;
    }
    i -= 1;
    while i > 0 && b[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    if i == 0 || b[i - 1] != b'"' {
        return None;
    }
    let end = i;
    let mut j = end - 1;
    loop {
        if j == 0 {
            return None;
        }
        j -= 1;
        if b[j] == b'"' {
            let mut backslashes = 0;
            while j > backslashes && b[j - 1 - backslashes] == b'\\' {
                backslashes += 1;
            }
            if backslashes % 2 == 0 {
                return Some(j..end);
            }
        }
    }
}

/// Iterates `(key range without quotes, value start)` of the object at `at`.
pub fn object_entries(b: &[u8], at: usize) -> impl Iterator<Item = (Range<usize>, usize)> + '_ {
    let mut i = at + 1;
    let mut done = b.get(at) != Some(&b'{');
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        i = skip_ws(b, i);
        match b.get(i) {
            Some(b'"') => {}
            _ => {
                done = true;
                return None;
            }
        }
        let key_end = skip_string(b, i)?;
        let key = i + 1..key_end - 1;
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            done = true;
            return None;
        }
        let value = skip_ws(b, i + 1);
        match skip_value(b, value) {
            Some(end) => {
                i = skip_ws(b, end);
                if b.get(i) == Some(&b',') {
                    i += 1;
                } else {
                    done = true;
                }
                Some((key, value))
            }
            None => {
                done = true;
                None
            }
        }
    })
}

/// Iterates the start offsets of the elements of the array at `at`.
pub fn array_elements(b: &[u8], at: usize) -> impl Iterator<Item = usize> + '_ {
    array_element_ranges(b, at).map(|r| r.start)
}

/// Iterates the byte ranges of the elements of the array at `at`.
pub fn array_element_ranges(b: &[u8], at: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut i = at + 1;
    let mut done = b.get(at) != Some(&b'[');
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        i = skip_ws(b, i);
        if b.get(i).is_none_or(|&c| c == b']') {
            done = true;
            return None;
        }
        let value = i;
        match skip_value(b, value) {
            Some(end) => {
                i = skip_ws(b, end);
                if b.get(i) == Some(&b',') {
                    i += 1;
                } else {
                    done = true;
                }
                Some(value..end)
            }
            None => {
                done = true;
                None
            }
        }
    })
}

fn key_eq(text: &str, key: Range<usize>, token: &str) -> bool {
    let raw = &text[key];
    if raw.contains('\\') {
        serde_json::from_str::<String>(&format!("\"{raw}\"")).is_ok_and(|k| k == token)
    } else {
        raw == token
    }
}

pub fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\r' | b'\t') {
        i += 1;
    }
    i
}

/// The offset just past the string that opens at `i`.
fn skip_string(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    // Jump between quotes and backslashes: strings are most of a snapshot.
    while let Some(k) = memchr::memchr2(b'"', b'\\', b.get(j..)?) {
        match b[j + k] {
            b'\\' => j += k + 2,
            _ => return Some(j + k + 1),
        }
    }
    None
}

/// Bytes that matter when skipping a container: quotes and brackets.
static STRUCTURAL: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b'"' as usize] = 1;
    table[b'{' as usize] = 1;
    table[b'}' as usize] = 1;
    table[b'[' as usize] = 1;
    table[b']' as usize] = 1;
    table
};

/// The offset just past the value that starts at `i`.
pub fn skip_value(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => skip_string(b, i),
        b'{' | b'[' => {
            // Between strings, one table lookup per byte: the scan is a
            // tenth of loading, and a `match` per byte cost more.
            let mut depth = 0usize;
            let mut j = i;
            loop {
                while STRUCTURAL[*b.get(j)? as usize] == 0 {
                    j += 1;
                }
                match b[j] {
                    b'"' => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    _ => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while j < b.len() && !matches!(b[j], b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t')
            {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "{\n  \"a\": [\n    {\"x\": 1, \"y\": {\"z\": \"s\\\"]\"}},\n    {\"a/b\": [true, null]}\n  ],\n  \"n\": -1.5e3\n}";

    fn at(pointer: &str) -> Option<&'static str> {
        let tokens = pointer_tokens(pointer)?;
        find_value(DOC, 0, &tokens).map(|r| &DOC[r])
    }

    #[test]
    fn finds_values_by_pointer() {
        assert_eq!(at("/a/0/x"), Some("1"));
        assert_eq!(at("/a/0/y/z"), Some("\"s\\\"]\""));
        assert_eq!(at("/a/1/a~1b/1"), Some("null"));
        assert_eq!(at("/n"), Some("-1.5e3"));
        assert_eq!(at("/a/2"), None);
        assert_eq!(at("/missing"), None);
        assert_eq!(at(""), Some(DOC));
    }

    #[test]
    fn lines_and_columns_are_one_based() {
        let offset = DOC.find("{\"a/b\"").unwrap();
        assert_eq!(line_col(DOC, offset), LineCol { line: 4, column: 5 });
    }

    #[test]
    fn line_cols_agree_with_line_col_on_every_run_split() {
        // Multi-byte characters, several lines, and a long one-line stretch.
        let text = "{\n  \"é\": [1, 2],\n\n  \"ü\": {\"a\": \"日本\", \"b\": [true]}, \"c\": 3}\n";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let expected: Vec<LineCol> = offsets.iter().map(|&o| line_col(text, o)).collect();
        for threads in 1..=5 {
            assert_eq!(
                line_cols(text, &offsets, threads, &|_| {}),
                expected,
                "{threads} threads"
            );
        }
    }

    #[test]
    fn key_before_value_names_the_field() {
        let r = find_value(DOC, 0, &pointer_tokens("/n").unwrap()).unwrap();
        assert_eq!(&DOC[key_before(DOC, r.start).unwrap()], "\"n\"");
    }
}
