//! Bytes → text: the encoding from a BOM, a declared charset, the user's `--encoding`,
//! or the bytes themselves (chardetng), decoded by encoding_rs without replacement, so
//! that a damaged byte is an error at an offset, never a silent U+FFFD.
//!
//! Core: never prints, imports nothing of the terminal or the command line.

use std::path::Path;

use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::{Error, Result};

/// How the encoding of a source was decided; recorded in `Meta::encoding_from`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    /// Named by the user (`--encoding`).
    Flag,
    /// A byte order mark.
    Bom,
    /// The page's own `<meta charset>` / `content="…; charset=…"`.
    Charset,
    /// Guessed from the bytes (valid UTF-8, or chardetng's guess).
    Bytes,
}

impl Detected {
    pub fn as_str(self) -> &'static str {
        match self {
            Detected::Flag => "flag",
            Detected::Bom => "bom",
            Detected::Charset => "charset",
            Detected::Bytes => "bytes",
        }
    }
}

/// Decoded text with the encoding it was read in.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    pub from: Detected,
}

/// Encodings a guess from the bytes may settle on: a report is Chinese, so a guess of
/// windows-1252 or Shift_JIS means the bytes are not text we can read.
fn is_chinese(e: &'static Encoding) -> bool {
    e == GBK || e == GB18030 || e == BIG5 || e == UTF_8
}

/// The encoding for a `--encoding` name (any WHATWG label: `gbk`, `gb2312`, `gb18030`,
/// `big5`, `utf-16le`, `utf-8`…).
pub fn for_label(name: &str) -> Result<&'static Encoding> {
    Encoding::for_label(name.trim().as_bytes()).ok_or_else(|| {
        Error::Usage(format!(
            "--encoding {name}: unknown encoding; use e.g. utf-8, gb18030, gbk, big5 or utf-16le"
        ))
    })
}

/// Decodes `bytes`. `forced` (the user's choice) wins, then a BOM, then `declared` (a
/// page's charset) when the bytes agree with it, then valid UTF-8, then chardetng.
pub fn decode(
    bytes: &[u8],
    forced: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
    path: &Path,
) -> Result<Decoded> {
    if let Some(enc) = forced {
        // A BOM of the named encoding is still not text, but see `without_bom`.
        let body = match Encoding::for_bom(bytes) {
            Some((bom, len)) if bom == enc => without_bom(bytes, enc, len),
            _ => bytes,
        };
        return strict(body, enc, path).map(|text| Decoded {
            text,
            encoding: enc,
            from: Detected::Flag,
        });
    }
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return strict(without_bom(bytes, enc, len), enc, path).map(|text| Decoded {
            text,
            encoding: enc,
            from: Detected::Bom,
        });
    }
    // A page that declares a charset its bytes do not follow (common: `gb2312` on a page
    // re-saved as UTF-8) is read as UTF-8 when its bytes are valid UTF-8: GBK text is
    // practically never valid UTF-8, while UTF-8 text always decodes as GBK mojibake.
    if let Some(enc) = declared
        && let Ok(text) = std::str::from_utf8(bytes)
        && (enc == UTF_8 || !text.is_ascii())
    {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: UTF_8,
            from: if enc == UTF_8 {
                Detected::Charset
            } else {
                Detected::Bytes
            },
        });
    }
    if let Some(enc) = declared {
        // UTF-16 cannot be declared inside the document itself (WHATWG); treat as UTF-8.
        let enc = if enc == UTF_16LE || enc == UTF_16BE {
            UTF_8
        } else {
            enc
        };
        match strict(bytes, enc, path) {
            Ok(text) => {
                return Ok(Decoded {
                    text,
                    encoding: enc,
                    from: Detected::Charset,
                });
            }
            Err(e) => return Err(e),
        }
    }
    let utf8_error = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Decoded {
                text: text.to_string(),
                encoding: UTF_8,
                from: Detected::Bytes,
            });
        }
        Err(e) => e,
    };
    let valid = utf8_error.valid_up_to();
    let not_utf8 = || Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: valid,
        line: line_at(bytes, valid),
    };
    // Several Chinese chars of valid UTF-8 before the first bad byte: a UTF-8 file with
    // damage (or pasted lines in another encoding), not a GBK file that happens to start
    // like UTF-8 — reading it as GBK would turn the good part into mojibake.
    let utf8_chars_before = std::str::from_utf8(&bytes[..valid])
        .map_or(0, |s| s.chars().filter(|c| c.len_utf8() > 1).count());
    if utf8_chars_before >= 4 || bytes.contains(&0) {
        return Err(not_utf8());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if !is_chinese(guess) {
        return Err(Error::Source {
            path: path.to_path_buf(),
            message: format!(
                "not valid UTF-8 at byte {valid} (line {}), and it does not read as GB18030 or Big5 either (the bytes look most like {}); if it is text, name its encoding with --encoding",
                line_at(bytes, valid),
                guess.name()
            ),
        });
    }
    strict(bytes, guess, path).map(|text| Decoded {
        text,
        encoding: guess,
        from: Detected::Bytes,
    })
}

