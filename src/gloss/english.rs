//! English for the parts of a figure that are not words: canonical units, dimensions
//! and values (`23048600` 元 → "23.05 million yuan"). Pure functions over the exact
//! decimal strings the extractor writes. Must not import ratatui, crossterm or clap.
//!
//! Value rules (tested below):
//! - below one million, the number as written with thousands separators
//!   (`48300` → "48,300", `63.15` → "63.15");
//! - from one million, in millions, billions or trillions (the largest not above the
//!   value), rounded half up to two decimals, trailing zeros dropped
//!   (`23048600` → "23.05 million", `302000000` → "302 million", `1.6e12` → "1.6
//!   trillion"); when rounding reaches 1,000 of a scale the next one is used
//!   (`999995000` → "1 billion"); trillions are the largest scale ("1,500 trillion");
//! - then the unit's English, singular only for a value of exactly 1 (`%` is attached:
//!   "98%"); bounds and approximations read "more than", "at least", "under",
//!   "at most", "about"; intervals "0–17 years old".

use crate::model::{Approx, Dimension, Figure, Shape};

/// English of a canonical unit: `(singular, plural)`.
const UNITS: &[(&str, &str, &str)] = &[
    ("元", "yuan", "yuan"),
    ("美元", "US dollar", "US dollars"),
    ("欧元", "euro", "euros"),
    ("港元", "Hong Kong dollar", "Hong Kong dollars"),
    ("新台币", "New Taiwan dollar", "New Taiwan dollars"),
    ("日元", "Japanese yen", "Japanese yen"),
    ("澳门元", "Macau pataca", "Macau patacas"),
    ("英镑", "pound sterling", "pounds sterling"),
    ("立方米", "cubic metre", "cubic metres"),
    ("千瓦时", "kilowatt-hour", "kilowatt-hours"),
    ("千瓦", "kilowatt", "kilowatts"),
    ("兆瓦", "megawatt", "megawatts"),
    ("兆帕", "megapascal", "megapascals"),
    ("兆赫", "megahertz", "megahertz"),
    ("人公里", "passenger-kilometre", "passenger-kilometres"),
    ("吨公里", "tonne-kilometre", "tonne-kilometres"),
    (
        "家次",
        "enterprise-time",
        "enterprise-times (each visit to an enterprise counted)",
    ),
    (
        "户次",
        "household-time",
        "household-times (each visit to a household counted)",
    ),
    ("列次", "train trip", "train trips"),
    ("架次", "flight", "flights (aircraft sorties)"),
    ("艘次", "ship call", "ship calls"),
    ("人次", "person-time", "person-times"),
    ("人", "person", "people"),
    ("户", "household", "households"),
    ("%", "percent", "percent"),
    ("个百分点", "percentage point", "percentage points"),
    ("倍", "time", "times"),
    ("公里", "km", "km"),
    ("米", "metre", "metres"),
    ("平方公里", "square km", "square km"),
    ("平方米", "square metre", "square metres"),
    ("公顷", "hectare", "hectares"),
    ("亩", "mu", "mu"),
    ("吨", "tonne", "tonnes"),
    ("公斤", "kg", "kg"),
    ("斤", "jin", "jin"),
    ("岁", "year old", "years old"),
    ("月", "month", "months"),
    ("年", "year", "years"),
    ("天", "day", "days"),
    ("小时", "hour", "hours"),
    ("周", "week", "weeks"),
    // Item classifiers: the English noun each usually counts in reports.
    ("个", "item", "items"),
    ("座", "structure", "structures"),
    ("处", "site", "sites"),
    ("张", "piece", "pieces"),
    ("家", "organization", "organizations"),
    ("所", "institution", "institutions"),
    ("项", "item", "items"),
    ("件", "case", "cases"),
    ("台", "machine", "machines"),
    ("辆", "vehicle", "vehicles"),
    ("套", "set", "sets"),
    ("间", "room", "rooms"),
    ("条", "line", "lines"),
    ("批", "batch", "batches"),
    ("场", "event", "events"),
    ("次", "time", "times"),
    ("篇", "article", "articles"),
    ("份", "copy", "copies"),
    ("棵", "tree", "trees"),
    ("株", "plant", "plants"),
    ("头", "head", "head"),
    ("只", "animal", "animals"),
    ("栋", "building", "buildings"),
    ("支", "team", "teams"),
    ("类", "category", "categories"),
    ("种", "kind", "kinds"),
    ("期", "round", "rounds"),
    ("口", "unit", "units"),
    ("村", "village", "villages"),
    ("县", "county", "counties"),
    ("册", "volume", "volumes"),
    ("款", "model", "models"),
    ("宗", "case", "cases"),
    ("笔", "transaction", "transactions"),
    ("架", "aircraft", "aircraft"),
    ("艘", "vessel", "vessels"),
];

