//! The fast path for loading a large dataset: the documents of a file are parsed on all
//! cores. It gives up (`None`) on anything unexpected; the careful path in
//! [`super::parse`] then parses again and names the file, line, column and field.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::model::{Dataset, Document};

/// Below this many documents one thread is as fast: spawning is not free.
const MIN_DOCS_PER_THREAD: usize = 8;

/// The top level of a dataset with its documents still unparsed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Shell<'a> {
    schema_version: u32,
    #[serde(borrow)]
    documents: Vec<&'a RawValue>,
}

pub fn parse(json: &str) -> Option<Dataset> {
    let shell: Shell = serde_json::from_str(json).ok()?;
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(shell.documents.len() / MIN_DOCS_PER_THREAD)
        .max(1);
    let chunk = shell.documents.len().div_ceil(threads).max(1);
    let parse_chunk = |raws: &[&RawValue]| -> Option<Vec<Document>> {
        raws.iter()
            .map(|r| serde_json::from_str(r.get()).ok())
            .collect()
    };
    let documents = if threads == 1 {
        parse_chunk(&shell.documents)?
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = shell
                .documents
                .chunks(chunk)
                .map(|c| s.spawn(move || parse_chunk(c)))
                .collect();
            let mut docs = Vec::with_capacity(shell.documents.len());
            for h in handles {
                docs.extend(h.join().ok()??);
            }
            Some(docs)
        })?
    };
    Some(Dataset {
        schema_version: shell.schema_version,
        documents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meta, SCHEMA_VERSION};

    #[test]
    fn parses_many_documents_in_order_like_the_careful_path() {
        let documents = (0..40)
            .map(|i| {
                let text = format!("标题{i}\n累计投资约{i}亿元，新建水厂{i}座。\n");
                crate::extract::document(&format!("d{i}"), Meta::default(), text)
            })
            .collect();
        let ds = Dataset {
            schema_version: SCHEMA_VERSION,
            documents,
        };
        let json = crate::dataset::to_json(&ds);
        assert_eq!(parse(&json), Some(ds.clone()));
        let careful: Dataset = serde_json::from_str(&json).unwrap();
        assert_eq!(careful, ds);
        // Anything unexpected gives up rather than guessing.
        assert_eq!(
            parse(&json.replace("\"schema_version\"", "\"version\"")),
            None
        );
        assert_eq!(parse(&json.replacen("\"text\"", "\"txt\"", 1)), None);
    }
}
