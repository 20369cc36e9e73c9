//! The extractor against a corpus of real reports labelled by hand (`tests/corpus/`, see its
//! README): recall, wrong values, spurious quantities, subjects, periods and the typing of
//! non-quantities, per document and in all.
//!
//! The scores are measured, not assumed: the test prints the table (`cargo test --test
//! corpus -- --nocapture`) and fails when a change makes any total worse than the floor
//! recorded below, so the floors only ever move up. `PA_CORPUS_DIR=DIR` scores another
//! directory of the same format (a held-out set kept outside the repository) and asserts
//! nothing.
//!
//! Figures are read through their JSON form, so fields the extractor gains later
//! (`direction`, `period`) are scored as soon as they exist, with no change here.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pa_explorer::extract;
use serde_json::Value;

/// Totals that must not get worse (a ratchet: raise them when the extractor improves).
const FLOOR_RECALL: f64 = 0.993;
const MAX_WRONG_VALUES: usize = 9;
const MAX_SPURIOUS: usize = 1;

const QUANTITY_KINDS: [&str; 5] = [
    "amount",
    "percent",
    "percentage_point",
    "multiple",
    "duration",
];

#[derive(Debug, Clone, Default)]
struct Row {
    line: usize,
    text: String,
    kind: String,
    exact: String,
    exact_high: String,
    unit: String,
    shape: String,
    inclusive: String,
    approx: String,
    direction: String,
    subject: String,
    period_text: String,
    period_from: String,
    period_to: String,
    /// Char span found by alignment.
    start: usize,
    end: usize,
}

impl Row {
    fn is_quantity(&self) -> bool {
        QUANTITY_KINDS.contains(&self.kind.as_str())
    }
}

fn parse_rows(tsv: &str, name: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        assert!(
            c.len() >= 13,
            "{name}:{}: expected 14 tab-separated columns, got {}",
            i + 1,
            c.len()
        );
        let get = |k: usize| c.get(k).map_or(String::new(), |s| s.trim().to_string());
        let row = Row {
            line: i + 1,
            text: c[0].to_string(),
            kind: get(1),
            exact: get(2),
            exact_high: get(3),
            unit: get(4),
            shape: get(5),
            inclusive: get(6),
            approx: get(7),
            direction: get(8),
            subject: get(9),
            period_text: get(10),
            period_from: get(11),
            period_to: get(12),
            ..Row::default()
        };
        assert!(
            !row.text.is_empty(),
            "{name}:{}: empty figure text",
            row.line
        );
        rows.push(row);
    }
    rows
}

/// Finds each row's text in order, each search starting where the previous match ended.
fn align(chars: &[char], rows: &mut [Row], name: &str) {
    let mut from = 0;
    for row in rows.iter_mut() {
        let needle: Vec<char> = row.text.chars().collect();
        let found = (from..=chars.len().saturating_sub(needle.len()))
            .find(|&i| chars[i..i + needle.len()] == needle[..]);
        let Some(start) = found else {
            panic!(
                "{name}:{}: {:?} not found after char {from}: rows must be in text order and not overlap",
                row.line, row.text
            );
        };
        row.start = start;
        row.end = start + needle.len();
        from = row.end;
    }
}

