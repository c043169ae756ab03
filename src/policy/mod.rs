//! Policies: finding them (the built-in library and `--policy` paths),
//! reading their annotations, and loading them into one engine.

pub mod catalogue;
pub mod metadata;
pub mod rego;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use include_dir::{include_dir, Dir};
use miette::Diagnostic;
use regorus::{Engine, Value};
use thiserror::Error;

use crate::diagnostic::{without_position, SourceError};

pub use metadata::{Remediation, RuleMeta, Severity};
pub use rego::Definition;

/// The policy library shipped inside the binary.
static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/policies");

/// Where built-in files say they come from (their path in the ecsguard repository).
const BUILTIN_PREFIX: &str = "policies";

/// A policy or data file and its text.
#[derive(Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    /// Embedded in the binary rather than read from disk.
    pub builtin: bool,
}

/// What to load.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub builtin: bool,
    /// `--policy` paths: directories (walked) or single `.rego` files.
    pub paths: Vec<PathBuf>,
    /// `--data` files (YAML or JSON), merged last.
    pub data: Vec<PathBuf>,
    /// Load `*_test.rego` too (for `ecsguard test`).
    pub tests: bool,
}

impl Sources {
    /// The built-in library alone, with its default parameters.
    pub fn builtin_only() -> Sources {
        Sources {
            builtin: true,
            paths: Vec::new(),
            data: Vec::new(),
            tests: false,
        }
    }
}

/// One rule: a package with `deny` (and maybe `unknown`) and its METADATA.
pub struct Rule {
    /// Package path without `data.`, e.g. `ecsguard.ess.health_check`.
    pub package: String,
    pub file: String,
    pub meta: RuleMeta,
    pub deny: Vec<Definition>,
    pub unknown: Vec<Definition>,
    /// The parameters of `meta.needs_params` that are absent, null or empty
    /// in the merged data: while any is, the rule is not configured, judges
    /// nothing and is reported as such.
    pub unset_params: Vec<String>,
    /// The library packages (no `deny`/`unknown`, some rule that is not a
    /// function) this rule reads, by full path: rules that read the same
    /// library rules are judged in one query, which computes them once.
    pub libraries: Vec<String>,
}

impl Rule {
    /// Whether the rule runs: every parameter it needs is set.
    pub fn configured(&self) -> bool {
        self.unset_params.is_empty()
    }

    /// The judging engine's paths of this rule's definitions: `deny` ones
    /// first, then `unknown` ones.
    pub fn definition_paths(&self) -> Vec<String> {
        let deny = (0..self.deny.len()).map(|n| renamed("deny", n));
        let unknown = (0..self.unknown.len()).map(|n| renamed("unknown", n));
        deny.chain(unknown)
            .map(|name| format!("data.{}.{name}", self.package))
            .collect()
    }

    /// Where the rule is written: its first `deny` definition.
    pub fn line(&self) -> usize {
        self.deny
            .first()
            .or(self.unknown.first())
            .map_or(1, |d| d.line)
    }

    /// The line of the definition that produced a verdict.
    pub fn origin_line(&self, origin: crate::evaluate::Origin) -> usize {
        use crate::evaluate::Origin;
        let definition = match origin {
            Origin::Deny(d) => self.deny.get(d),
            Origin::Unknown(d) => self.unknown.get(d),
            Origin::Engine => None,
        };
        definition.map_or(self.line(), |d| d.line)
    }
}

/// A `test_*` rule.
pub struct TestCase {
    pub package: String,
    pub name: String,
    pub file: String,
    pub line: usize,
}

/// Everything loaded: the engine holds the policies and data; the rules
/// are sorted by id.
pub struct PolicySet {
    /// The policies as written (tests, definitions, coverage).
    pub engine: Engine,
    /// The rules with their definitions renamed apart, for judging.
    judge: Engine,
    pub rules: Vec<Rule>,
    pub tests: Vec<TestCase>,
    pub files: Vec<SourceFile>,
    /// The merged data document (`data.ecsguard.params` …), as JSON.
    pub data: serde_json::Value,
}

#[derive(Debug, Error, Diagnostic)]
pub enum PolicyError {
    #[error("{path}: {reason}")]
    #[diagnostic(code(ecsguard::policy::read))]
    Read { path: String, reason: String },