/// `bytes` without a BOM of `len` bytes, except for UTF-8: there the BOM is kept as
/// U+FEFF, so that char offsets still count from the file's first byte (the extractor
/// takes it for white space). UTF-16 is re-encoded anyway, so its offsets are of the text.
fn without_bom<'a>(bytes: &'a [u8], enc: &'static Encoding, len: usize) -> &'a [u8] {
    if enc == UTF_8 { bytes } else { &bytes[len..] }
}

/// Decodes all of `bytes` as `enc`, or says where the first malformed sequence is.
fn strict(bytes: &[u8], enc: &'static Encoding, path: &Path) -> Result<String> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok(text),
        DecoderResult::Malformed(bad, after) => {
            let offset = read.saturating_sub(bad as usize + after as usize);
            Err(Error::Source {
                path: path.to_path_buf(),
                message: format!(
                    "not valid {} at byte {offset} (line {}); if the file is in another encoding, name it with --encoding (e.g. --encoding big5)",
                    enc.name(),
                    line_at(bytes, offset)
                ),
            })
        }
        // The buffer is sized for the worst case, so this cannot happen; say so plainly
        // rather than panic if encoding_rs ever disagrees.
        DecoderResult::OutputFull => Err(Error::Source {
            path: path.to_path_buf(),
            message: format!("could not decode as {} (output buffer full)", enc.name()),
        }),
    }
}

/// 1-based line of byte `offset` (counting `\n` bytes, right for every encoding here but
/// UTF-16, where it is approximate).
fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The charset a page declares in its first 4 KiB (`<meta charset="gbk">` or
/// `content="text/html; charset=gb2312"`), if any and known.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut i = from + at + "charset".len();
        from = i;
        while i < lower.len() && matches!(lower[i], b' ' | b'=' | b'"' | b'\'') {
            i += 1;
        }
        let start = i;
        while i < lower.len() && (lower[i].is_ascii_alphanumeric() || b"-_:.".contains(&lower[i])) {
            i += 1;
        }
        if i > start
            && let Some(enc) = Encoding::for_label(&lower[start..i])
        {
            return Some(enc);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("r.txt")
    }

    #[test]
    fn gbk_big5_and_utf16_are_recognised() {
        let text = "全市累计投资约37亿元，惠及4.83万人次。新建水厂25座。";
        let (gbk, _, _) = GBK.encode(text);
        let d = decode(&gbk, None, None, p()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.from),
            (text, GBK, Detected::Bytes)
        );

        let trad = "全市累計投資約37億元，惠及4.83萬人次。新建水廠25座。";
        let (big5, _, _) = BIG5.encode(trad);
        let d = decode(&big5, None, None, p()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (trad, BIG5));

        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&utf16, None, None, p()).unwrap();
        assert_eq!((d.text.as_str(), d.from), (text, Detected::Bom));
    }

    #[test]
    fn gb18030_four_byte_sequences_are_read() {
        // `𠀀` and `•` are not in GBK: GB18030 writes them in four bytes.
        let text = "𠀀•全市累计投资约37亿元。";
        let (bytes, _, _) = GB18030.encode(text);
        let d = decode(&bytes, None, None, p()).unwrap();
        assert_eq!(d.text, text);
    }

    #[test]
    fn a_bom_is_recorded_and_kept_only_in_utf8() {
        let d = decode("\u{feff}养老".as_bytes(), None, None, p()).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.from),
            ("\u{feff}养老", UTF_8, Detected::Bom)
        );
    }

    #[test]
    fn a_declared_charset_is_used_and_a_false_one_falls_back_to_utf8() {
        let (gbk, _, _) = GBK.encode("就业");
        let d = decode(&gbk, None, Some(GBK), p()).unwrap();
        assert_eq!((d.text.as_str(), d.from), ("就业", Detected::Charset));
        let d = decode("就业".as_bytes(), None, Some(GBK), p()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("就业", UTF_8));
    }

    #[test]
    fn damaged_bytes_are_an_error_at_their_offset() {
        let (gbk, _, _) = GBK.encode("全市累计投资约37亿元。\n新建水厂25座。");
        let mut gbk = gbk.into_owned();
        let at = gbk.len() - 4;
        gbk[at] = 0xFF;
        let e = decode(&gbk, Some(GBK), None, p()).unwrap_err().to_string();
        assert!(
            e.contains(&format!("not valid GBK at byte {at} (line 2)")),
            "{e}"
        );
    }

    #[test]
    fn utf8_with_a_foreign_line_is_not_guessed_as_gbk() {
        let mut bytes = "第一行约37亿元。\n".as_bytes().to_vec();
        let (gbk, _, _) = GBK.encode("第二行4.83万人次。");
        bytes.extend_from_slice(&gbk);
        let e = decode(&bytes, None, None, p()).unwrap_err().to_string();
        assert!(e.contains("not valid UTF-8 at byte 24 (line 2)"), "{e}");
    }

    #[test]
    fn binary_is_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let e = decode(png, None, None, p()).unwrap_err().to_string();
        assert!(e.contains("not valid UTF-8 at byte 0"), "{e}");
    }

    #[test]
    fn the_declared_charset_is_found_in_either_form() {
        assert_eq!(
            declared_charset(
                br#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#
            ),
            Some(GBK)
        );
        assert_eq!(declared_charset(b"<meta charset='big5'>"), Some(BIG5));
        assert_eq!(declared_charset(b"<html><p>charset</p>"), None);
    }
}
