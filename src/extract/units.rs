//! Units after a number: the written form, its canonical unit and dimension, and the
//! power of ten that scales it to the canonical unit (万元 → 元 × 10^4).

use crate::model::{Dimension, Kind};

/// A unit as written, with what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unit {
    pub written: &'static str,
    pub canonical: &'static str,
    pub dimension: Dimension,
    /// Power of ten from the written to the canonical unit (万元 is 4).
    pub exp: u32,
    pub kind: Kind,
}

const fn u(
    written: &'static str,
    canonical: &'static str,
    dimension: Dimension,
    exp: u32,
    kind: Kind,
) -> Unit {
    Unit {
        written,
        canonical,
        dimension,
        exp,
        kind,
    }
}

use Dimension as D;
use Kind as K;

/// Every unit we know. Matching takes the longest written form, so `个百分点` wins over
/// `个`, `人次` over `人`, `万元` over `万`.
pub const UNITS: &[Unit] = &[
    // Money. Scale words are usually taken by the numeral (`8944万` then `元`); these
    // entries catch a scale the numeral could not take (`2000多万元`).
    u("元", "元", D::Money, 0, K::Amount),
    u("圆", "元", D::Money, 0, K::Amount),
    u("万元", "元", D::Money, 4, K::Amount),
    u("亿元", "元", D::Money, 8, K::Amount),
    u("萬元", "元", D::Money, 4, K::Amount),
    u("億元", "元", D::Money, 8, K::Amount),
    // Foreign currencies are their own units, never 元.
    u("美元", "美元", D::Money, 0, K::Amount),
    u("万美元", "美元", D::Money, 4, K::Amount),
    u("亿美元", "美元", D::Money, 8, K::Amount),
    u("欧元", "欧元", D::Money, 0, K::Amount),
    u("港元", "港元", D::Money, 0, K::Amount),
    u("港币", "港元", D::Money, 0, K::Amount),
    u("港幣", "港元", D::Money, 0, K::Amount),
    u("新台币", "新台币", D::Money, 0, K::Amount),
    u("新台幣", "新台币", D::Money, 0, K::Amount),
    u("台币", "新台币", D::Money, 0, K::Amount),
    u("台幣", "新台币", D::Money, 0, K::Amount),
    u("新臺幣", "新台币", D::Money, 0, K::Amount),
    u("臺幣", "新台币", D::Money, 0, K::Amount),
    u("日元", "日元", D::Money, 0, K::Amount),
    u("日圓", "日元", D::Money, 0, K::Amount),
    u("澳门元", "澳门元", D::Money, 0, K::Amount),
    u("澳門元", "澳门元", D::Money, 0, K::Amount),
    u("澳门币", "澳门元", D::Money, 0, K::Amount),
    u("澳門幣", "澳门元", D::Money, 0, K::Amount),
    u("英镑", "英镑", D::Money, 0, K::Amount),
    u("英鎊", "英镑", D::Money, 0, K::Amount),
    // 兆 before 元 is 10^12; before a physical unit it is mega- and the unit is its own.
    u("兆元", "元", D::Money, 12, K::Amount),
    // People and person-times.
    u("人次", "人次", D::PersonTimes, 0, K::Amount),
    u("人", "人", D::People, 0, K::Amount),
    u("名", "人", D::People, 0, K::Amount),
    u("位", "人", D::People, 0, K::Amount),
    u("户", "户", D::Households, 0, K::Amount),
    u("戶", "户", D::Households, 0, K::Amount),
    // Percentages; `个百分点` is an absolute difference, never a percent.
    u("%", "%", D::Percent, 0, K::Percent),
    u("％", "%", D::Percent, 0, K::Percent),
    // Per mille: the reader divides by ten (`7.52‰` is 0.752 %); see `figures`.
    u("‰", "%", D::Percent, 0, K::Percent),
    // Tenths: `九成` is 90 %; only after a single digit (see `figures`).
    u("成", "%", D::Percent, 1, K::Percent),
    u(
        "个百分点",
        "个百分点",
        D::PercentagePoints,
        0,
        K::PercentagePoint,
    ),
    u(
        "個百分點",
        "个百分点",
        D::PercentagePoints,
        0,
        K::PercentagePoint,
    ),
    u(
        "百分点",
        "个百分点",
        D::PercentagePoints,
        0,
        K::PercentagePoint,
    ),
    u("倍", "倍", D::Multiple, 0, K::Multiple),
    // Length, area, mass.
    u("公里", "公里", D::Length, 0, K::Amount),
    u("千米", "公里", D::Length, 0, K::Amount),
    u("米", "米", D::Length, 0, K::Amount),
    u("平方公里", "平方公里", D::Area, 0, K::Amount),
    u("平方米", "平方米", D::Area, 0, K::Amount),
    u("公顷", "公顷", D::Area, 0, K::Amount),
    u("亩", "亩", D::Area, 0, K::Amount),
    u("吨", "吨", D::Mass, 0, K::Amount),
    u("公斤", "公斤", D::Mass, 0, K::Amount),
    u("千克", "公斤", D::Mass, 0, K::Amount),
    u("斤", "斤", D::Mass, 0, K::Amount),
    // Volume, energy, power and the mega- units.
    u("立方米", "立方米", D::Volume, 0, K::Amount),
    u("千瓦时", "千瓦时", D::Energy, 0, K::Amount),
    u("千瓦時", "千瓦时", D::Energy, 0, K::Amount),
    u("千瓦", "千瓦", D::Power, 0, K::Amount),
    u("兆瓦", "兆瓦", D::Power, 0, K::Amount),
    u("兆帕", "兆帕", D::Pressure, 0, K::Amount),
    u("兆赫", "兆赫", D::Frequency, 0, K::Amount),
    u("兆赫兹", "兆赫", D::Frequency, 0, K::Amount),
    // Transport work and counts of visits, each its own unit.
    u("人公里", "人公里", D::Turnover, 0, K::Amount),
    u("吨公里", "吨公里", D::Turnover, 0, K::Amount),
    u("家次", "家次", D::Items, 0, K::Amount),
    u("户次", "户次", D::Households, 0, K::Amount),
    u("戶次", "户次", D::Households, 0, K::Amount),
    u("列次", "列次", D::Items, 0, K::Amount),
    u("架次", "架次", D::Items, 0, K::Amount),
    u("艘次", "艘次", D::Items, 0, K::Amount),
    // Age and time spans.
    u("周岁", "岁", D::Age, 0, K::Amount),
    u("岁", "岁", D::Age, 0, K::Amount),
    u("歲", "岁", D::Age, 0, K::Amount),
    // Traditional forms, as served by mirror sites.
    u("噸", "吨", D::Mass, 0, K::Amount),
    u("畝", "亩", D::Area, 0, K::Amount),
    u("張", "张", D::Items, 0, K::Amount),
    u("項", "项", D::Items, 0, K::Amount),
    u("條", "条", D::Items, 0, K::Amount),
    u("輛", "辆", D::Items, 0, K::Amount),
    u("間", "间", D::Items, 0, K::Amount),
    u("萬噸", "吨", D::Mass, 4, K::Amount),
    u("萬人", "人", D::People, 4, K::Amount),
    u("个月", "月", D::Time, 0, K::Duration),
    u("個月", "月", D::Time, 0, K::Duration),
    u("年", "年", D::Time, 0, K::Duration),
    u("天", "天", D::Time, 0, K::Duration),
    // A day count; `3月7日` and a lone `7日` are dates, typed before units are read.
    u("日", "天", D::Time, 0, K::Duration),
    u("小时", "小时", D::Time, 0, K::Duration),
    u("小時", "小时", D::Time, 0, K::Duration),
    u("个工作日", "天", D::Time, 0, K::Duration),
    u("個工作日", "天", D::Time, 0, K::Duration),
    u("个小时", "小时", D::Time, 0, K::Duration),
    u("個小時", "小时", D::Time, 0, K::Duration),
    u("周", "周", D::Time, 0, K::Duration),
    // Item classifiers, each its own unit.
    u("个", "个", D::Items, 0, K::Amount),
    u("個", "个", D::Items, 0, K::Amount),
    u("座", "座", D::Items, 0, K::Amount),
    u("处", "处", D::Items, 0, K::Amount),
    u("處", "处", D::Items, 0, K::Amount),
    u("张", "张", D::Items, 0, K::Amount),
    u("家", "家", D::Items, 0, K::Amount),
    u("所", "所", D::Items, 0, K::Amount),
    u("项", "项", D::Items, 0, K::Amount),
    u("件", "件", D::Items, 0, K::Amount),
    u("台", "台", D::Items, 0, K::Amount),
    u("辆", "辆", D::Items, 0, K::Amount),
    u("套", "套", D::Items, 0, K::Amount),
    u("间", "间", D::Items, 0, K::Amount),
    u("条", "条", D::Items, 0, K::Amount),
    u("批", "批", D::Items, 0, K::Amount),
    u("场", "场", D::Items, 0, K::Amount),
    u("次", "次", D::Items, 0, K::Amount),
    u("篇", "篇", D::Items, 0, K::Amount),
    u("份", "份", D::Items, 0, K::Amount),
    u("棵", "棵", D::Items, 0, K::Amount),
    u("株", "株", D::Items, 0, K::Amount),
    u("头", "头", D::Items, 0, K::Amount),
    u("只", "只", D::Items, 0, K::Amount),
    u("栋", "栋", D::Items, 0, K::Amount),
    u("支", "支", D::Items, 0, K::Amount),
    u("类", "类", D::Items, 0, K::Amount),
    u("种", "种", D::Items, 0, K::Amount),
    u("期", "期", D::Items, 0, K::Amount),
    u("口", "口", D::Items, 0, K::Amount),
    u("村", "村", D::Items, 0, K::Amount),
    u("县", "县", D::Items, 0, K::Amount),
    u("册", "册", D::Items, 0, K::Amount),
    u("款", "款", D::Items, 0, K::Amount),
    u("宗", "宗", D::Items, 0, K::Amount),
    u("笔", "笔", D::Items, 0, K::Amount),
    u("架", "架", D::Items, 0, K::Amount),
    u("艘", "艘", D::Items, 0, K::Amount),
];

