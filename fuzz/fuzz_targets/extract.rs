//! The extractor on arbitrary bytes (read as lossy UTF-8): it must not panic, every span
//! must cut its own text out of the input, every figure must lie inside its sentence,
//! and what `import` would write must load back through the validating loader.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pa_explorer::dataset;
use pa_explorer::extract;
use pa_explorer::model::{Dataset, Meta, SCHEMA_VERSION};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let chars: Vec<char> = text.chars().collect();
    let ex = extract::extract(&text);
    let cut = |s: usize, e: usize| -> String {
        assert!(
            s <= e && e <= chars.len(),
            "span {s}..{e} of {}",
            chars.len()
        );
        chars[s..e].iter().collect()
    };
    for s in &ex.sentences {
        assert_eq!(cut(s.start, s.end), s.text, "sentence {}", s.index);
    }
    for f in &ex.figures {
        assert_eq!(cut(f.start, f.end), f.text, "figure {}", f.id);
        let s = &ex.sentences[f.sentence];
        assert!(
            s.start <= f.start && f.end <= s.end,
            "figure {} {}..{} outside sentence {}..{}",
            f.id,
            f.start,
            f.end,
            s.start,
            s.end
        );
        assert_eq!(f.section, s.section, "figure {}", f.id);
    }
    let ds = Dataset {
        schema_version: SCHEMA_VERSION,
        documents: vec![extract::document("fuzz", Meta::default(), text)],
    };
    let json = dataset::to_json(&ds);
    if let Err(e) = dataset::parse(&json, Path::new("fuzz.json")) {
        panic!("extractor output does not load back: {e}");
    }
});