    #[error("no policy found{where_}")]
    #[diagnostic(
        code(ecsguard::policy::none),
        help("pass --policy DIR with .rego files, or drop --no-builtin")
    )]
    NoPolicies { where_: String },

    /// A syntax, METADATA or data-file error at a place in a file.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(SourceError),
}

impl PolicyError {
    fn syntax(file: &SourceFile, line: usize, column: usize, message: String) -> PolicyError {
        PolicyError::Source(
            SourceError::at(
                "ecsguard::policy::syntax",
                &file.path,
                &file.text,
                line,
                column,
                message,
            )
            .with_language("rego"),
        )
    }

    fn metadata(file: &SourceFile, line: usize, message: String) -> PolicyError {
        PolicyError::Source(
            SourceError::at(
                "ecsguard::policy::metadata",
                &file.path,
                &file.text,
                line,
                1,
                message,
            )
            .with_help("see policies/README.md for the METADATA every rule carries")
            .with_language("rego"),
        )
    }

    fn data(file: &SourceFile, line: usize, column: usize, message: String) -> PolicyError {
        PolicyError::Source(SourceError::at(
            "ecsguard::data",
            &file.path,
            &file.text,
            line,
            column,
            message,
        ))
    }
}

impl PolicySet {
    pub fn load(sources: &Sources) -> Result<PolicySet, PolicyError> {
        let found = discover(sources)?;
        // `ecsguard test` may run a directory of tests alone.
        let tests_only = sources.tests && !found.tests.is_empty();
        if found.policies.is_empty() && !tests_only {
            let where_ = if sources.paths.is_empty() {
                String::new()
            } else {
                format!(
                    " in {}",
                    sources
                        .paths
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            return Err(PolicyError::NoPolicies { where_ });
        }
        let data = merge_data(&found.data)?;

        let mut engine = Engine::new();
        // A builtin given the wrong type must be an error, not a silent
        // undefined that would let a resource pass.
        engine.set_strict_builtin_errors(true);
        let mut packages: BTreeMap<String, String> = BTreeMap::new();
        let all_files: Vec<&SourceFile> = found.policies.iter().chain(&found.tests).collect();
        for file in &all_files {
            reject_wall_clock(file)?;
            let package = engine
                .add_policy(file.path.clone(), file.text.clone())
                .map_err(|e| {
                    let e = rego::split_error(&e);
                    PolicyError::syntax(file, e.line.max(1), e.column.max(1), e.message)
                })?;
            packages.insert(
                file.path.clone(),
                package.trim_start_matches("data.").to_string(),
            );
        }
        let definitions = rego::definitions(&mut engine);
        let mut rules: Vec<Rule> = Vec::new();
        for file in &found.policies {
            let package = packages[&file.path].clone();
            let of = |name: &str| -> Vec<Definition> {
                definitions
                    .iter()
                    .filter(|d| d.file == file.path && d.name == name)
                    .cloned()
                    .collect()
            };
            let (deny, unknown) = (of("deny"), of("unknown"));
            let meta = metadata::parse(&file.text)
                .map_err(|e| PolicyError::metadata(file, e.line, e.message))?;
            match (meta, deny.is_empty() && unknown.is_empty()) {
                (Some(meta), false) => {
                    let unset_params = unset_params(&meta, &data).map_err(|message| {
                        PolicyError::metadata(file, meta.needs_params_line, message)
                    })?;
                    rules.push(Rule {
                        package,
                        file: file.path.clone(),
                        meta,
                        deny,
                        unknown,
                        unset_params,
                        libraries: Vec::new(),
                    })
                }
                (None, false) => {
                    let line = deny.first().or(unknown.first()).map_or(1, |d| d.line);
                    return Err(PolicyError::metadata(file, line, "this rule has no `# METADATA` block (title, description, custom.id, custom.severity, custom.resource_type, custom.remediation)".into()));
                }
                // A package without deny/unknown is a helper library.
                (_, true) => {}
            }
        }
        // A rule reading a library that is not loaded would find its rules
        // undefined and judge nothing: a silent pass. Say which file and
        // where instead.
        for file in &found.policies {
            if let Some((line, column, name)) = missing_library(&file.text, &packages) {
                return Err(PolicyError::syntax(
                    file,
                    line,
                    column,
                    format!("reads the library package {name}, which no loaded policy file defines (load its directory too, e.g. policies/lib)"),
                ));
            }
        }
        let libraries: BTreeSet<&str> = found
            .policies
            .iter()
            .filter(|f| !rules.iter().any(|r| r.file == f.path))
            .filter(|f| definitions.iter().any(|d| d.file == f.path && !d.function))
            .map(|f| packages[&f.path].as_str())
            .collect();
        for rule in &mut rules {
            let text = &found
                .policies
                .iter()
                .find(|f| f.path == rule.file)
                .expect("rule file is loaded")
                .text;
            rule.libraries = libraries
                .iter()
                .filter(|lib| reads_package(text, lib))
                .map(|lib| lib.to_string())
                .collect();
        }
        if rules.is_empty() && !tests_only {
            return Err(PolicyError::NoPolicies {
                where_: " (no package defines `deny` or `unknown`)".into(),
            });
        }
        rules.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        for pair in rules.windows(2) {
            if pair[0].meta.id == pair[1].meta.id {
                let file = found
                    .policies
                    .iter()
                    .find(|f| f.path == pair[1].file)
                    .expect("rule file is loaded");
                return Err(PolicyError::metadata(
                    file,
                    1,
                    format!(
                        "rule id {} is also used by {}",
                        pair[1].meta.id, pair[0].file
                    ),
                ));
            }
        }
        let tests = definitions
            .iter()
            .filter(|d| d.name.starts_with("test_") && found.tests.iter().any(|f| f.path == d.file))
            .map(|d| TestCase {
                package: packages[&d.file].clone(),
                name: d.name.clone(),
                file: d.file.clone(),
                line: d.line,
            })
            .collect();
        // The judging engine: every deny/unknown definition renamed apart,
        // so one query evaluates a rule's definitions together (helper rules
        // computed once) and still tells which definition produced what.
        let mut judge = Engine::new();
        judge.set_strict_builtin_errors(true);
        for file in &found.policies {
            let text = match rules.iter().find(|r| r.file == file.path) {
                Some(rule) => rename_definitions(&file.text, rule),
                None => file.text.clone(),
            };
            judge.add_policy(file.path.clone(), text).map_err(|e| {
                let e = rego::split_error(&e);
                PolicyError::syntax(file, e.line.max(1), e.column.max(1), e.message)
            })?;
        }
        let files = found.policies.into_iter().chain(found.tests).collect();
        Ok(PolicySet {
            engine,
            judge,
            rules,
            tests,
            files,
            data,
        })
    }

    /// A clone of the engine as written, with the data document loaded.
    pub fn engine_with_data(&self) -> Engine {
        with_data(&self.engine, self.data.clone())
    }

    /// A clone of the judging engine with the data document loaded, plus
    /// `data.ecsguard.now_ns` / `data.ecsguard.now`. Its rules' definitions
    /// are named by [`Rule::definition_paths`].
    pub fn judge_with_data(&self, now_ns: i64, now: &str) -> Engine {
        let mut data = self.data.clone();
        deep_merge(
            &mut data,
            serde_json::json!({"ecsguard": {"now_ns": now_ns, "now": now}}),
        );
        with_data(&self.judge, data)
    }

    pub fn file(&self, path: &str) -> Option<&SourceFile> {
        self.files.iter().find(|f| f.path == path)
    }

    /// The rules that run; the others are not configured.
    pub fn configured(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| r.configured())
    }

    /// The rules left out because a parameter they need is not set.
    pub fn not_configured(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| !r.configured())
    }
}

