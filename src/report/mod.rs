//! Reporting: turning findings into what people and machines read. Every
//! format reads the same [`Outcome`], so they cannot disagree.

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod operator;
pub mod sarif;

use std::ops::Range;

use crate::evaluate::{Evaluation, Finding, Origin, Status, Subject};
use crate::policy::{PolicySet, Rule, Severity};
use crate::snapshot::{locate, Snapshot, KINDS};

/// Everything a report needs: what was judged, by what, and the verdicts.
pub struct Outcome<'a> {
    pub policies: &'a PolicySet,
    pub snapshot: &'a Snapshot,
    pub evaluation: &'a Evaluation,
    /// The instant time-based rules measured against.
    pub now: &'a str,
    pub waivers: Option<&'a crate::triage::Waivers>,
    pub waiver_use: Option<&'a crate::triage::WaiverUse>,
    pub baseline: Option<&'a crate::triage::BaselineDiff>,
}

/// Where a finding's subject sits in the snapshot.
pub struct Place {
    pub kind: &'static str,
    pub id: Option<String>,
    pub region: Option<String>,
    /// The resource's pointer (or the collection error's, or "" for the root).
    pub pointer: String,
    /// Byte offset of the resource, just past it, and its line and column.
    pub offset: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    /// Set when the rule pointed inside the resource and the field exists.
    pub field: Option<FieldPlace>,
}

pub struct FieldPlace {
    pub pointer: String,
    pub line: usize,
    pub column: usize,
    /// From the field's key to the end of its value.
    pub span: Range<usize>,
}

impl Place {
    /// Line and column of the exact spot: the field, else the resource.
    pub fn spot(&self) -> (usize, usize) {
        self.field
            .as_ref()
            .map_or((self.line, self.column), |f| (f.line, f.column))
    }
}

/// Counts per status.
#[derive(Default, Clone, Copy, serde::Serialize, schemars::JsonSchema)]
pub struct Tally {
    pub pass: usize,
    pub fail: usize,
    pub unknown: usize,
    pub waived: usize,
}

impl Tally {
    fn add(&mut self, status: Status) {
        match status {
            Status::Pass => self.pass += 1,
            Status::Fail => self.fail += 1,
            Status::Unknown => self.unknown += 1,
            Status::Waived => self.waived += 1,
        }
    }
}

impl<'a> Outcome<'a> {
    pub fn rule(&self, f: &Finding) -> &'a Rule {
        &self.policies.rules[f.rule]
    }

    /// The line of the definition that produced the verdict.
    pub fn rule_line(&self, f: &Finding) -> usize {
        self.rule(f).origin_line(f.origin)
    }

    /// The byte range of the rule head that produced the verdict, in its file.
    pub fn rule_span(&self, f: &Finding) -> Option<Range<usize>> {
        let rule = self.rule(f);
        let def = match f.origin {
            Origin::Deny(d) => rule.deny.get(d),
            Origin::Unknown(d) => rule.unknown.get(d),
            Origin::Engine => rule.deny.first().or(rule.unknown.first()),
        }?;
        Some(def.start..def.end)
    }

    pub fn place(&self, f: &Finding) -> Place {
        let snap = self.snapshot;
        let (kind, id, pointer) = (
            subject_kind(snap, f),
            subject_id(snap, f),
            subject_pointer(snap, f),
        );
        let (offset, end, at, region) = match f.subject {
            Subject::Resource { kind, index } => {
                let res = &snap.kinds[kind].resources[index];
                (res.offset, res.end, res.at, Some(res.region.clone()))
            }
            Subject::CollectionError(i) => {
                let ce = &snap.collection_errors[i];
                (ce.offset, ce.end, ce.at, Some(ce.region.clone()))
            }
            Subject::MissingCollection { parent: None, .. } => {
                let head = snap.source.excerpt(0..4096);
                let start = locate::skip_ws(head.text.as_bytes(), 0);
                let at = locate::line_col(&head.text, start);
                (start, snap.source.len(), at, None)
            }
            Subject::MissingCollection {
                parent: Some(g), ..
            } => {
                let res = &snap.scaling_groups().resources[g];
                (res.offset, res.end, res.at, Some(res.region.clone()))
            }
        };
        let field = f.field.as_ref().and_then(|field_pointer| {
            let depth = locate::pointer_tokens(&pointer)?.len();
            let tokens = locate::pointer_tokens(field_pointer)?;
            // Only the resource's own text is read (from the file, for a loaded snapshot).
            let resource = snap.source.excerpt(offset..end);
            let (text, local) = (resource.text.as_ref(), offset - resource.base);
            let span = locate::find_value(text, local, tokens.get(depth..)?)?;
            // Label the field from its key, so `"HttpTokens": "optional"` reads whole.
            let start = locate::key_before(text, span.start).map_or(span.start, |k| k.start);
            let field_at = position_after(text, local, at, start);
            Some(FieldPlace {
                pointer: field_pointer.clone(),
                line: field_at.line,
                column: field_at.column,
                span: resource.base + start..resource.base + span.end,
            })
        });
        Place {
            kind,
            id,
            region,
            pointer,
            offset,
            end,
            line: at.line,
            column: at.column,
            field,
        }
    }

    /// What to underline: the field, else the resource's first line (a
    /// whole resource is too much), never past the resource's end.
    pub fn label_span(&self, place: &Place) -> Range<usize> {
        if let Some(field) = &place.field {
            return field.span.clone();
        }
        // The first line is all that is needed, within a bounded read.
        let end = place.end.min(place.offset + 4096);
        let resource = self.snapshot.source.excerpt(place.offset..end);
        let b = resource.text.as_bytes();
        let local = place.offset - resource.base;
        let end = (end - resource.base).min(b.len());
        let line_end = memchr::memchr(b'\n', &b[local..end]).map_or(end, |i| local + i);
        place.offset..resource.base + line_end.max(local + 1).min(b.len())
    }

    /// The remediation command with `{Field}` filled from the resource.
    pub fn remediation_cli(&self, f: &Finding) -> Option<String> {
        let template = self.rule(f).meta.remediation.cli.as_ref()?;
        let resource = match f.subject {
            Subject::Resource { kind, index } => self
                .snapshot
                .value_at(&self.snapshot.kinds[kind].resources[index].pointer),
            _ => return Some(template.clone()),
        };
        let mut out = String::with_capacity(template.len());
        let mut rest = template.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close)
                    if after[..close]
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_') =>
                {
                    let name = &after[..close];
                    // By &str: `resource[name]` would build a key value per lookup.
                    match resource.index_str(name) {
                        regorus::Value::String(s) => out.push_str(s),
                        v @ (regorus::Value::Number(_) | regorus::Value::Bool(_)) => {
                            out.push_str(&v.to_string())
                        }
                        _ => out.push_str(&rest[open..open + close + 2]),
                    }
                    rest = &after[close + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        Some(out)
    }

    pub fn summary(&self) -> Tally {
        let mut t = Tally::default();
        for f in &self.evaluation.findings {
            t.add(f.status);
        }
        t
    }

    pub fn by_severity(&self) -> Vec<(Severity, Tally)> {
        Severity::ALL
            .iter()
            .map(|&s| {
                let mut t = Tally::default();
                for f in self
                    .evaluation
                    .findings
                    .iter()
                    .filter(|f| self.rule(f).meta.severity == s)
                {
                    t.add(f.status);
                }
                (s, t)
            })
            .collect()
    }
}