/// The English of a canonical unit, plural (`人次` → "person-times").
pub fn unit_en(unit: &str) -> Option<&'static str> {
    UNITS.iter().find(|u| u.0 == unit).map(|u| u.2)
}

fn unit_for(unit: &str, one: bool) -> Option<&'static str> {
    UNITS
        .iter()
        .find(|u| u.0 == unit)
        .map(|u| if one { u.1 } else { u.2 })
}

/// What a dimension measures, in English.
pub fn dimension_en(d: Dimension) -> &'static str {
    match d {
        Dimension::Money => "money",
        Dimension::People => "people",
        Dimension::PersonTimes => "person-times (each visit or attendance counted)",
        Dimension::Households => "households",
        Dimension::Items => "items",
        Dimension::Percent => "percent",
        Dimension::PercentagePoints => "percentage points (a difference of percentages)",
        Dimension::Multiple => "multiple",
        Dimension::Length => "length",
        Dimension::Area => "area",
        Dimension::Mass => "mass",
        Dimension::Age => "age",
        Dimension::Time => "time span",
        Dimension::Volume => "volume",
        Dimension::Energy => "energy",
        Dimension::Power => "power",
        Dimension::Pressure => "pressure",
        Dimension::Frequency => "frequency",
        Dimension::Turnover => "transport turnover (load × distance)",
        Dimension::Count => "bare number",
        Dimension::None => "not a quantity",
    }
}

/// A number in English words for large values: see the module rules. `None` when
/// `exact` is not a plain decimal (`123`, `1.5`, optionally `-`).
pub fn number_en(exact: &str) -> Option<String> {
    let (neg, digits) = match exact.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", exact),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    if int.len() <= 6 {
        let whole = group(if int.is_empty() { "0" } else { int });
        return Some(if frac.is_empty() {
            format!("{neg}{whole}")
        } else {
            format!("{neg}{whole}.{frac}")
        });
    }
    // Values of 10^30 and more are refused by the extractor; u128 holds 10^38.
    let n: u128 = int.parse().ok()?;
    let mut exp = match int.len() {
        7..=9 => 6,
        10..=12 => 9,
        _ => 12,
    };
    loop {
        // Hundredths of the scale, rounded half up. The fraction cannot change a half-up
        // rounding at two decimals of a million or more, so only `int` counts.
        let unit = 10u128.pow(exp - 2);
        let hundredths = (n + unit / 2) / unit;
        if hundredths >= 100_000 && exp < 12 {
            exp += 3;
            continue;
        }
        let whole = group(&(hundredths / 100).to_string());
        let cents = hundredths % 100;
        let num = match cents {
            0 => whole,
            c if c.is_multiple_of(10) => format!("{whole}.{}", c / 10),
            c => format!("{whole}.{c:02}"),
        };
        let word = match exp {
            6 => "million",
            9 => "billion",
            _ => "trillion",
        };
        return Some(format!("{neg}{num} {word}"));
    }
}

fn group(int: &str) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A value with its unit in English (`"23048600"`, `元` → "23.05 million yuan").
pub fn value_en(exact: &str, unit: Option<&str>) -> Option<String> {
    let num = number_en(exact)?;
    Some(with_unit(num, unit, is_one(exact)))
}

fn is_one(exact: &str) -> bool {
    exact.trim_end_matches('0').trim_end_matches('.') == "1"
}

