//! Runs Microsoft Recognizers-Text's Chinese specs (Number, NumberRange, Percent, Currency,
//! Dimension, Age) through the extractor and prints the pass rate of each model, with the
//! failures. The specs are not part of this repository; point the runner at a checkout:
//!
//! ```sh
//! cargo run --release --example recognizers -- PATH/TO/Recognizers-Text/Specs
//! ```
//!
//! What counts as in scope, and why, is written beside each model below and in
//! `docs/CONVENTIONS.md`; out-of-scope cases are counted, never silently dropped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pa_explorer::extract::{self, numeral};
use serde_json::Value;

#[derive(Default)]
struct Tally {
    pass: usize,
    fail: usize,
    out_of_scope: usize,
    failures: Vec<String>,
    scope_reasons: BTreeMap<String, usize>,
}

impl Tally {
    fn record(&mut self, outcome: Outcome, case: &str) {
        match outcome {
            Outcome::Pass => self.pass += 1,
            Outcome::Fail(why) => {
                self.fail += 1;
                self.failures.push(format!("{case}: {why}"));
            }
            Outcome::OutOfScope(why) => {
                self.out_of_scope += 1;
                *self.scope_reasons.entry(why.to_string()).or_default() += 1;
            }
        }
    }
}

enum Outcome {
    Pass,
    Fail(String),
    OutOfScope(&'static str),
}

/// A figure of ours, as JSON, so the runner reads any field the model gains.
fn figures(input: &str) -> Vec<Value> {
    extract::extract(input)
        .figures
        .iter()
        .map(|f| serde_json::to_value(f).expect("figure serializes"))
        .collect()
}

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => s.trim().trim_end_matches('%').replace(',', "").parse().ok(),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The spec's span is `Start..=End` in chars of the input.
fn overlaps(f: &Value, start: usize, end_inclusive: usize) -> bool {
    let a = f["start"].as_u64().unwrap_or(0) as usize;
    let b = f["end"].as_u64().unwrap_or(0) as usize;
    a <= end_inclusive && start < b
}

fn is_quantity(f: &Value) -> bool {
    matches!(
        f["kind"].as_str(),
        Some("amount" | "percent" | "percentage_point" | "multiple" | "duration")
    )
}

/// Canonical units of ours for the spec's unit names; `None` is out of scope.
fn our_unit(model: &str, unit: &str) -> Option<&'static str> {
    Some(match (model, unit) {
        ("currency", "Chinese yuan") => "元",
        ("currency", "United States dollar") => "美元",
        ("currency", "Euro") => "欧元",
        ("currency", "Hong Kong dollar") => "港元",
        ("currency", "Japanese yen") => "日元",
        ("currency", "British pound") => "英镑",
        ("currency", "New Taiwan dollar") => "新台币",
        ("currency", "Macanese pataca") => "澳门元",
        ("dimension", "Kilometer") => "公里",
        ("dimension", "Meter") => "米",
        ("dimension", "Square kilometer") => "平方公里",
        ("dimension", "Square meter") => "平方米",
        ("dimension", "Hectare") => "公顷",
        ("dimension", "Mu") => "亩",
        ("dimension", "Kilogram") => "公斤",
        ("dimension", "Ton") => "吨",
        ("dimension", "Cubic meter") => "立方米",
        ("dimension", "Kilowatt hour") => "千瓦时",
        ("age", "Year") => "岁",
        _ => return None,
    })
}

fn check_number(input: &str, r: &Value) -> Outcome {
    let text = r["Text"].as_str().unwrap_or("");
    let Some(want) = num(&r["Resolution"]["value"]) else {
        return Outcome::OutOfScope("number: value not a plain number");
    };
    if numeral::parse_number(text).is_some_and(|d| close(d.to_f64(), want)) {
        return Outcome::Pass;
    }
    let (s, e) = span(r);
    let hit = figures(input)
        .into_iter()
        .any(|f| overlaps(&f, s, e) && f["value"].as_f64().is_some_and(|v| close(v, want)));
    if hit {
        Outcome::Pass
    } else {
        let got = numeral::parse_number(text).map(extract::Decimal::to_f64);
        Outcome::Fail(format!("{text:?} want {want}, parse_number gives {got:?}"))
    }
}

fn span(r: &Value) -> (usize, usize) {
    (
        r["Start"].as_u64().unwrap_or(0) as usize,
        r["End"].as_u64().unwrap_or(0) as usize,
    )
}

fn check_with_unit(model: &str, input: &str, r: &Value) -> Outcome {
    let res = &r["Resolution"];
    let Some(want) = num(&res["value"]) else {
        return Outcome::OutOfScope("value not a plain number");
    };
    let want_unit = match model {
        "percent" => "%",
        _ => match res["unit"].as_str().and_then(|u| our_unit(model, u)) {
            Some(u) => u,
            None => return Outcome::OutOfScope("unit we do not model"),
        },
    };
    let (s, e) = span(r);
    let figs = figures(input);
    let near: Vec<&Value> = figs
        .iter()
        .filter(|f| overlaps(f, s, e) && is_quantity(f))
        .collect();
    let ok = near.iter().any(|f| {
        f["unit"].as_str() == Some(want_unit) && f["value"].as_f64().is_some_and(|v| close(v, want))
    });
    if ok {
        Outcome::Pass
    } else {
        let got: Vec<String> = near
            .iter()
            .map(|f| format!("{} = {} {}", f["text"], f["value"], f["unit"]))
            .collect();
        Outcome::Fail(format!(
            "{:?} want {want} {want_unit}, got [{}]",
            r["Text"].as_str().unwrap_or(""),
            got.join("; ")
        ))
    }
}

