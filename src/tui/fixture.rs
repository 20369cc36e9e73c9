//! A small, realistic document for the explorer's tests, built by hand from the Jinan
//! press release: a lead, three headlines, their paragraphs, and figures of every shape.
//! Hand-made rather than extracted, so the explorer's tests do not move when the
//! extractor improves. Compiled for tests only (`#[cfg(test)]` in `tui.rs`).

use crate::index::Index;
use crate::model::{Approx, Dimension, Document, Figure, Kind, Meta, Section, Sentence, Shape};

/// Source lines; a leading `#` marks a headline.
const LINES: &[&str] = &[
    "近期,市政府新闻办围绕教育扶贫、医疗扶贫、产业扶贫、危房改造、兜底保障等举办“脱贫攻坚的生动实践”主题系列新闻发布会。4月9日下午,“脱贫攻坚的生动实践”主题系列发布会(第三场)召开,邀请市人力资源社会保障局、市民政局、市水务局、市残联介绍开展脱贫攻坚的主要做法。",
    "#实现贫困劳动力 转移就业4.83万人次",
    "近年来,我市聚焦就业创业扶贫、职业技能扶贫、社保兜底扶贫、人才支撑扶贫,精准施策、精准服务,打好脱贫“组合拳”,实现贫困劳动力转移就业4.83万人次,开展职业技能培训943人次,为1533名贫困家庭学生享受“五免一享”政策1526.11万元,为21.18万人次贫困人口代缴居民基本养老保险费2304.86万元,组织各类专家一线帮助解决难题300余个。",
    "2018年12月至2020年底,共为1329名建档立卡贫困人员、1101名低保对象、182名特困人员办理了居民基本养老保险待遇发放手续,覆盖率100%,实现了“应保尽保”。全面落实对重度残疾人的优惠政策,为重度残疾人等缴费困难群体代缴不低于最低档次的养老保险费,并可提前5年发放养老金待遇。",
    "#全市农村自来水普及率已达98%",
    "解决农村饮水安全问题是完成脱贫攻坚任务、实施乡村振兴战略、促进城乡融合发展的基础保障。2015年以来,我市以全面解决农村饮水安全为目标,先后实施了贫困村饮水安全专项工程等项目,全市累计投资约37亿元,新建水库水源地2个,新建、改扩建水厂25座,铺设干支管道达4万余公里;每个区县配套建设了水厂水质化验室。",
    "#新增贫困残疾人就业0.35万人",
    "五年来,累计培训贫困残疾人1.07万人次,新增贫困残疾人就业0.35万人。与此同时,残疾儿童康复救助实现提标扩面,救助标准由每人每年1.2万元提高至每人每年2万元,救助范围实现0-17岁残疾儿童全覆盖。",
];

/// A figure as the fixture states it; offsets are found in the text.
struct Spec {
    text: &'static str,
    kind: Kind,
    exact: Option<&'static str>,
    high: Option<&'static str>,
    unit: Option<&'static str>,
    dim: Dimension,
    shape: Shape,
    approx: Approx,
    inclusive: Option<bool>,
    subject: Option<&'static str>,
}

const fn amount(
    text: &'static str,
    exact: &'static str,
    unit: &'static str,
    dim: Dimension,
    subject: &'static str,
) -> Spec {
    Spec {
        text,
        kind: Kind::Amount,
        exact: Some(exact),
        high: None,
        unit: Some(unit),
        dim,
        shape: Shape::Point,
        approx: Approx::Exact,
        inclusive: None,
        subject: Some(subject),
    }
}

const fn date(text: &'static str) -> Spec {
    Spec {
        text,
        kind: Kind::Date,
        exact: None,
        high: None,
        unit: None,
        dim: Dimension::None,
        shape: Shape::Point,
        approx: Approx::Exact,
        inclusive: None,
        subject: None,
    }
}

use Dimension::{Age, Items, Length, Money, People, Percent, PersonTimes};

fn specs() -> Vec<Spec> {
    vec![
        date("4月9日"),
        amount(
            "4.83万人次",
            "48300",
            "人次",
            PersonTimes,
            "贫困劳动力转移就业",
        ),
        amount(
            "4.83万人次",
            "48300",
            "人次",
            PersonTimes,
            "贫困劳动力转移就业",
        ),
        amount("943人次", "943", "人次", PersonTimes, "职业技能培训"),
        amount("1533名", "1533", "人", People, "贫困家庭学生"),
        amount("1526.11万元", "15261100", "元", Money, "“五免一享”政策"),
        amount("21.18万人次", "211800", "人次", PersonTimes, "贫困人口"),
        amount(
            "2304.86万元",
            "23048600",
            "元",
            Money,
            "代缴居民基本养老保险费",
        ),
        Spec {
            shape: Shape::LowerBound,
            inclusive: Some(false),
            ..amount("300余个", "300", "个", Items, "帮助解决难题")
        },
        date("2018年12月"),
        amount("1329名", "1329", "人", People, "建档立卡贫困人员"),
        amount("1101名", "1101", "人", People, "低保对象"),
        amount("182名", "182", "人", People, "特困人员"),
        Spec {
            kind: Kind::Percent,
            ..amount("100%", "100", "%", Percent, "覆盖率")
        },
        Spec {
            kind: Kind::Percent,
            ..amount("98%", "98", "%", Percent, "农村自来水普及率")
        },
        date("2015年以来"),
        Spec {
            approx: Approx::About,
            ..amount("约37亿元", "3700000000", "元", Money, "累计投资")
        },
        amount("2个", "2", "个", Items, "新建水库水源地"),
        amount("25座", "25", "座", Items, "新建、改扩建水厂"),
        Spec {
            shape: Shape::LowerBound,
            inclusive: Some(false),
            ..amount("4万余公里", "40000", "公里", Length, "铺设干支管道")
        },
        amount("0.35万人", "3500", "人", People, "新增贫困残疾人就业"),
        amount("1.07万人次", "10700", "人次", PersonTimes, "培训贫困残疾人"),
        amount("0.35万人", "3500", "人", People, "新增贫困残疾人就业"),
        amount("1.2万元", "12000", "元", Money, "救助标准"),
        amount("2万元", "20000", "元", Money, "救助标准"),
        Spec {
            shape: Shape::Interval,
            high: Some("17"),
            ..amount("0-17岁", "0", "岁", Age, "残疾儿童")
        },
    ]
}