fn with_unit(num: String, unit: Option<&str>, one: bool) -> String {
    match unit {
        None => num,
        Some("%") => format!("{num}%"),
        Some(u) => match unit_for(u, one) {
            Some(en) => format!("{num} {en}"),
            // A unit this table does not know stays as written rather than vanishing.
            None => format!("{num} {u}"),
        },
    }
}

/// A figure's value in English, with its bound or approximation ("more than 300
/// items", "about 3.7 billion yuan", "0–17 years old"). `None` for figures that are
/// not quantities or have no exact value.
pub fn figure_value_en(f: &Figure) -> Option<String> {
    if !f.kind.is_quantity() {
        return None;
    }
    let exact = f.exact.as_deref()?;
    let unit = f.unit.as_deref();
    if let (Shape::Interval, Some(high)) = (f.shape, f.exact_high.as_deref()) {
        let range = format!("{}–{}", number_en(exact)?, number_en(high)?);
        let range = with_unit(range, unit, false);
        return Some(match f.approx {
            Approx::About => format!("about {range}"),
            Approx::Exact => range,
        });
    }
    let value = value_en(exact, unit)?;
    let prefix = match (f.shape, f.inclusive, f.approx) {
        (Shape::LowerBound, Some(true), _) => "at least ",
        (Shape::LowerBound, _, _) => "more than ",
        (Shape::UpperBound, Some(true), _) => "at most ",
        (Shape::UpperBound, _, _) => "under ",
        (_, _, Approx::About) => "about ",
        _ => "",
    };
    Some(format!("{prefix}{value}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_in_millions_billions_and_trillions() {
        let cases = [
            ("0", "0"),
            ("943", "943"),
            ("48300", "48,300"),
            ("999999", "999,999"),
            ("63.15", "63.15"),
            ("0.35", "0.35"),
            ("1000000", "1 million"),
            ("3636000", "3.64 million"),
            ("15261100", "15.26 million"),
            ("23048600", "23.05 million"),
            ("302000000", "302 million"),
            ("3700000000", "3.7 billion"),
            ("1674000000", "1.67 billion"),
            ("1600000000000", "1.6 trillion"),
            ("1500000000000000", "1,500 trillion"),
            ("999994999", "999.99 million"),
            ("999995000", "1 billion"),
            ("1005000", "1.01 million"),
            ("1004999.9", "1 million"),
            ("-2500000", "-2.5 million"),
        ];
        for (exact, want) in cases {
            assert_eq!(number_en(exact).as_deref(), Some(want), "{exact}");
        }
        for bad in ["", "abc", "1.2.3", "1e6", "٣"] {
            assert_eq!(number_en(bad), None, "{bad}");
        }
    }

    #[test]
    fn values_take_the_units_english_singular_only_for_one() {
        let cases = [
            ("23048600", Some("元"), "23.05 million yuan"),
            ("302000000", Some("元"), "302 million yuan"),
            ("1600000000000", None, "1.6 trillion"),
            ("48300", Some("人次"), "48,300 person-times"),
            ("1", Some("人"), "1 person"),
            ("1.0", Some("户"), "1 household"),
            ("2", Some("户"), "2 households"),
            ("98", Some("%"), "98%"),
            ("2", Some("个百分点"), "2 percentage points"),
            ("40000", Some("公里"), "40,000 km"),
            ("5", Some("光年"), "5 光年"),
        ];
        for (exact, unit, want) in cases {
            assert_eq!(
                value_en(exact, unit).as_deref(),
                Some(want),
                "{exact} {unit:?}"
            );
        }
    }

    #[test]
    fn every_canonical_unit_of_the_extractor_has_english() {
        for u in crate::extract::units::UNITS {
            assert!(
                unit_en(u.canonical).is_some(),
                "no English for canonical unit `{}` (written `{}`)",
                u.canonical,
                u.written
            );
        }
    }

    #[test]
    fn every_dimension_has_english() {
        for d in Dimension::ALL {
            assert!(!dimension_en(d).is_empty(), "{d:?}");
        }
    }
}