/// Where `text` writes `data.<path>` as the start of a reference (not the
/// tail of a longer name): the byte offset just past it.
fn data_refs<'t>(text: &'t str, path: &str) -> impl Iterator<Item = usize> + 't {
    let written = format!("data.{path}");
    let len = written.len();
    text.match_indices(&written)
        .map(|(at, _)| at)
        .collect::<Vec<_>>()
        .into_iter()
        .filter(move |&at| {
            !text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
        })
        .map(move |at| at + len)
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The first `data.ecsguard.lib.<name>` that `text` reads, outside comment
/// lines, whose package is not among `packages` (path -> package): line,
/// column and package.
fn missing_library(
    text: &str,
    packages: &BTreeMap<String, String>,
) -> Option<(usize, usize, String)> {
    const LIBRARIES: &str = "ecsguard.lib.";
    text.lines().enumerate().find_map(|(n, line)| {
        if line.trim_start().starts_with('#') {
            return None;
        }
        data_refs(line, LIBRARIES).find_map(|end| {
            let rest = &line[end..];
            let name = &rest[..rest.find(|c| !is_name_char(c)).unwrap_or(rest.len())];
            let package = format!("{LIBRARIES}{name}");
            let loaded = packages
                .values()
                .any(|p| *p == package || p.starts_with(&format!("{package}.")));
            let column = end - "data.".len() - LIBRARIES.len() + 1;
            (!loaded).then(|| (n + 1, column, package))
        })
    })
}