/// A decimal string in a canonical form (`048300.0` → `48300`, `-0.50` → `-0.5`).
fn norm_decimal(s: &str) -> String {
    let s = s.trim().trim_start_matches('+');
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if neg && !(int.is_empty() && frac.is_empty()) {
        out.push('-');
    }
    out.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Whether an extracted value (exact string and f64) states the gold value: decimals must
/// agree digit for digit; a gold fraction `p/q` within a relative 1e-6.
fn same_value(gold: &str, exact: Option<&str>, value: Option<f64>) -> bool {
    if gold.is_empty() {
        return exact.is_none_or(str::is_empty);
    }
    if let Some((p, q)) = gold.split_once('/') {
        let (Ok(p), Ok(q)) = (p.trim().parse::<f64>(), q.trim().parse::<f64>()) else {
            return false;
        };
        let want = p / q;
        let got = value.or_else(|| exact.and_then(|e| e.parse().ok()));
        return got.is_some_and(|g| (g - want).abs() <= want.abs() * 1e-6);
    }
    exact.is_some_and(|e| norm_decimal(e) == norm_decimal(gold))
}

/// Subjects compare without spaces, punctuation and the pinyin glosses some mirror sites
/// put after characters (`價(jià)格`).
fn norm_subject(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '(' {
            let gloss: String = chars.clone().take_while(|&x| x != ')').collect();
            if !gloss.is_empty() && gloss.chars().all(|x| x.is_alphabetic() && !is_cjk(x)) {
                chars.nth(gloss.chars().count());
                continue;
            }
        }
        if !c.is_whitespace() && !c.is_ascii_punctuation() && !is_cjk_punct(c) {
            out.push(c);
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '“' | '”' | '‘' | '’' | '·' | '…' | '—')
}

/// A delta's subject is written `BASE VERB` (`地区生产总值 比上年增长`); the thing that changed
/// is BASE, so either form is right.
fn subject_right(gold: &str, got: &str) -> bool {
    let alts: Vec<String> = gold.split('|').map(norm_subject).collect();
    let whole = norm_subject(got);
    let head = norm_subject(got.split(' ').next().unwrap_or(""));
    alts.iter().any(|a| *a == whole || *a == head)
}

fn s(v: &Value, key: &str) -> String {
    match &v[key] {
        Value::String(x) => x.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[derive(Debug, Default, Clone)]
struct Score {
    quantities: usize,
    found: usize,
    wrong_values: usize,
    qualifier_errors: usize,
    direction_errors: usize,
    extracted_quantities: usize,
    spurious: usize,
    subjects_labelled: usize,
    subjects_right: usize,
    periods_labelled: usize,
    periods_right: usize,
    non_quantities: usize,
    non_quantities_right: usize,
    non_quantities_as_quantity: usize,
    problems: Vec<String>,
}

impl Score {
    fn add(&mut self, o: &Score) {
        self.quantities += o.quantities;
        self.found += o.found;
        self.wrong_values += o.wrong_values;
        self.qualifier_errors += o.qualifier_errors;
        self.direction_errors += o.direction_errors;
        self.extracted_quantities += o.extracted_quantities;
        self.spurious += o.spurious;
        self.subjects_labelled += o.subjects_labelled;
        self.subjects_right += o.subjects_right;
        self.periods_labelled += o.periods_labelled;
        self.periods_right += o.periods_right;
        self.non_quantities += o.non_quantities;
        self.non_quantities_right += o.non_quantities_right;
        self.non_quantities_as_quantity += o.non_quantities_as_quantity;
    }
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "—".into()
    } else {
        format!("{:.1}%", 100.0 * n as f64 / d as f64)
    }
}

/// Scores one document: gold rows (aligned) against the extractor's figures.
#[allow(clippy::too_many_lines)] // one pass over the rows; each measure is a few lines of it
fn score(text: &str, rows: &[Row]) -> Score {
    let figures: Vec<Value> = extract::extract(text)
        .figures
        .iter()
        .map(|f| serde_json::to_value(f).expect("figure serializes"))
        .collect();
    let span = |f: &Value| {
        (
            f["start"].as_u64().unwrap_or(0) as usize,
            f["end"].as_u64().unwrap_or(0) as usize,
        )
    };
    let is_q = |f: &Value| QUANTITY_KINDS.contains(&f["kind"].as_str().unwrap_or(""));
    let mut used = vec![false; figures.len()];
    let mut sc = Score::default();
    for row in rows {
        // The unused figure overlapping the row most, quantities first for quantity rows.
        let best = figures
            .iter()
            .enumerate()
            .filter(|(i, f)| {
                let (a, b) = span(f);
                !used[*i] && a < row.end && row.start < b
            })
            .max_by_key(|(i, f)| {
                let (a, b) = span(f);
                let overlap = b.min(row.end) - a.max(row.start);
                (row.is_quantity() == is_q(f), overlap, std::cmp::Reverse(*i))
            })
            .map(|(i, _)| i);
        if row.is_quantity() {
            sc.quantities += 1;
            let Some(i) = best.filter(|&i| is_q(&figures[i])) else {
                sc.problems
                    .push(format!("line {}: {} missed", row.line, row.text));
                continue;
            };
            used[i] = true;
            sc.found += 1;
            let f = &figures[i];
            let mut wrong = Vec::new();
            if !same_value(&row.exact, f["exact"].as_str(), f["value"].as_f64()) {
                wrong.push(format!("value {} ≠ {}", s(f, "exact"), row.exact));
            }
            if !same_value(
                &row.exact_high,
                f["exact_high"].as_str(),
                f["high"].as_f64(),
            ) {
                wrong.push(format!("high {} ≠ {}", s(f, "exact_high"), row.exact_high));
            }
            if s(f, "unit") != row.unit {
                wrong.push(format!("unit {} ≠ {}", s(f, "unit"), row.unit));
            }
            if s(f, "shape") != row.shape {
                wrong.push(format!("shape {} ≠ {}", s(f, "shape"), row.shape));
            }
            if !wrong.is_empty() {
                sc.wrong_values += 1;
                sc.problems.push(format!(
                    "line {}: {} read as {} — {}",
                    row.line,
                    row.text,
                    s(f, "text"),
                    wrong.join(", ")
                ));
            }
            let approx_ok = row.approx.is_empty() || s(f, "approx") == row.approx;
            let incl_ok = row.inclusive.is_empty() || s(f, "inclusive") == row.inclusive;
            if !(approx_ok && incl_ok) {
                sc.qualifier_errors += 1;
            }
            if s(f, "direction") != row.direction {
                sc.direction_errors += 1;
            }
            if !row.subject.is_empty() {
                sc.subjects_labelled += 1;
                if subject_right(&row.subject, &s(f, "subject")) {
                    sc.subjects_right += 1;
                } else {
                    sc.problems.push(format!(
                        "line {}: {} subject {:?}, labelled {:?}",
                        row.line,
                        row.text,
                        s(f, "subject"),
                        row.subject
                    ));
                }
            }
            let period = &f["period"];
            let (p_text, p_from, p_to) = (s(period, "text"), s(period, "from"), s(period, "to"));
            if !row.period_text.is_empty() || !p_text.is_empty() {
                sc.periods_labelled += 1;
                if norm_subject(&p_text) == norm_subject(&row.period_text)
                    && p_from == row.period_from
                    && p_to == row.period_to
                {
                    sc.periods_right += 1;
                }
            }
        } else {
            sc.non_quantities += 1;
            match best {
                Some(i) if is_q(&figures[i]) => {
                    used[i] = true;
                    sc.non_quantities_as_quantity += 1;
                    sc.problems.push(format!(
                        "line {}: {} ({}) read as the quantity {}",
                        row.line,
                        row.text,
                        row.kind,
                        s(&figures[i], "text")
                    ));
                }
                Some(i) => {
                    used[i] = true;
                    if row.kind == "other" || s(&figures[i], "kind") == row.kind {
                        sc.non_quantities_right += 1;
                    }
                }
                None => {
                    if row.kind == "other" {
                        sc.non_quantities_right += 1;
                    }
                }
            }
        }
    }
    for (i, f) in figures.iter().enumerate() {
        if is_q(f) {
            sc.extracted_quantities += 1;
            if !used[i] {
                sc.spurious += 1;
                sc.problems.push(format!(
                    "spurious quantity {} at {}",
                    s(f, "text"),
                    span(f).0
                ));
            }
        }
    }
    sc
}

fn corpus_dir() -> (PathBuf, bool) {
    match std::env::var_os("PA_CORPUS_DIR") {
        Some(d) => (PathBuf::from(d), false),
        None => (
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"),
            true,
        ),
    }
}

fn documents(dir: &Path) -> BTreeMap<String, (String, Vec<Row>)> {
    let mut docs = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return docs;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "tsv") {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(p.with_extension("txt"))
                .unwrap_or_else(|e| panic!("{name}.txt: {e}"));
            let tsv = std::fs::read_to_string(&p).unwrap();
            let mut rows = parse_rows(&tsv, &name);
            let chars: Vec<char> = text.chars().collect();
            align(&chars, &mut rows, &name);
            docs.insert(name, (text, rows));
        }
    }
    docs
}