/// `[20,30)`, `(20,)`, `(,35]`: one interval, or one or two bounds of ours.
fn check_range(input: &str, r: &Value) -> Outcome {
    let Some(spec) = r["Resolution"]["value"].as_str() else {
        return Outcome::OutOfScope("range: no value");
    };
    let spec = spec.trim();
    let (Some(open), Some(close_c)) = (spec.chars().next(), spec.chars().last()) else {
        return Outcome::OutOfScope("range: empty");
    };
    let Some((lo, hi)) = spec[1..spec.len() - close_c.len_utf8()].split_once(',') else {
        return Outcome::OutOfScope("range: not a pair");
    };
    let (lo, hi) = (lo.trim().parse::<f64>().ok(), hi.trim().parse::<f64>().ok());
    let (start, end) = span(r);
    let figs: Vec<Value> = figures(input)
        .into_iter()
        .filter(|f| overlaps(f, start, end) && is_quantity(f))
        .collect();
    let bound = |shape: &str, at: f64, inclusive: bool| {
        figs.iter().any(|f| {
            f["shape"] == shape
                && f["value"].as_f64().is_some_and(|x| close(x, at))
                && f["inclusive"].as_bool() == Some(inclusive)
        })
    };
    let ok = match (lo, hi) {
        (Some(low), Some(high)) => {
            figs.iter().any(|f| {
                f["shape"] == "interval"
                    && f["value"].as_f64().is_some_and(|x| close(x, low))
                    && f["high"].as_f64().is_some_and(|x| close(x, high))
            }) || (bound("lower_bound", low, open == '[')
                && bound("upper_bound", high, close_c == ']'))
        }
        (Some(low), None) => bound("lower_bound", low, open == '['),
        (None, Some(high)) => bound("upper_bound", high, close_c == ']'),
        (None, None) => return Outcome::OutOfScope("range: no ends"),
    };
    if ok {
        Outcome::Pass
    } else {
        let got: Vec<String> = figs
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}–{} incl {}",
                    f["text"], f["shape"], f["value"], f["high"], f["inclusive"]
                )
            })
            .collect();
        Outcome::Fail(format!(
            "{:?} want {spec}, got [{}]",
            r["Text"].as_str().unwrap_or(""),
            got.join("; ")
        ))
    }
}

/// A case that expects nothing: no quantity of ours may be found.
fn check_nothing(model: &str, input: &str) -> Outcome {
    let found: Vec<String> = figures(input)
        .iter()
        .filter(|f| is_quantity(f))
        .filter(|f| match model {
            "percent" => f["kind"] == "percent",
            "currency" => f["dimension"] == "money",
            "age" => f["dimension"] == "age",
            _ => true,
        })
        .map(|f| f["text"].to_string())
        .collect();
    if found.is_empty() {
        Outcome::Pass
    } else {
        Outcome::Fail(format!("expects none, found {}", found.join(", ")))
    }
}

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: recognizers PATH/TO/Recognizers-Text/Specs");
        std::process::exit(2);
    };
    let models = [
        ("number", "Number/Chinese/NumberModel.json"),
        ("range", "Number/Chinese/NumberRangeModel.json"),
        ("percent", "Number/Chinese/PercentModel.json"),
        ("currency", "NumberWithUnit/Chinese/CurrencyModel.json"),
        ("dimension", "NumberWithUnit/Chinese/DimensionModel.json"),
        ("age", "NumberWithUnit/Chinese/AgeModel.json"),
    ];
    let (mut pass, mut fail) = (0, 0);
    println!(
        "{:<10} {:>5} {:>5} {:>8} {:>8}",
        "model", "pass", "fail", "rate", "out"
    );
    for (model, file) in models {
        let path = resolve(&dir, file);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                std::process::exit(3);
            }
        };
        let cases: Vec<Value> =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).expect("spec is JSON");
        let mut t = Tally::default();
        for c in &cases {
            let input = c["Input"].as_str().unwrap_or("");
            let results = c["Results"].as_array().cloned().unwrap_or_default();
            if results.is_empty() {
                t.record(check_nothing(model, input), input);
            }
            for r in &results {
                let outcome = match model {
                    "number" => check_number(input, r),
                    "range" => check_range(input, r),
                    _ => check_with_unit(model, input, r),
                };
                t.record(outcome, input);
            }
        }
        let rate = 100.0 * t.pass as f64 / (t.pass + t.fail).max(1) as f64;
        println!(
            "{model:<10} {:>5} {:>5} {rate:>7.1}% {:>8}",
            t.pass, t.fail, t.out_of_scope
        );
        for (why, n) in &t.scope_reasons {
            println!("    out of scope: {why} ({n})");
        }
        for f in &t.failures {
            println!("    FAIL {f}");
        }
        pass += t.pass;
        fail += t.fail;
    }
    println!(
        "all in-scope: {pass} of {} ({:.1}%)",
        pass + fail,
        100.0 * pass as f64 / (pass + fail).max(1) as f64
    );
}

/// Accepts the `Specs` folder or the repository root.
fn resolve(dir: &Path, file: &str) -> PathBuf {
    let direct = dir.join(file);
    if direct.exists() {
        direct
    } else {
        dir.join("Specs").join(file)
    }
}