/// Whether Rego `text` names package `package` by its full path
/// (`data.<package>` not followed by more of a name), in a reference or an
/// import. A mention in a comment counts too: it only groups the rule with
/// the library's other readers, which costs nothing in correctness.
fn reads_package(text: &str, package: &str) -> bool {
    data_refs(text, package).any(|end| !text[end..].chars().next().is_some_and(is_name_char))
}

/// The parameters of `meta.needs_params` that `data` leaves absent, null or
/// empty (`""`, `[]`, `{}`). A parameter no data file declares at all is an
/// error: a misspelt path would leave the rule silently unconfigured, so
/// each one must have a default (empty) in `data.yaml`.
fn unset_params(meta: &RuleMeta, data: &serde_json::Value) -> Result<Vec<String>, String> {
    let mut unset = Vec::new();
    for path in &meta.needs_params {
        let mut value = data.pointer("/ecsguard/params");
        for name in path.split('.') {
            value = value.and_then(|v| v.get(name));
        }
        match value {
            None => {
                return Err(format!(
                    "`custom.needs_params`: data.ecsguard.params.{path} is in no data file; give it an empty default in data.yaml"
                ))
            }
            Some(serde_json::Value::Null) => unset.push(path.clone()),
            Some(serde_json::Value::String(s)) if s.is_empty() => unset.push(path.clone()),
            Some(serde_json::Value::Array(a)) if a.is_empty() => unset.push(path.clone()),
            Some(serde_json::Value::Object(o)) if o.is_empty() => unset.push(path.clone()),
            Some(_) => {}
        }
    }
    Ok(unset)
}

fn with_data(engine: &Engine, data: serde_json::Value) -> Engine {
    let mut engine = engine.clone();
    let value = Value::from_json_str(&data.to_string()).expect("merged data is JSON");
    engine.add_data(value).expect("data is an object");
    engine
}

/// The name the judging engine gives the `n`th definition of `deny` or `unknown`.
fn renamed(name: &str, n: usize) -> String {
    format!("ecsguard__{name}_{n}")
}

/// Renames each `deny` / `unknown` definition of `rule` in place (lines do
/// not move) and keeps the original names as unions of the renamed ones,
/// for any rule of the package that refers to them.
fn rename_definitions(text: &str, rule: &Rule) -> String {
    let mut heads: Vec<(usize, &str, usize)> = Vec::new();
    for (name, defs) in [("deny", &rule.deny), ("unknown", &rule.unknown)] {
        heads.extend(defs.iter().enumerate().map(|(n, d)| (d.start, name, n)));
    }
    heads.sort_by_key(|h| std::cmp::Reverse(h.0));
    let mut out = text.to_string();
    for (start, name, n) in heads {
        debug_assert_eq!(&out[start..start + name.len()], name);
        out.replace_range(start..start + name.len(), &renamed(name, n));
    }
    out.push('\n');
    for (name, defs) in [("deny", &rule.deny), ("unknown", &rule.unknown)] {
        for n in 0..defs.len() {
            out.push_str(&format!(
                "\n{name} contains x if {{\n\tsome x in {}\n}}\n",
                renamed(name, n)
            ));
        }
    }
    out
}

/// `time.now_ns()` makes a verdict depend on when it ran; rules measure
/// against `data.ecsguard.now_ns` (the snapshot's `collected_at` or `--now`).
fn reject_wall_clock(file: &SourceFile) -> Result<(), PolicyError> {
    for (i, line) in file.text.lines().enumerate() {
        let code = line.split('#').next().unwrap_or("");
        if let Some(col) = code.find("time.now_ns(") {
            return Err(PolicyError::syntax(
                file,
                i + 1,
                col + 1,
                "time.now_ns() makes results depend on when ecsguard runs; use data.ecsguard.now_ns (the snapshot's collected_at, or --now)".into(),
            ));
        }
    }
    Ok(())
}

