//! Conformance with cn2an's own Chinese-to-Arabic test vectors
//! (`tests/conformance/cn2an.tsv`, MIT, see `LICENSE-cn2an`): every in-scope input is
//! read through `numeral::parse_number`, or, for money written with its tail
//! (`壹拾壹元整`), through the extractor as one figure. The pass rate is printed; the
//! test fails if it drops below the floor reached (a ratchet), and lists the failures.

use pa_explorer::extract::{self, numeral};

/// Cases passing when the floor was last raised. Raise it when more pass; never lower it
/// without saying why in `docs/CONVENTIONS.md`.
const FLOOR: usize = 139;

/// What we read for `input`: the exact value, or `None` when it is no number.
fn read(input: &str) -> Option<String> {
    if let Some(v) = numeral::parse_number(input) {
        return Some(v.to_string());
    }
    let figs = extract::extract(input).figures;
    figs.iter()
        .find(|f| f.text == input && f.kind.is_quantity())
        .and_then(|f| f.exact.as_deref().map(str::to_string))
}

#[test]
fn cn2an_vectors() {
    let data = include_str!("conformance/cn2an.tsv");
    let mut total = 0;
    let mut failures = Vec::new();
    for (no, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.starts_with("mode\t") || line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "line {}: want 3 columns: {line:?}", no + 1);
        let (mode, input, want) = (cols[0], cols[1], cols[2]);
        let want = (want != "none").then(|| want.to_string());
        total += 1;
        let got = read(input);
        if got != want {
            failures.push(format!(
                "  {mode}\t{input:?}: want {}, got {}",
                want.as_deref().unwrap_or("none"),
                got.as_deref().unwrap_or("none")
            ));
        }
    }
    let passed = total - failures.len();
    #[allow(clippy::cast_precision_loss)]
    let rate = 100.0 * passed as f64 / total as f64;
    println!("cn2an 0.5.24: {passed}/{total} in-scope vectors pass ({rate:.1}%)");
    for f in &failures {
        println!("{f}");
    }
    assert!(
        passed >= FLOOR,
        "cn2an conformance fell from {FLOOR} to {passed} of {total}:\n{}",
        failures.join("\n")
    );
}