/// What a rule that is not configured needs, for every report:
/// `needs params.a.b (set it with --data)`.
pub fn needs_params_text(rule: &Rule) -> String {
    let params: Vec<String> = rule
        .unset_params
        .iter()
        .map(|p| format!("params.{p}"))
        .collect();
    format!(
        "needs {} (set {} with --data)",
        params.join(" and "),
        if params.len() == 1 { "it" } else { "them" }
    )
}

/// Text made safe inside XML or HTML elements and quoted attributes (the
/// control characters XML 1.0 forbids are dropped).
pub fn escape_markup(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// A path as a SARIF / GitHub artifact URI: relative to the working
/// directory when it lies below it, with forward slashes.
pub fn relative_uri(path: &str) -> String {
    let p = std::path::Path::new(path);
    let shown = match (p.is_absolute(), std::env::current_dir()) {
        (true, Ok(cwd)) => p
            .strip_prefix(&cwd)
            .map_or_else(|_| p.to_path_buf(), |r| r.to_path_buf()),
        _ => p.to_path_buf(),
    };
    let s = shown.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s).replace(' ', "%20");
    if shown.is_absolute() {
        format!("file://{s}")
    } else {
        s
    }
}

/// The type of what a finding is about (`collection_error` for a failed API call).
pub fn subject_kind(snapshot: &Snapshot, f: &Finding) -> &'static str {
    match f.subject {
        Subject::Resource { kind, .. } => snapshot.kinds[kind].kind.name,
        Subject::CollectionError(_) => "collection_error",
        Subject::MissingCollection { kind, parent: None } => KINDS[kind].name,
        Subject::MissingCollection {
            parent: Some(_), ..
        } => "scaling_group",
    }
}

/// The id of what a finding is about; `None` for a collection missing from
/// the whole snapshot.
pub fn subject_id(snapshot: &Snapshot, f: &Finding) -> Option<String> {
    match f.subject {
        Subject::Resource { kind, index } => Some(snapshot.kinds[kind].resources[index].id.clone()),
        Subject::CollectionError(i) => {
            let ce = &snapshot.collection_errors[i];
            Some(format!("{}:{}:{}", ce.product, ce.action, ce.region))
        }
        Subject::MissingCollection { parent: None, .. } => None,
        Subject::MissingCollection {
            parent: Some(g), ..
        } => Some(snapshot.scaling_groups().resources[g].id.clone()),
    }
}

/// The JSON pointer of what a finding is about ("" for the whole document).
pub fn subject_pointer(snapshot: &Snapshot, f: &Finding) -> String {
    match f.subject {
        Subject::Resource { kind, index } => snapshot.kinds[kind].resources[index].pointer.clone(),
        Subject::CollectionError(i) => snapshot.collection_errors[i].pointer.clone(),
        Subject::MissingCollection { parent: None, .. } => String::new(),
        Subject::MissingCollection {
            parent: Some(g), ..
        } => snapshot.scaling_groups().resources[g].pointer.clone(),
    }
}

/// Line and column of `target`, counting from a known position before it
/// (never from the start of the file: a compact snapshot is one long line).
pub fn position_after(
    text: &str,
    from: usize,
    from_at: locate::LineCol,
    target: usize,
) -> locate::LineCol {
    let between = &text.as_bytes()[from..target];
    match memchr::memrchr(b'\n', between) {
        Some(last) => locate::LineCol {
            line: from_at.line + memchr::memchr_iter(b'\n', between).count(),
            column: text[from + last + 1..target].chars().count() + 1,
        },
        None => locate::LineCol {
            line: from_at.line,
            column: from_at.column + text[from..target].chars().count(),
        },
    }
}
