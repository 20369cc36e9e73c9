//! A small hand-made index of real sentences from the Jinan press release, built with the
//! model types, so search tests do not depend on the extractor.

#![allow(dead_code)]

use pa_explorer::index::Index;
use pa_explorer::model::{
    Approx, Dimension, Document, Figure, Kind, Meta, Section, Sentence, Shape,
};

/// (figure text, value, unit, subject)
type Fig = (
    &'static str,
    Option<f64>,
    Option<&'static str>,
    Option<&'static str>,
);

/// Sections: an optional headline with its figures, then sentences with theirs.
type Sec = (
    Option<(&'static str, Vec<Fig>)>,
    Vec<(&'static str, Vec<Fig>)>,
);

pub fn sections() -> Vec<Sec> {
    vec![
        (
            None,
            vec![(
                "实现贫困劳动力转移就业4.83万人次，开展职业技能培训943人次，为21.18万人次贫困人口代缴居民基本养老保险费2304.86万元。",
                vec![
                    ("4.83万人次", Some(48_300.0), Some("人次"), Some("转移就业")),
                    ("943人次", Some(943.0), Some("人次"), Some("职业技能培训")),
                    (
                        "21.18万人次",
                        Some(211_800.0),
                        Some("人次"),
                        Some("贫困人口"),
                    ),
                    (
                        "2304.86万元",
                        Some(23_048_600.0),
                        Some("元"),
                        Some("代缴居民基本养老保险费"),
                    ),
                ],
            )],
        ),
        (
            Some((
                "打造公益品牌 惠及困难群众363.6万人",
                vec![("363.6万人", Some(3_636_000.0), Some("人"), Some("困难群众"))],
            )),
            vec![
                (
                    "全面落实对重度残疾人的优惠政策，为重度残疾人等缴费困难群体代缴不低于最低档次的养老保险费，并可提前5年发放养老金待遇。",
                    vec![("5年", Some(5.0), Some("年"), Some("提前"))],
                ),
                (
                    "脱贫攻坚期间，全市保障农村低保家庭8.42万人，发放保障金16.74亿元；保障特困供养人员1.37万人，发放供养资金2.15亿元。",
                    vec![
                        ("8.42万人", Some(84_200.0), Some("人"), Some("农村低保家庭")),
                        (
                            "16.74亿元",
                            Some(1_674_000_000.0),
                            Some("元"),
                            Some("保障金"),
                        ),
                        ("1.37万人", Some(13_700.0), Some("人"), Some("特困供养人员")),
                        (
                            "2.15亿元",
                            Some(215_000_000.0),
                            Some("元"),
                            Some("供养资金"),
                        ),
                    ],
                ),
                (
                    "累计投入资金3.02亿元，开展项目829个，惠及困难群众363.6万人。",
                    vec![
                        (
                            "3.02亿元",
                            Some(302_000_000.0),
                            Some("元"),
                            Some("投入资金"),
                        ),
                        ("829个", Some(829.0), Some("个"), Some("项目")),
                        ("363.6万人", Some(3_636_000.0), Some("人"), Some("困难群众")),
                    ],
                ),
            ],
        ),
        (
            Some((
                "全市农村自来水普及率已达98%",
                vec![("98%", Some(98.0), Some("%"), Some("农村自来水普及率"))],
            )),
            vec![
                (
                    "到2020年底，全市农村自来水普及率和集中供水率均达到98%。",
                    vec![
                        ("2020年底", None, None, None),
                        ("98%", Some(98.0), Some("%"), Some("集中供水率")),
                    ],
                ),
                (
                    "全市GDP增长6.1%。",
                    vec![("6.1%", Some(6.1), Some("%"), Some("GDP增长"))],
                ),
            ],
        ),
    ]
}

/// One document built from `sections()`, with spans computed from the text.
pub fn document(id: &str) -> Document {
    let mut text = String::new();
    let mut chars = 0usize;
    let mut doc_sections = Vec::new();
    let mut sentences = Vec::new();
    let mut figures = Vec::new();
    for (si, (headline, body)) in sections().into_iter().enumerate() {
        let sec_start = chars;
        let first_sentence = sentences.len();
        let mut lines: Vec<(&str, Vec<Fig>, bool)> = Vec::new();
        if let Some((h, figs)) = headline.clone() {
            lines.push((h, figs, true));
        }
        lines.extend(body.into_iter().map(|(s, f)| (s, f, false)));
        for (paragraph, (sentence, figs, is_headline)) in lines.into_iter().enumerate() {
            let start = chars;
            let n = sentence.chars().count();
            let index = sentences.len();
            let mut from = 0usize;
            for (ftext, value, unit, subject) in figs {
                let byte = from + sentence[from..].find(ftext).expect("figure in sentence");
                let fstart = start + sentence[..byte].chars().count();
                from = byte + ftext.len();
                let kind = match unit {
                    None => Kind::Date,
                    Some("%") => Kind::Percent,
                    Some("年") => Kind::Duration,
                    _ => Kind::Amount,
                };
                figures.push(Figure {
                    id: format!("f{:03}", figures.len() + 1).into(),
                    kind,
                    text: ftext.into(),
                    exact: value.map(|v| v.to_string().into()),
                    value,
                    exact_high: None,
                    high: None,
                    shape: Shape::Point,
                    inclusive: None,
                    approx: Approx::Exact,
                    unit: unit.map(Into::into),
                    dimension: match unit {
                        Some("%") => Dimension::Percent,
                        Some("元") => Dimension::Money,
                        Some("人") => Dimension::People,
                        Some("人次") => Dimension::PersonTimes,
                        Some("年") => Dimension::Time,
                        Some(_) => Dimension::Items,
                        None => Dimension::None,
                    },
                    subject: subject.map(Into::into),
                    rate: None,
                    change: None,
                    direction: None,
                    date: None,
                    period: None,
                    sentence: index,
                    section: si,
                    start: fstart,
                    end: fstart + ftext.chars().count(),
                    same_as: Vec::new(),
                    warnings: Vec::new(),
                });
            }
            sentences.push(Sentence {
                index,
                section: si,
                paragraph,
                headline: is_headline,
                start,
                end: start + n,
                text: sentence.to_string(),
            });
            text.push_str(sentence);
            text.push('\n');
            chars += n + 1;
        }
        doc_sections.push(Section {
            index: si,
            headline: headline.map(|(h, _)| h.to_string()),
            start: sec_start,
            end: chars,
            first_sentence,
            last_sentence: sentences.len(),
        });
    }
    Document {
        id: id.to_string(),
        meta: Meta::default(),
        text,
        sections: doc_sections,
        sentences,
        figures,
    }
}

pub fn index() -> Index {
    Index::new(vec![document("jinan")])
}

/// The text of the field hit `hit` matched in, by the library's one lookup.
pub fn field_text(index: &Index, hit: &pa_explorer::search::Hit) -> String {
    pa_explorer::search::field_text(index, hit.figure, hit.field).to_string()
}

/// The chars of the field text at the hit's positions.
pub fn highlighted(index: &Index, hit: &pa_explorer::search::Hit) -> String {
    let chars: Vec<char> = field_text(index, hit).chars().collect();
    hit.positions.iter().map(|&p| chars[p]).collect()
}
