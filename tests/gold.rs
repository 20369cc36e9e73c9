//! The extractor against a hand-labelled list of every figure in the bundled source text
//! (`tests/gold/jinan.tsv`), field by field. A mismatch names the figure and the field.

use pa_explorer::extract;
use pa_explorer::model::{ChangeRole, Figure, Kind};

const SOURCE: &str = include_str!("../data/jinan-poverty-alleviation.txt");
const GOLD: &str = include_str!("gold/jinan.tsv");

struct Gold<'a> {
    line: usize,
    section: usize,
    text: &'a str,
    kind: &'a str,
    exact: &'a str,
    exact_high: &'a str,
    unit: &'a str,
    shape: &'a str,
    approx: &'a str,
    subject: &'a str,
    extra: &'a str,
}

fn gold() -> Vec<Gold<'static>> {
    GOLD.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                c.len(),
                10,
                "gold line {}: expected 10 columns, got {}",
                i + 1,
                c.len()
            );
            Gold {
                line: i + 1,
                section: c[0].parse().expect("section number"),
                text: c[1],
                kind: c[2],
                exact: c[3],
                exact_high: c[4],
                unit: c[5],
                shape: c[6],
                approx: c[7],
                subject: c[8],
                extra: c[9],
            }
        })
        .collect()
}

fn check(g: &Gold, f: &Figure) -> Vec<String> {
    let mut bad = Vec::new();
    let mut field = |name: &str, want: &str, got: String| {
        if want != got {
            bad.push(format!("{name}: want {want:?}, got {got:?}"));
        }
    };
    field("section", &g.section.to_string(), f.section.to_string());
    field("text", g.text, f.text.to_string());
    field("kind", g.kind, f.kind.as_str().to_string());
    field(
        "exact",
        g.exact,
        f.exact.as_deref().unwrap_or_default().to_string(),
    );
    field(
        "exact_high",
        g.exact_high,
        f.exact_high.as_deref().unwrap_or_default().to_string(),
    );
    if f.kind.is_quantity() {
        field(
            "unit",
            g.unit,
            f.unit.as_deref().unwrap_or_default().to_string(),
        );
        field("shape", g.shape, f.shape.as_str().to_string());
        field("approx", g.approx, format!("{:?}", f.approx).to_lowercase());
        field(
            "subject",
            g.subject,
            f.subject.as_deref().unwrap_or_default().to_string(),
        );
    } else {
        field(
            "unit",
            "",
            f.unit.as_deref().unwrap_or_default().to_string(),
        );
    }
    // A quantity with no `period=` item must have no period: a guessed one is wrong too.
    let mut period_want = String::new();
    for item in g.extra.split(';').filter(|s| !s.is_empty()) {
        let (k, v) = item.split_once('=').expect("extra is key=value");
        match k {
            "rate" => field("rate", v, f.rate.as_deref().unwrap_or_default().to_string()),
            "date" => field("date", v, f.date.as_deref().unwrap_or_default().to_string()),
            "change" => field(
                "change",
                v,
                match f.change.as_ref().map(|c| c.role) {
                    Some(ChangeRole::From) => "from".into(),
                    Some(ChangeRole::To) => "to".into(),
                    Some(ChangeRole::Delta) => "delta".into(),
                    None => String::new(),
                },
            ),
            "period" => v.clone_into(&mut period_want),
            other => panic!("gold line {}: unknown extra key {other}", g.line),
        }
    }
    let period_got = f.period.as_ref().map_or(String::new(), |p| {
        format!(
            "{}|{}|{}",
            p.text,
            p.from.as_deref().unwrap_or_default(),
            p.to.as_deref().unwrap_or_default()
        )
    });
    field("period", &period_want, period_got);
    bad
}

#[test]
fn every_figure_of_the_seed_matches_the_gold_list() {
    let got = extract::extract(SOURCE).figures;
    let want = gold();
    let mut report = Vec::new();
    for (i, g) in want.iter().enumerate() {
        match got.get(i) {
            Some(f) => {
                for b in check(g, f) {
                    report.push(format!(
                        "gold line {} ({}), figure {} {:?}: {b}",
                        g.line, g.text, f.id, f.text
                    ));
                }
            }
            None => report.push(format!("gold line {} ({}): missing", g.line, g.text)),
        }
        if report.len() > 40 {
            break;
        }
    }
    for f in got.iter().skip(want.len()) {
        report.push(format!(
            "extra figure {} {:?} ({})",
            f.id,
            f.text,
            f.kind.as_str()
        ));
    }
    assert!(
        report.is_empty() && got.len() == want.len(),
        "{} of {} gold figures, {} extracted; mismatches:\n{}",
        want.len(),
        want.len(),
        got.len(),
        report.join("\n")
    );
}

#[test]
fn no_date_or_name_is_an_amount() {
    for f in extract::extract(SOURCE).figures {
        let chars: Vec<char> = f.text.chars().collect();
        let year = chars
            .windows(5)
            .any(|w| w[..4].iter().all(char::is_ascii_digit) && w[4] == '年');
        if year {
            assert_eq!(f.kind, Kind::Date, "{}", f.text);
        }
        for name in [
            "五免一享",
            "两项补贴",
            "三年计划",
            "六大",
            "一体化",
            "一线",
            "两年攻坚行动",
        ] {
            if f.text.contains(name) {
                assert_eq!(f.kind, Kind::Name, "{}", f.text);
            }
        }
    }
}

#[test]
fn spans_cut_out_the_figure_text() {
    let chars: Vec<char> = SOURCE.chars().collect();
    let ex = extract::extract(SOURCE);
    for f in &ex.figures {
        let cut: String = chars[f.start..f.end].iter().collect();
        assert_eq!(cut, f.text, "{}", f.id);
        let s = &ex.sentences[f.sentence];
        assert!(
            s.start <= f.start && f.end <= s.end,
            "{} outside its sentence",
            f.id
        );
        assert_eq!(s.section, f.section);
    }
}

#[test]
fn repeated_figures_know_each_other() {
    let figs = extract::extract(SOURCE).figures;
    let employment: Vec<&Figure> = figs.iter().filter(|f| f.text == "4.83万人次").collect();
    assert_eq!(employment.len(), 3);
    for f in &employment {
        assert_eq!(f.same_as.len(), 2, "{}", f.id);
        assert!(!f.same_as.contains(&f.id));
    }
    let from = figs
        .iter()
        .find(|f| f.text == "每人每年1.2万元")
        .expect("change from");
    let to = figs
        .iter()
        .find(|f| f.text == "每人每年2万元")
        .expect("change to");
    assert_eq!(
        from.change.as_ref().map(|c| c.other.as_str()),
        Some(to.id.as_str())
    );
    assert_eq!(
        to.change.as_ref().map(|c| c.other.as_str()),
        Some(from.id.as_str())
    );
}

#[test]
fn sections_follow_the_headlines() {
    let ex = extract::extract(SOURCE);
    let heads: Vec<Option<&str>> = ex.sections.iter().map(|s| s.headline.as_deref()).collect();
    assert_eq!(
        heads,
        vec![
            None,
            Some("实现贫困劳动力 转移就业4.83万人次"),
            Some("打造公益品牌 惠及困难群众363.6万人"),
            Some("全市农村自来水普及率已达98%"),
            Some("新增贫困残疾人就业0.35万人"),
            Some("到2024年年底前 实现城乡社会救助标准一体化"),
        ]
    );
}