#[test]
fn corpus_scores_do_not_regress() {
    let (dir, assert_floors) = corpus_dir();
    let docs = documents(&dir);
    if docs.is_empty() {
        assert!(!assert_floors, "no labelled documents in {}", dir.display());
        return;
    }
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<34} {:>5} {:>7} {:>5} {:>5} {:>8} {:>8} {:>8} {:>9}",
        "document", "qty", "recall", "wrong", "spur", "subject", "period", "direct", "non-qty"
    );
    let mut total = Score::default();
    let mut problems = String::new();
    for (name, (text, rows)) in &docs {
        let sc = score(text, rows);
        let _ = writeln!(
            table,
            "{:<34} {:>5} {:>7} {:>5} {:>5} {:>8} {:>8} {:>8} {:>9}",
            name,
            sc.quantities,
            pct(sc.found, sc.quantities),
            sc.wrong_values,
            sc.spurious,
            pct(sc.subjects_right, sc.subjects_labelled),
            pct(sc.periods_right, sc.periods_labelled),
            pct(sc.found - sc.direction_errors.min(sc.found), sc.found),
            pct(sc.non_quantities_right, sc.non_quantities),
        );
        for p in &sc.problems {
            let _ = writeln!(problems, "{name}: {p}");
        }
        total.add(&sc);
    }
    let recall = total.found as f64 / total.quantities.max(1) as f64;
    let _ = writeln!(
        table,
        "{:<34} {:>5} {:>7} {:>5} {:>5} {:>8} {:>8} {:>8} {:>9}",
        "ALL",
        total.quantities,
        pct(total.found, total.quantities),
        total.wrong_values,
        total.spurious,
        pct(total.subjects_right, total.subjects_labelled),
        pct(total.periods_right, total.periods_labelled),
        pct(
            total.found - total.direction_errors.min(total.found),
            total.found
        ),
        pct(total.non_quantities_right, total.non_quantities),
    );
    let _ = writeln!(
        table,
        "spurious {} of {} extracted quantities ({}); qualifier errors {}; non-quantities read as quantities {}",
        total.spurious,
        total.extracted_quantities,
        pct(total.spurious, total.extracted_quantities),
        total.qualifier_errors,
        total.non_quantities_as_quantity
    );
    println!("{table}\n{problems}");
    if assert_floors {
        assert!(
            recall >= FLOOR_RECALL
                && total.wrong_values <= MAX_WRONG_VALUES
                && total.spurious <= MAX_SPURIOUS,
            "corpus scores fell below the floor (recall {recall:.3} < {FLOOR_RECALL}, wrong values {} > {MAX_WRONG_VALUES} or spurious {} > {MAX_SPURIOUS}):\n{table}",
            total.wrong_values,
            total.spurious
        );
    }
}