/// The longest unit written at `chars[at..]`, if any.
pub fn unit_at(chars: &[char], at: usize) -> Option<&'static Unit> {
    UNITS
        .iter()
        .filter(|u| starts_with(chars, at, u.written))
        .max_by_key(|u| u.written.chars().count())
}

/// Whether `chars[at..]` begins with `s`.
pub fn starts_with(chars: &[char], at: usize, s: &str) -> bool {
    (at..).zip(s.chars()).all(|(i, c)| chars.get(i) == Some(&c))
}

/// Whether `chars[..at]` ends with `s`.
pub fn ends_with(chars: &[char], at: usize, s: &str) -> bool {
    let n = s.chars().count();
    at >= n && chars[at - n..at].iter().copied().eq(s.chars())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(s: &str) -> Option<(&'static str, Dimension, u32)> {
        let chars: Vec<char> = s.chars().collect();
        unit_at(&chars, 0).map(|u| (u.canonical, u.dimension, u.exp))
    }

    #[test]
    fn longest_unit_wins() {
        let cases = [
            ("元", Some(("元", D::Money, 0))),
            ("万元", Some(("元", D::Money, 4))),
            ("亿元以上", Some(("元", D::Money, 8))),
            ("人次贫困人口", Some(("人次", D::PersonTimes, 0))),
            ("人,", Some(("人", D::People, 0))),
            ("名贫困家庭学生", Some(("人", D::People, 0))),
            ("个百分点", Some(("个百分点", D::PercentagePoints, 0))),
            ("个,惠及", Some(("个", D::Items, 0))),
            ("个月", Some(("月", D::Time, 0))),
            ("%", Some(("%", D::Percent, 0))),
            ("％", Some(("%", D::Percent, 0))),
            ("公里", Some(("公里", D::Length, 0))),
            ("平方公里", Some(("平方公里", D::Area, 0))),
            ("座", Some(("座", D::Items, 0))),
            ("岁残疾儿童", Some(("岁", D::Age, 0))),
            ("美元", Some(("美元", D::Money, 0))),
            ("港元", Some(("港元", D::Money, 0))),
            ("新台币", Some(("新台币", D::Money, 0))),
            ("台币", Some(("新台币", D::Money, 0))),
            ("台机器", Some(("台", D::Items, 0))),
            ("日元", Some(("日元", D::Money, 0))),
            ("澳门元", Some(("澳门元", D::Money, 0))),
            ("英镑", Some(("英镑", D::Money, 0))),
            ("兆元", Some(("元", D::Money, 12))),
            ("兆瓦", Some(("兆瓦", D::Power, 0))),
            ("兆帕", Some(("兆帕", D::Pressure, 0))),
            ("立方米", Some(("立方米", D::Volume, 0))),
            ("千瓦时", Some(("千瓦时", D::Energy, 0))),
            ("人公里", Some(("人公里", D::Turnover, 0))),
            ("家次", Some(("家次", D::Items, 0))),
            ("架次", Some(("架次", D::Items, 0))),
            ("户", Some(("户", D::Households, 0))),
            ("倍", Some(("倍", D::Multiple, 0))),
            ("亩", Some(("亩", D::Area, 0))),
            ("吨", Some(("吨", D::Mass, 0))),
            ("线", None),
            ("", None),
        ];
        for (s, want) in cases {
            assert_eq!(unit(s), want, "{s}");
        }
    }
}
