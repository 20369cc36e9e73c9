//! How a figure is cited: its document's title, publisher and date, its section and id,
//! as one line a reader can paste under a quote. Fields the document's metadata marks as
//! inferred say so, so a citation never presents a guess as the source's own words.
//!
//! Core: never prints, imports nothing above the model.

use crate::model::{Document, Figure};

/// A citation line, e.g. `“标题”, 济南市人民政府新闻办公室, 2021-04-09, section 1
/// “实现贫困劳动力 转移就业4.83万人次”, figure f009`. Absent fields are left out; a field
/// named in `meta.inferred` is followed by `(inferred)`.
pub fn citation(doc: &Document, figure: &Figure) -> String {
    let meta = &doc.meta;
    let inferred = |field: &str| meta.inferred.iter().any(|f| f == field);
    let mark = |field: &str, text: String| {
        if inferred(field) {
            format!("{text} (inferred)")
        } else {
            text
        }
    };
    let mut parts = Vec::new();
    match meta.title.as_deref().filter(|t| !t.is_empty()) {
        Some(t) => parts.push(mark("title", format!("“{t}”"))),
        None => parts.push(format!("document {}", doc.id)),
    }
    if let Some(p) = meta.publisher.as_deref().filter(|p| !p.is_empty()) {
        parts.push(mark("publisher", p.to_string()));
    }
    if let Some(d) = meta.date.as_deref().filter(|d| !d.is_empty()) {
        parts.push(mark("date", d.to_string()));
    }
    let section = doc.sections.get(figure.section);
    parts.push(match section.and_then(|s| s.headline.as_deref()) {
        Some(h) => format!("section {} “{h}”", figure.section),
        None => "lead".to_string(),
    });
    parts.push(format!("figure {}", figure.id));
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset;
    use crate::model::Meta;

    fn seed() -> Document {
        dataset::bundled().unwrap().documents.remove(0)
    }

    #[test]
    fn the_seed_is_cited_with_title_publisher_date_section_and_id() {
        let doc = seed();
        let f = doc.figures.iter().find(|f| f.id == "f016").unwrap();
        assert_eq!(
            citation(&doc, f),
            "““脱贫攻坚的生动实践”主题系列发布会（第三场）：社会保障兜底扶贫” (inferred), \
             济南市人民政府新闻办公室, 2021-04-09 (inferred), \
             section 1 “实现贫困劳动力 转移就业4.83万人次”, figure f016"
        );
    }

    #[test]
    fn a_figure_of_the_lead_and_a_document_without_metadata() {
        let mut doc = seed();
        doc.meta = Meta::default();
        let f = &doc.figures[0];
        assert_eq!(f.section, 0);
        assert_eq!(
            citation(&doc, f),
            "document jinan-poverty-alleviation, lead, figure f001"
        );
    }
}
