//! The snapshot's text after loading.
//!
//! Loading needs all of it; judging needs none of it; reports need a few
//! kilobytes around each finding. So a snapshot loaded from a file is
//! unmapped once indexed (a 100k-instance snapshot is 250 MB, which would
//! otherwise sit beside the engine's tree for the whole run), and excerpts
//! are read from the file when a report asks for them.

use std::borrow::Cow;
use std::fs::File;
use std::ops::Range;

pub enum SourceText {
    Memory(String),
    /// The file the snapshot was loaded from (mapped whole and validated
    /// as UTF-8 then), kept open for positioned reads.
    File {
        file: File,
        len: usize,
    },
}

/// A piece of the text and where it starts in the whole.
pub struct Excerpt<'a> {
    pub base: usize,
    pub text: Cow<'a, str>,
}

impl SourceText {
    pub fn len(&self) -> usize {
        match self {
            SourceText::Memory(s) => s.len(),
            SourceText::File { len, .. } => *len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text of `range`, widened to whole characters.
    pub fn excerpt(&self, range: Range<usize>) -> Excerpt<'_> {
        let end = range.end.min(self.len());
        let start = range.start.min(end);
        match self {
            SourceText::Memory(s) => {
                let start = (0..=start)
                    .rev()
                    .find(|&i| s.is_char_boundary(i))
                    .unwrap_or(0);
                let end = (end..=s.len())
                    .find(|&i| s.is_char_boundary(i))
                    .unwrap_or(s.len());
                Excerpt {
                    base: start,
                    text: Cow::Borrowed(&s[start..end]),
                }
            }
            SourceText::File { file, .. } => {
                // Three bytes either side cover a character cut at an edge.
                let (from, to) = (start.saturating_sub(3), (end + 3).min(self.len()));
                let mut bytes = vec![0; to - from];
                if read_at(file, &mut bytes, from).is_err() {
                    // The file changed or vanished since it was loaded: no excerpt.
                    return Excerpt {
                        base: start,
                        text: Cow::Borrowed(""),
                    };
                }
                let is_boundary = |i: usize| i == bytes.len() || (bytes[i] as i8) >= -0x40;
                let lo = (0..=start - from)
                    .rev()
                    .find(|&i| is_boundary(i))
                    .unwrap_or(0);
                let hi = (end - from..=bytes.len())
                    .find(|&i| is_boundary(i))
                    .unwrap_or(bytes.len());
                bytes.truncate(hi);
                bytes.drain(..lo);
                // Valid UTF-8 when the file is unchanged: checked, not copied.
                let text = String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                Excerpt {
                    base: from + lo,
                    text: Cow::Owned(text),
                }
            }
        }
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: usize) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset as u64)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: usize) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset as u64)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_excerpts_match_memory_ones() {
        let text: String = (0..3000)
            .map(|i| format!("{{\"k{i}\": \"é{i}\"}},\n"))
            .collect();
        let path =
            std::env::temp_dir().join(format!("ecsguard-source-{}.json", std::process::id()));
        std::fs::write(&path, &text).unwrap();
        let file = SourceText::File {
            file: File::open(&path).unwrap(),
            len: text.len(),
        };
        let memory = SourceText::Memory(text.clone());
        for range in [0..10, 100..5000, 7..8, text.len() - 5..text.len() + 10] {
            let (a, b) = (file.excerpt(range.clone()), memory.excerpt(range.clone()));
            assert_eq!(
                (a.base, a.text.as_ref()),
                (b.base, b.text.as_ref()),
                "{range:?}"
            );
            assert_eq!(&text[a.base..a.base + a.text.len()], a.text.as_ref());
        }
        std::fs::remove_file(path).unwrap();
    }
}
