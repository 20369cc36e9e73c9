//! A Word file (`.docx`) → one paragraph a line (headings included, each on its own
//! line), table rows as lines of cells, and the title from `docProps/core.xml`.
//!
//! Read with zip + quick-xml: only `word/document.xml` matters for the text, and a
//! streaming pass over it keeps memory flat. Core: never prints.

use std::io::{Cursor, Read};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::html::CELL_SEPARATOR;
use crate::error::{Error, Result};

/// Largest `document.xml` read (uncompressed): a zip bomb is refused, not unpacked.
const MAX_XML_BYTES: u64 = 256 * 1024 * 1024;

/// Text and title of a Word file.
pub struct Doc {
    pub text: String,
    pub title: Option<String>,
}

pub fn read(bytes: &[u8], path: &Path) -> Result<Doc> {
    let bad = |message: String| Error::Source {
        path: path.to_path_buf(),
        message,
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("not a Word (.docx) file: {e}")))?;
    let xml = part(&mut zip, "word/document.xml")
        .map_err(|e| bad(format!("cannot read the Word document: {e}")))?
        .ok_or_else(|| bad("not a Word (.docx) file: it has no word/document.xml".into()))?;
    let text = paragraphs(&xml).map_err(|e| bad(format!("damaged Word document: {e}")))?;
    let title = part(&mut zip, "docProps/core.xml")
        .ok()
        .flatten()
        .and_then(|core| core_title(&core));
    Ok(Doc { text, title })
}

fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> std::result::Result<Option<Vec<u8>>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut out = Vec::new();
    file.take(MAX_XML_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if out.len() as u64 > MAX_XML_BYTES {
        return Err(format!("{name} is larger than {MAX_XML_BYTES} bytes"));
    }
    Ok(Some(out))
}

/// The text of `document.xml`: `w:p` paragraphs a line each; in a table, the
/// paragraphs of a cell joined by a space and the cells of a row by ` | `.
fn paragraphs(xml: &[u8]) -> std::result::Result<String, String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = String::new();
    let mut para = String::new();
    let mut in_text = false;
    // Cells of the current row, and the depth of tables (rows nest in nested tables).
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut table_depth = 0usize;
    let end_para = |para: &mut String, out: &mut String, cell: &mut String, in_table: bool| {
        let p = para.trim();
        if !p.is_empty() {
            if in_table {
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(p);
            } else {
                out.push_str(p);
                out.push('\n');
            }
        }
        para.clear();
    };
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("{e} at byte {}", reader.error_position()))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "tbl" => table_depth += 1,
                "tr" => row.clear(),
                "tc" => cell.clear(),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => para.push(' '),
                "br" | "cr" => {
                    end_para(&mut para, &mut out, &mut cell, table_depth > 0);
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                // Entities arrive apart, as `GeneralRef` events, so the text is literal.
                para.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.xml10_content();
                let ch = match name.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(c) = ch {
                    para.push(c);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => end_para(&mut para, &mut out, &mut cell, table_depth > 0),
                "tc" => row.push(std::mem::take(&mut cell)),
                "tr" => {
                    if row.iter().any(|c| !c.is_empty()) {
                        let line = row.join(CELL_SEPARATOR);
                        if table_depth > 1 {
                            // A nested table's rows go into the outer cell.
                            if !cell.is_empty() {
                                cell.push(' ');
                            }
                            cell.push_str(&line);
                        } else {
                            out.push_str(&line);
                            out.push('\n');
                        }
                    }
                    row.clear();
                }
                "tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// `<dc:title>` of `docProps/core.xml`.
fn core_title(xml: &[u8]) -> Option<String> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut in_title = false;
    let mut title = String::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) if e.local_name().as_ref() == "title" => in_title = true,
            Event::End(e) if e.local_name().as_ref() == "title" => break,
            Event::Text(t) if in_title => title.push_str(&t.xml10_content()),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let t = title.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>全市新增就业4.83万</w:t></w:r><w:r><w:t>人次。</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>一、主要成效</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>水厂</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>25座</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t xml:space="preserve">R&amp;D </w:t></w:r><w:r><w:t>投入37亿元。</w:t></w:r></w:p>
</w:body></w:document>"#;

    #[test]
    fn paragraphs_headings_and_rows_are_lines() {
        assert_eq!(
            paragraphs(BODY.as_bytes()).unwrap(),
            "全市新增就业4.83万人次。\n一、主要成效\n水厂 | 25座\nR&D 投入37亿元。\n"
        );
    }

    #[test]
    fn a_file_that_is_not_a_zip_is_a_clear_error() {
        let e = read(b"PK\x03\x04garbage", Path::new("r.docx"))
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("r.docx: not a Word (.docx) file"), "{e}");
    }
}
