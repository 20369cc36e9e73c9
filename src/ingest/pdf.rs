//! A PDF → text through poppler's `pdftotext`, then mended: page numbers and running
//! headers and footers dropped, lines that a page width broke re-joined into paragraphs
//! (Chinese without a space).
//!
//! `pdftotext` is used because Chinese official PDFs use CID fonts that the Rust PDF
//! crates garble or panic on. It is found on PATH; its absence is a clear error naming
//! the Debian package. Core: never prints, imports nothing of the terminal.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};

/// Runs `pdftotext` on the file at `path` and mends its output.
pub fn read(path: &Path) -> Result<String> {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-eol", "unix", "-q"])
        .arg(path)
        .arg("-")
        .output()
        .map_err(|e| Error::Source {
            path: path.to_path_buf(),
            message: if e.kind() == std::io::ErrorKind::NotFound {
                "reading a PDF needs `pdftotext` from poppler, which is not on PATH; install it (Debian/Ubuntu: `apt-get install poppler-utils`, macOS: `brew install poppler`)".to_string()
            } else {
                format!("could not run pdftotext: {e}")
            },
        })?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        return Err(Error::Source {
            path: path.to_path_buf(),
            message: format!(
                "pdftotext could not read it ({}){}",
                out.status,
                if why.trim().is_empty() {
                    String::new()
                } else {
                    format!(": {}", why.trim())
                }
            ),
        });
    }
    let raw = String::from_utf8(out.stdout).map_err(|_| Error::Source {
        path: path.to_path_buf(),
        message: "pdftotext wrote text that is not UTF-8".into(),
    })?;
    let text = mend(&raw);
    if text.trim().is_empty() {
        return Err(Error::Source {
            path: path.to_path_buf(),
            message: "the PDF has no text layer (a scan?); run OCR on it first".into(),
        });
    }
    Ok(text)
}

/// Mends `pdftotext` output (pages separated by form feeds) into one paragraph a line.
pub fn mend(raw: &str) -> String {
    let pages: Vec<Vec<&str>> = raw
        .split('\u{c}')
        .map(|p| p.lines().map(str::trim).filter(|l| !l.is_empty()).collect())
        .filter(|p: &Vec<&str>| !p.is_empty())
        .collect();
    let running = running_lines(&pages);
    let mut lines: Vec<&str> = Vec::new();
    for page in &pages {
        for (i, line) in page.iter().enumerate() {
            let edge = i == 0 || i + 1 == page.len();
            if is_page_number(line) || (edge && running.contains_key(&shape(line))) {
                continue;
            }
            lines.push(line);
        }
    }
    // The widest lines are full ones; a line about as wide that does not end a sentence
    // was broken by the page, not by the author.
    let full = lines.iter().map(|l| width(l)).max().unwrap_or(0);
    let mut out = String::new();
    let mut open = false;
    for line in lines {
        // A line never starts with a comma or a closing mark: it continues the last.
        let continues = line.starts_with(['，', '、', '；', '：', '。', '）', '”', '%', ',', ')']);
        if starts_headline(line) {
            open = false;
        } else if continues && !out.is_empty() {
            open = true;
        }
        if open {
            let last = out.chars().last().unwrap_or(' ');
            let first = line.chars().next().unwrap_or(' ');
            if last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric() {
                out.push(' ');
            }
        } else if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
        open = runs_on(line, full);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Display width in half-widths: a Chinese char counts two.
fn width(line: &str) -> usize {
    line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn runs_on(line: &str, full: usize) -> bool {
    let ends = line
        .chars()
        .last()
        .is_some_and(|c| "。！？；：.!?;:”’」』）)》】".contains(c));
    // Digits and Latin letters are narrower than Chinese, so a full line of them counts
    // fewer half-widths: "full" is 85 % of the widest line.
    !ends && full > 0 && width(line) * 100 >= full * 85
}

/// `一、`, `（二）`, `3.` at the start of a line: a new headline or item, never the
/// rest of the line before it.
fn starts_headline(line: &str) -> bool {
    let mut chars = line.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    let third = chars.next().unwrap_or(' ');
    let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
    // `3.02亿元` at the start of a line is a number, not item 3.
    (numeral(first) && (second == '、' || ("．.".contains(second) && !third.is_ascii_digit())))
        || ((first == '（' || first == '(') && numeral(second))
        || line.starts_with('第') && line.chars().take(6).any(|c| "章节条".contains(c))
}

/// `- 3 -`, `— 3 —`, `3`, `第3页`, `第 3 页 共 9 页`, `3 / 9`.
fn is_page_number(line: &str) -> bool {
    let core: String = line
        .chars()
        .filter(|c| !c.is_whitespace() && !"-－—–·".contains(*c))
        .collect();
    if core.is_empty() || core.chars().count() > 12 {
        return false;
    }
    let digits_only = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits_only(&core) {
        return core.len() <= 3;
    }
    if let Some((a, b)) = core.split_once('/') {
        return digits_only(a) && digits_only(b);
    }
    let rest = core.strip_prefix('第').unwrap_or(&core);
    let Some((n, tail)) = rest.split_once('页') else {
        return false;
    };
    digits_only(n)
        && (tail.is_empty()
            || tail
                .strip_prefix('共')
                .and_then(|t| t.strip_suffix('页'))
                .is_some_and(digits_only))
}

/// A line with its digits masked, so `2021年第3期` on every page is one header.
fn shape(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// First and last lines that repeat on at least half the pages (and on two or more):
/// running headers and footers.
fn running_lines(pages: &[Vec<&str>]) -> HashMap<String, usize> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let mut edges = vec![page[0]];
        if page.len() > 1 {
            edges.push(page[page.len() - 1]);
        }
        // A page number line may sit outside the header: look one line in as well.
        if page.len() > 2 && is_page_number(page[page.len() - 1]) {
            edges.push(page[page.len() - 2]);
        }
        edges.dedup();
        for e in edges {
            *seen.entry(shape(e)).or_default() += 1;
        }
    }
    let min = pages.len().div_ceil(2).max(2);
    seen.retain(|_, n| *n >= min);
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_lines_join_and_page_furniture_goes() {
        let raw = "某某市人民政府公报\n全市累计投资约37亿元，新建水厂25座，惠及农村人口\n约120万人，农村自来水普及率达到98%。\n一、主要成效\n- 1 -\n\u{c}某某市人民政府公报\n全市新增就业4.83万人次，比上年增长6.7%，城镇登\n记失业率控制在3%以内。\n- 2 -\n\u{c}";
        assert_eq!(
            mend(raw),
            "全市累计投资约37亿元，新建水厂25座，惠及农村人口约120万人，农村自来水普及率达到98%。\n一、主要成效\n全市新增就业4.83万人次，比上年增长6.7%，城镇登记失业率控制在3%以内。\n"
        );
    }

    #[test]
    fn page_numbers_in_their_usual_forms() {
        for l in ["- 3 -", "— 12 —", "3", "第3页", "第 3 页 共 9 页", "3 / 9"] {
            assert!(is_page_number(l), "{l}");
        }
        for l in ["2021", "一、主要成效", "37亿元", "第三页"] {
            assert!(!is_page_number(l), "{l}");
        }
    }

    #[test]
    fn ascii_words_broken_by_the_page_keep_a_space() {
        let raw = "The province invested 3.7 billion yuan in rural water supply projects over\nfive years.\n";
        assert_eq!(
            mend(raw),
            "The province invested 3.7 billion yuan in rural water supply projects over five years.\n"
        );
    }
}