#[cfg(test)]
mod scorer {
    use super::*;

    #[test]
    fn decimals_compare_in_canonical_form() {
        assert_eq!(norm_decimal("048300.0"), "48300");
        assert_eq!(norm_decimal("-0.50"), "-0.5");
        assert_eq!(norm_decimal("-0"), "0");
        assert!(same_value("302000000", Some("302000000"), None));
        assert!(!same_value("302000000", Some("30200000"), None));
        assert!(same_value("100/3", None, Some(33.333_333_3)));
        assert!(!same_value("100/3", None, Some(33.3)));
        assert!(same_value("", None, None));
        assert!(!same_value("", Some("5"), None));
    }

    #[test]
    fn subjects_accept_alternatives_and_a_delta_head() {
        assert!(subject_right("农村低保家庭|低保家庭", "低保家庭"));
        assert!(subject_right("地区生产总值", "地区生产总值 比上年增长"));
        assert!(subject_right("“五免一享”政策", "五免一享政策"));
        assert!(!subject_right("地区生产总值", "增加值"));
        assert!(subject_right(
            "居民消費價格總水平",
            "居民消費價(jià)格總水平"
        ));
    }

    #[test]
    fn rows_align_forward_and_a_missing_row_is_an_error() {
        let text = "由1.2万元提高至2万元。";
        let chars: Vec<char> = text.chars().collect();
        let mut rows = parse_rows(
            "1.2万元\tamount\t12000\t\t元\tpoint\t\texact\t\t\t\t\t\t\n2万元\tamount\t20000\t\t元\tpoint\t\texact\tup\t\t\t\t\t\n",
            "t",
        );
        align(&chars, &mut rows, "t");
        // `2万元` is found after `1.2万元`, not inside it.
        assert_eq!((rows[0].start, rows[1].start), (1, 9));
        let mut bad = parse_rows(
            "3万元\tamount\t30000\t\t元\tpoint\t\texact\t\t\t\t\t\t\n",
            "t",
        );
        let missing = std::panic::catch_unwind(move || align(&chars, &mut bad, "t"));
        assert!(missing.is_err());
    }

    #[test]
    fn a_wrong_value_and_a_spurious_figure_are_counted() {
        let text = "投资3亿元,其中第一期1亿元。";
        let chars: Vec<char> = text.chars().collect();
        let mut rows = parse_rows(
            "3亿元\tamount\t400000000\t\t元\tpoint\t\texact\t\t投资\t\t\t\t\n第一期\tordinal\t\t\t\t\t\t\t\t\t\t\t\t\n",
            "t",
        );
        align(&chars, &mut rows, "t");
        let sc = score(text, &rows);
        assert_eq!(sc.quantities, 1);
        assert_eq!(sc.found, 1);
        assert_eq!(sc.wrong_values, 1, "{:?}", sc.problems);
        assert_eq!(sc.spurious, 1, "1亿元 is not labelled: {:?}", sc.problems);
    }
}
