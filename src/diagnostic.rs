//! The one shape of an input error that points into a file: where
//! (`path:line:column`), what, and the source with the spot labelled, as a
//! miette diagnostic. Snapshots, policies, data files, waivers and
//! baselines all report their errors this way.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use miette::{
    Diagnostic, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::snapshot::locate;

#[derive(Debug)]
pub struct SourceError {
    pub code: &'static str,
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The headline, after `path:line:column: `.
    pub message: String,
    /// The text on the label at the spot (defaults to the message).
    pub label: String,
    pub help: Option<String>,
    src: Excerpt<'static>,
    span: Range<usize>,
}

impl SourceError {
    /// At a 1-based line and column (column in characters); the label
    /// covers the rest of that line.
    pub fn at(
        code: &'static str,
        path: &str,
        text: &str,
        line: usize,
        column: usize,
        message: String,
    ) -> SourceError {
        let start = offset_of_line_col(text, line, column);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        SourceError::new(
            code,
            path,
            text,
            start..end.max(start + 1).min(text.len()),
            line,
            column,
            message,
        )
    }

    /// Over a byte range of `text`.
    pub fn spanning(
        code: &'static str,
        path: &str,
        text: &str,
        span: Range<usize>,
        message: String,
    ) -> SourceError {
        let at = locate::line_col(text, span.start);
        SourceError::new(code, path, text, span, at.line, at.column, message)
    }

    fn new(
        code: &'static str,
        path: &str,
        text: &str,
        span: Range<usize>,
        line: usize,
        column: usize,
        message: String,
    ) -> SourceError {
        let src = Excerpt::of_span(path, text, &span);
        let span = span.start..span.end.min(src.base + src.text.len()).max(span.start);
        SourceError {
            code,
            path: path.to_string(),
            line,
            column,
            label: message.clone(),
            message,
            help: None,
            src,
            span,
        }
    }

    pub fn with_label(mut self, label: String) -> SourceError {
        self.label = label;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> SourceError {
        self.help = Some(help.into());
        self
    }

    pub fn with_language(mut self, language: &'static str) -> SourceError {
        self.src.language = Some(language);
        self
    }
}

/// The part of a file a diagnostic or a finding shows: the lines of its span, cut to a
/// window around the span when a line is long. A compact snapshot is one
/// line of hundreds of megabytes: the renderer would copy and pad all of it
/// (and panics on columns past 65,535). Spans keep the file's offsets, and
/// the snippet shows the file's own line and column numbers.
#[derive(Debug)]
pub struct Excerpt<'a> {
    pub name: Cow<'a, str>,
    pub text: Cow<'a, str>,
    /// Offset of `text` in the file, and its 0-based line and column there.
    pub base: usize,
    pub line: usize,
    pub column: usize,
    pub language: Option<&'static str>,
}

/// Bytes of a long line kept before and after the span.
const WINDOW: usize = 160;

impl Excerpt<'static> {
    fn of_span(path: &str, text: &str, span: &Range<usize>) -> Excerpt<'static> {
        let floor = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let start = floor(span.start);
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let base = floor(line_start.max(start.saturating_sub(WINDOW)));
        let end = floor(span.end.max(start + 1));
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let stop = floor(line_end.min(end.saturating_add(WINDOW)).max(end));
        // Short neighbouring lines stay, for the renderer's context lines.
        let (base, stop) = if base == line_start && stop == line_end {
            (context_before(text, base), context_after(text, stop))
        } else {
            (base, stop)
        };
        let line_start = text[..base].rfind('\n').map_or(0, |i| i + 1);
        let at = locate::line_col(text, base);
        Excerpt {
            name: Cow::Owned(path.to_string()),
            text: Cow::Owned(text[base..stop].to_string()),
            base,
            line: at.line - 1,
            column: text[line_start.min(base)..base].chars().count(),
            language: None,
        }
    }
}

/// Lines of context kept around a span, when they are short.
const CONTEXT_LINES: usize = 2;
const CONTEXT_BYTES: usize = 1024;

fn context_before(text: &str, mut start: usize) -> usize {
    let from = start;
    for _ in 0..CONTEXT_LINES {
        if start == 0 {
            break;
        }
        let previous = text[..start - 1].rfind('\n').map_or(0, |i| i + 1);
        if from - previous > CONTEXT_BYTES {
            break;
        }
        start = previous;
    }
    start
}

fn context_after(text: &str, mut end: usize) -> usize {
    let from = end;
    for _ in 0..CONTEXT_LINES {
        if end >= text.len() {
            break;
        }
        let next = text[end + 1..]
            .find('\n')
            .map_or(text.len(), |i| end + 1 + i);
        if next - from > CONTEXT_BYTES {
            break;
        }
        end = next;
    }
    end
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let offset = span
            .offset()
            .checked_sub(self.base)
            .ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new(
            offset.into(),
            span.len().min(self.text.len().saturating_sub(offset)),
        );
        let inner = self.text.as_ref().read_span(&local, before, after)?;
        let first_line = inner.line() == 0;
        let contents = MietteSpanContents::new_named(
            self.name.to_string(),
            inner.data(),
            SourceSpan::new(
                (inner.span().offset() + self.base).into(),
                inner.span().len(),
            ),
            inner.line() + self.line,
            inner.column() + if first_line { self.column } else { 0 },
            inner.line_count(),
        );
        Ok(Box::new(match &self.language {
            Some(language) => contents.with_language(*language),
            None => contents,
        }))
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for SourceError {}

impl Diagnostic for SourceError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = (self.span.start, self.span.end - self.span.start);
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(self.label.clone()), span),
        )))
    }
}

/// Byte offset of a 1-based line and column (column in characters).
pub fn offset_of_line_col(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let line_text = &text[line_start..];
    let in_line = line_text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line_text.len(), |(i, _)| i);
    (line_start + in_line).min(text.len())
}

/// A serde error's message without the " at line L column C" it appends
/// (the diagnostic says where already).
pub fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_offsets() {
        let text = "ab\ncdé\nf";
        assert_eq!(offset_of_line_col(text, 2, 3), 5);
        assert_eq!(offset_of_line_col(text, 3, 1), 8);
        assert_eq!(offset_of_line_col(text, 9, 9), text.len());
    }

    #[test]
    fn located_errors_read_path_line_column() {
        let e = SourceError::at("x::y", "f.txt", "one\ntwo three\n", 2, 5, "bad".into());
        assert_eq!(e.to_string(), "f.txt:2:5: bad");
        assert_eq!(e.span, 8..13);
        let e = SourceError::spanning("x::y", "f.txt", "one\ntwo", 4..7, "bad".into());
        assert_eq!((e.line, e.column), (2, 1));
        assert_eq!(
            without_position("expected `,` at line 3 column 7"),
            "expected `,`"
        );
    }
}
