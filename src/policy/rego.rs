//! The one place that touches regorus's unstable surface (`get_modules`,
//! the AST) and its error text, so a regorus upgrade changes one file. regorus is pinned to an exact version in Cargo.toml.

use regorus::unstable::{Rule, RuleHead};
use regorus::Engine;

/// One rule definition as written in a policy file.
#[derive(Clone)]
pub struct Definition {
    pub file: String,
    pub name: String,
    pub line: usize,
    pub column: usize,
    /// Byte range of the rule head in the file (for labels).
    pub start: usize,
    pub end: usize,
    /// A function (`f(x) := ...`), whose value is not kept between uses.
    pub function: bool,
}

/// Every named rule definition in the engine's modules, in source order.
pub fn definitions(engine: &mut Engine) -> Vec<Definition> {
    let mut out = Vec::new();
    for module in engine.get_modules().iter() {
        for rule in &module.policy {
            let Rule::Spec { span, head, .. } = rule.as_ref() else {
                continue;
            };
            let (RuleHead::Compr { refr, .. }
            | RuleHead::Set { refr, .. }
            | RuleHead::Func { refr, .. }) = head;
            let head_span = match head {
                RuleHead::Compr { span, .. }
                | RuleHead::Set { span, .. }
                | RuleHead::Func { span, .. } => span,
            };
            out.push(Definition {
                file: span.source.file().clone(),
                name: refr.span().text().to_string(),
                line: span.line as usize,
                column: span.col as usize,
                start: head_span.start as usize,
                end: head_span.end as usize,
                function: matches!(head, RuleHead::Func { .. }),
            });
        }
    }
    out
}

/// A regorus error, split into its location and message.
#[derive(Debug, PartialEq)]
pub struct EngineError {
    pub file: Option<String>,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// regorus renders errors as text: `--> file:line:col`, a source excerpt,
/// then `error: message`. Pull the parts back out.
pub fn split_error(err: &anyhow::Error) -> EngineError {
    let text = format!("{err:#}");
    let located = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("--> "))
        .and_then(|loc| {
            let mut parts = loc.rsplitn(3, ':');
            let column = parts.next()?.trim().parse().ok()?;
            let line = parts.next()?.trim().parse().ok()?;
            Some((parts.next()?.to_string(), line, column))
        });
    let message = text
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .map(str::to_string)
        .unwrap_or_else(|| text.trim().to_string());
    match located {
        Some((file, line, column)) => EngineError {
            file: Some(file),
            line,
            column,
            message,
        },
        None => EngineError {
            file: None,
            line: 0,
            column: 0,
            message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_keep_their_location() {
        let mut engine = Engine::new();
        let err = engine
            .add_policy(
                "p/bad.rego".into(),
                "package x\n\ndeny contains 1 if {\n  1 +\n".into(),
            )
            .unwrap_err();
        let e = split_error(&err);
        assert_eq!(e.file.as_deref(), Some("p/bad.rego"));
        assert!(e.line >= 3, "{e:?}");
        assert!(!e.message.is_empty() && !e.message.contains("-->"), "{e:?}");
    }

    #[test]
    fn definitions_are_located() {
        let mut engine = Engine::new();
        let src = "package a.b\n\ndeny contains m if m := \"one\"\n\ndeny contains \"two\" if false\n\ndeny contains m if m := \"three\"\n";
        engine.add_policy("a.rego".into(), src.into()).unwrap();
        let defs: Vec<_> = definitions(&mut engine)
            .into_iter()
            .filter(|d| d.name == "deny")
            .collect();
        assert_eq!(
            defs.iter().map(|d| d.line).collect::<Vec<_>>(),
            vec![3, 5, 7]
        );
        assert_eq!(&src[defs[0].start..defs[0].end], "deny contains m");
    }
}