struct Found {
    policies: Vec<SourceFile>,
    tests: Vec<SourceFile>,
    data: Vec<SourceFile>,
}

fn is_test(path: &str) -> bool {
    path.ends_with("_test.rego")
}

fn is_data(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    matches!(name, "data.yaml" | "data.yml" | "data.json")
}

fn discover(sources: &Sources) -> Result<Found, PolicyError> {
    let mut found = Found {
        policies: Vec::new(),
        tests: Vec::new(),
        data: Vec::new(),
    };
    let add = |file: SourceFile, found: &mut Found| {
        if file.path.ends_with(".rego") {
            if is_test(&file.path) {
                if sources.tests {
                    found.tests.push(file);
                }
            } else {
                found.policies.push(file);
            }
        } else if is_data(&file.path) {
            found.data.push(file);
        }
    };
    if sources.builtin {
        let mut builtin = Vec::new();
        collect_builtin(&BUILTIN, &mut builtin);
        builtin.sort_by(|a, b| a.path.cmp(&b.path));
        for f in builtin {
            add(f, &mut found);
        }
    }
    for root in &sources.paths {
        if !root.exists() {
            return Err(PolicyError::Read {
                path: root.display().to_string(),
                reason: "no such file or directory".into(),
            });
        }
        let mut files = Vec::new();
        if root.is_file() {
            files.push(root.to_path_buf());
        } else {
            for entry in walkdir::WalkDir::new(root)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
            {
                let entry = entry.map_err(|e| PolicyError::Read {
                    path: root.display().to_string(),
                    reason: e.to_string(),
                })?;
                if entry.file_type().is_file() {
                    files.push(entry.into_path());
                }
            }
        }
        for path in files {
            let shown = path.display().to_string();
            if !(shown.ends_with(".rego") || is_data(&shown)) {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| PolicyError::Read {
                path: shown.clone(),
                reason: e.to_string(),
            })?;
            let file = SourceFile {
                path: shown,
                text,
                builtin: false,
            };
            // A user's policy replaces a built-in one of the same package,
            // so a rule can be customized (or the library re-read from disk).
            if let Some(package) = package_of(&file.text).filter(|_| file.path.ends_with(".rego")) {
                found.policies.retain(|f| {
                    !(f.builtin && package_of(&f.text).as_deref() == Some(package.as_str()))
                });
            }
            add(file, &mut found);
        }
    }
    for data in &sources.data {
        let text = std::fs::read_to_string(data).map_err(|e| PolicyError::Read {
            path: data.display().to_string(),
            reason: e.to_string(),
        })?;
        found.data.push(SourceFile {
            path: data.display().to_string(),
            text,
            builtin: false,
        });
    }
    Ok(found)
}

fn collect_builtin(dir: &Dir<'static>, out: &mut Vec<SourceFile>) {
    for file in dir.files() {
        let path = format!("{BUILTIN_PREFIX}/{}", file.path().display());
        if let Some(text) = file.contents_utf8() {
            out.push(SourceFile {
                path,
                text: text.to_string(),
                builtin: true,
            });
        }
    }
    for sub in dir.dirs() {
        collect_builtin(sub, out);
    }
}

/// The `package` path declared in a policy text.
pub fn package_of(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("package "))
        .map(|p| p.trim().to_string())
}

/// Merges data files in order; later files override earlier keys (objects
/// merge deeply, anything else is replaced).
fn merge_data(files: &[SourceFile]) -> Result<serde_json::Value, PolicyError> {
    let mut merged = serde_json::Value::Object(Default::default());
    for file in files {
        let value: serde_json::Value = if file.path.ends_with(".json") {
            serde_json::from_str(&file.text).map_err(|e| {
                let msg = without_position(&e.to_string());
                PolicyError::data(file, e.line(), e.column(), msg)
            })?
        } else {
            serde_yaml::from_str(&file.text).map_err(|e| {
                let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                let msg = without_position(&e.to_string());
                PolicyError::data(file, line, column, msg)
            })?
        };
        match value {
            serde_json::Value::Object(_) => deep_merge(&mut merged, value),
            serde_json::Value::Null => {}
            _ => {
                return Err(PolicyError::data(
                    file,
                    1,
                    1,
                    "a data file must hold a mapping (e.g. `ecsguard: {params: …}`)".into(),
                ))
            }
        }
    }
    Ok(merged)
}