/// The fixture document.
pub fn document() -> Document {
    let mut text = String::new();
    let mut sentences = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut pos = 0;
    for (para, raw) in LINES.iter().enumerate() {
        let headline = raw.starts_with('#');
        let line = raw.trim_start_matches('#');
        if headline || sections.is_empty() {
            if let Some(prev) = sections.last_mut() {
                prev.end = pos;
                prev.last_sentence = sentences.len();
            }
            sections.push(Section {
                index: sections.len(),
                headline: headline.then(|| line.to_string()),
                start: pos,
                end: pos,
                first_sentence: sentences.len(),
                last_sentence: sentences.len(),
            });
        }
        let pieces: Vec<String> = if headline {
            vec![line.to_string()]
        } else {
            line.split_inclusive('。').map(str::to_string).collect()
        };
        for s in pieces {
            let n = s.chars().count();
            sentences.push(Sentence {
                index: sentences.len(),
                section: sections.len() - 1,
                paragraph: para,
                headline,
                start: pos,
                end: pos + n,
                text: s,
            });
            pos += n;
        }
        text.push_str(line);
        text.push('\n');
        pos += 1;
    }
    if let Some(last) = sections.last_mut() {
        last.end = pos;
        last.last_sentence = sentences.len();
    }
    let figures = figures(&text, &sentences);
    Document {
        id: "jinan-2021-poverty".to_string(),
        meta: Meta {
            title: Some("济南市脱贫攻坚主题新闻发布会（第三场）".to_string()),
            ..Meta::default()
        },
        text,
        sections,
        sentences,
        figures,
    }
}

fn figures(text: &str, sentences: &[Sentence]) -> Vec<Figure> {
    let chars: Vec<char> = text.chars().collect();
    let mut cursor = 0;
    let mut out = Vec::new();
    for (i, s) in specs().into_iter().enumerate() {
        let want: Vec<char> = s.text.chars().collect();
        let start = (cursor..chars.len())
            .find(|&p| chars[p..].starts_with(&want))
            .unwrap_or_else(|| panic!("fixture figure {} not in text", s.text));
        let end = start + want.len();
        cursor = end;
        let sentence = sentences
            .iter()
            .position(|x| x.start <= start && start < x.end)
            .unwrap_or(0);
        out.push(Figure {
            id: compact_str::format_compact!("f{:03}", i + 1),
            kind: s.kind,
            text: s.text.into(),
            exact: s.exact.map(Into::into),
            value: s.exact.and_then(|e| e.parse().ok()),
            exact_high: s.high.map(Into::into),
            high: s.high.and_then(|e| e.parse().ok()),
            shape: s.shape,
            inclusive: s.inclusive,
            approx: s.approx,
            unit: s.unit.map(Into::into),
            dimension: s.dim,
            subject: s.subject.map(Into::into),
            rate: (s.text.ends_with("万元") && s.subject == Some("救助标准"))
                .then(|| "每人每年".into()),
            change: None,
            direction: None,
            date: None,
            period: None,
            sentence,
            section: sentences[sentence].section,
            start,
            end,
            same_as: Vec::new(),
            warnings: Vec::new(),
        });
    }
    out
}

/// An index over the fixture document.
pub fn index() -> Index {
    Index::new(vec![document()])
}

/// An index over two copies (different ids and titles), for multi-document views.
pub fn two_documents() -> Index {
    let a = document();
    let mut b = document();
    b.id = "jinan-copy".to_string();
    b.meta.title = Some("第二份报告".to_string());
    Index::new(vec![a, b])
}

#[test]
fn fixture_offsets_point_at_the_figures() {
    let doc = document();
    let chars: Vec<char> = doc.text.chars().collect();
    for f in &doc.figures {
        let got: String = chars[f.start..f.end].iter().collect();
        assert_eq!(got, f.text);
        let s = &doc.sentences[f.sentence];
        assert!(s.start <= f.start && f.end <= s.end);
        let st: String = chars[s.start..s.end].iter().collect();
        assert_eq!(st, s.text);
    }
    assert_eq!(doc.sections.len(), 4);
    crate::dataset::validate(&crate::model::Dataset {
        schema_version: crate::model::SCHEMA_VERSION,
        documents: vec![doc],
    })
    .expect("fixture is a valid dataset");
}
