//! How much of the subjects and headlines of some texts the glossary and CC-CEDICT
//! cover: `cargo run --release --example gloss_coverage -- [--list] [FILE|DIR …]`
//! (`.txt` files; none given: the bundled dataset). `--list` also prints each subject
//! and headline with its gloss. `--load-only` loads the dictionary and exits, and
//! `--nothing` exits at once, for measuring the load with `/usr/bin/time -v`.

use std::path::{Path, PathBuf};

use pa_explorer::gloss::{self, Coverage};
use pa_explorer::model::{Document, Meta};
use pa_explorer::{dataset, extract};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut list = false;
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--list" {
            list = true;
        } else if arg == "--nothing" {
            return Ok(());
        } else if arg == "--load-only" {
            let started = std::time::Instant::now();
            let _ = gloss::gloss("预热");
            eprintln!("dictionary loaded in {:.0?}", started.elapsed());
            return Ok(());
        } else {
            paths.push(PathBuf::from(arg));
        }
    }
    let started = std::time::Instant::now();
    let _ = gloss::gloss("预热");
    eprintln!("dictionary loaded in {:.0?}", started.elapsed());

    let docs: Vec<Document> = if paths.is_empty() {
        dataset::bundled()?.documents
    } else {
        let mut files = Vec::new();
        for p in &paths {
            collect(p, &mut files)?;
        }
        files.sort();
        files
            .iter()
            .map(|f| -> Result<Document, Box<dyn std::error::Error>> {
                let text = dataset::read_text(f)?;
                Ok(extract::document("doc", Meta::default(), text))
            })
            .collect::<Result<_, _>>()?
    };

    let (mut subjects, mut headlines) = (Coverage::default(), Coverage::default());
    for doc in &docs {
        for f in doc.figures.iter().filter(|f| f.kind.is_quantity()) {
            if let Some(s) = &f.subject {
                subjects.add(s);
                if list {
                    print(s);
                }
            }
        }
        for h in doc.sections.iter().filter_map(|s| s.headline.as_deref()) {
            headlines.add(h);
            if list {
                print(h);
            }
        }
    }
    println!("{} documents", docs.len());
    for (name, c) in [("subjects", subjects), ("headlines", headlines)] {
        println!(
            "{name}: {} texts, {} Chinese chars; covered {:.1}% (glossary {}, words of 2+ chars {}, single-char entries {}, pinyin {}); by glossary or 2+ char words {:.1}%; texts entirely in such words {}/{}",
            c.texts,
            c.han,
            100.0 * c.covered(),
            c.curated,
            c.words,
            c.single,
            c.pinyin,
            100.0 * c.covered_by_words(),
            c.whole_words,
            c.texts,
        );
    }
    Ok(())
}

fn print(text: &str) {
    let g = gloss::gloss(text);
    let mark = if g.machine { "machine" } else { "curated" };
    println!("{text}\t{}\t{mark}", g.english);
}

fn collect(p: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if p.is_dir() {
        for e in std::fs::read_dir(p)? {
            let path = e?.path();
            if path.extension().is_some_and(|x| x == "txt") {
                out.push(path);
            }
        }
    } else {
        out.push(p.to_path_buf());
    }
    Ok(())
}