pub fn deep_merge(base: &mut serde_json::Value, over: serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => deep_merge(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

/// Policy sets written to a scratch directory, for unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{PolicySet, Sources};

    /// A rule file with the least METADATA, judging instances by `body`.
    pub fn rule(package: &str, id: &str, body: &str) -> String {
        format!(
            "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: {id}\n#   severity: low\n#   resource_type: instance\n#   remediation:\n#     text: r\npackage {package}\n\n{body}"
        )
    }

    /// A rule that fails the first instance when `condition` holds.
    pub fn denying(package: &str, id: &str, condition: &str) -> String {
        rule(
            package,
            id,
            &format!("deny contains f if {{\n\t{condition}\n\tf := {{\"pointer\": \"/instances/0\", \"msg\": \"m\"}}\n}}\n"),
        )
    }

    /// `files` (name, text) loaded as the only policies; `scratch` names
    /// the directory, which is gone afterwards.
    pub fn load(scratch: &str, files: &[(String, String)]) -> PolicySet {
        let dir = std::env::temp_dir().join(format!("ecsguard-{scratch}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let set = PolicySet::load(&Sources {
            builtin: false,
            paths: vec![dir.clone()],
            data: Vec::new(),
            tests: false,
        });
        let _ = std::fs::remove_dir_all(&dir);
        set.unwrap_or_else(|e| panic!("{e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_data_overrides_earlier() {
        let mut base = serde_json::json!({"ecsguard": {"params": {"a": {"x": 1, "y": 2}}}});
        deep_merge(
            &mut base,
            serde_json::json!({"ecsguard": {"params": {"a": {"x": 5}}}}),
        );
        assert_eq!(
            base,
            serde_json::json!({"ecsguard": {"params": {"a": {"x": 5, "y": 2}}}})
        );
    }

    #[test]
    fn a_package_is_read_by_its_full_path_only() {
        let lib = "ecsguard.lib.groups";
        assert!(reads_package("x := data.ecsguard.lib.groups.members", lib));
        assert!(reads_package("import data.ecsguard.lib.groups\n", lib));
        assert!(reads_package("x := data.ecsguard.lib.groups[k]", lib));
        assert!(!reads_package(
            "x := data.ecsguard.lib.groups_old.members",
            lib
        ));
        assert!(!reads_package("x := data.ecsguard.lib", lib));
        let loaded = BTreeMap::from([("a.rego".to_string(), "ecsguard.lib.groups".to_string())]);
        assert_eq!(
            missing_library("x := data.ecsguard.lib.groups.m\n", &loaded),
            None
        );
        assert_eq!(
            missing_library(
                "# data.ecsguard.lib.old\n\tx := data.ecsguard.lib.other[k]\n",
                &loaded
            ),
            Some((2, 7, "ecsguard.lib.other".to_string()))
        );
        assert_eq!(
            missing_library("x := mydata.ecsguard.lib.other", &loaded),
            None
        );
        assert!(!reads_package(
            "x := mydata.ecsguard.lib.groups.members",
            lib
        ));
    }

    #[test]
    fn rules_know_the_libraries_they_read() {
        let set = test_support::load(
            "libraries",
            &[
                (
                    "values.rego".into(),
                    "package lib.values\n\nbig := count(input.instances)\n".into(),
                ),
                (
                    "helpers.rego".into(),
                    "package lib.helpers\n\ntwice(x) := 2 * x\n".into(),
                ),
                (
                    "a.rego".into(),
                    test_support::denying("t.a", "T-001", "data.lib.values.big > 1"),
                ),
                (
                    "b.rego".into(),
                    test_support::denying("t.b", "T-002", "data.lib.helpers.twice(1) > 1"),
                ),
            ],
        );
        let libraries: Vec<(&str, &[String])> = set
            .rules
            .iter()
            .map(|r| (r.meta.id.as_str(), r.libraries.as_slice()))
            .collect();
        // A library of functions only keeps no value between uses: reading
        // it is no reason to judge rules together.
        assert_eq!(
            libraries,
            [
                ("T-001", &["lib.values".to_string()][..]),
                ("T-002", &[][..])
            ]
        );
    }
}
