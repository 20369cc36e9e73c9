//! The dataset loader on arbitrary text: `Ok` or `Err`, never a panic; and an `Ok`
//! dataset has every span inside its text and equal to its `text`.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pa_explorer::dataset;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(ds) = dataset::parse(json, Path::new("fuzz.json")) else {
        return;
    };
    for doc in &ds.documents {
        let chars: Vec<char> = doc.text.chars().collect();
        for s in &doc.sentences {
            assert!(s.start <= s.end && s.end <= chars.len());
            assert_eq!(chars[s.start..s.end].iter().collect::<String>(), s.text);
        }
        for f in &doc.figures {
            assert!(f.start <= f.end && f.end <= chars.len());
            assert_eq!(chars[f.start..f.end].iter().collect::<String>(), f.text);
            let s = &doc.sentences[f.sentence];
            assert!(s.start <= f.start && f.end <= s.end);
        }
        for s in &doc.sections {
            assert!(s.start <= s.end && s.end <= chars.len());
            assert!(s.first_sentence <= s.last_sentence && s.last_sentence <= doc.sentences.len());
        }
    }
    // What loads must also index and list without panicking.
    let index = pa_explorer::index::Index::new(ds.documents);
    for &r in index.all() {
        let _ = index.figure(r).display_value();
        let _ = index.sentence(r);
        let _ = index.section(r);
    }
});
