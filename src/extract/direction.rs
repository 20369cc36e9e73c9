//! The direction a figure states a change in (`下降2.1%` down, `增加3.2万人` up). A
//! direction word is not a sign: the value stays as written and the direction is kept
//! beside it (FIGURES.md, "Signs, directions and periods"). Reads chars only; must not
//! import the rest of the extractor.

use crate::model::Direction;

/// Verbs of a change, longest first so `下降` wins over `降`. A verb followed by 到/至/为
/// states the level reached, not the change, and never gets here: it must end right
/// before the figure.
/// The flag marks verbs that also take an object (`改造提升20处敬老院` upgrades 20
/// homes): before a count of items they state no change.
const VERBS: &[(&str, Direction, bool)] = &[
    ("增长", Direction::Up, false),
    ("增長", Direction::Up, false),
    ("增加", Direction::Up, false),
    ("提高", Direction::Up, true),
    ("提升", Direction::Up, true),
    ("上升", Direction::Up, false),
    ("上涨", Direction::Up, false),
    ("上漲", Direction::Up, false),
    ("扩大", Direction::Up, true),
    ("擴大", Direction::Up, true),
    ("上调", Direction::Up, true),
    ("回升", Direction::Up, false),
    ("攀升", Direction::Up, false),
    ("增", Direction::Up, false),
    ("涨", Direction::Up, false),
    ("下降", Direction::Down, false),
    ("减少", Direction::Down, false),
    ("減少", Direction::Down, false),
    ("降低", Direction::Down, true),
    ("下调", Direction::Down, true),
    ("缩小", Direction::Down, true),
    ("縮小", Direction::Down, true),
    ("下滑", Direction::Down, false),
    ("下跌", Direction::Down, false),
    ("回落", Direction::Down, false),
    ("收窄", Direction::Down, true),
    ("降", Direction::Down, false),
    ("减", Direction::Down, false),
    ("減", Direction::Down, false),
    ("跌", Direction::Down, false),
];

/// The direction stated by a verb that ends just before `start` (a `了` and spaces
/// between are allowed), looking no further back than `floor`. `items` says the figure
/// counts things (`20处`), which a transitive verb takes as its object.
pub fn before(chars: &[char], start: usize, floor: usize, items: bool) -> Option<Direction> {
    let mut end = start;
    while end > floor && (chars[end - 1] == '了' || chars[end - 1].is_whitespace()) {
        end -= 1;
    }
    VERBS.iter().find_map(|&(verb, d, transitive)| {
        let n = verb.chars().count();
        if transitive && items {
            return None;
        }
        if end < floor + n || !chars[end - n..end].iter().copied().eq(verb.chars()) {
            return None;
        }
        // 新增3000人 counts what is new, 递增 and 递减 name a trend: no change stated.
        let prefix = (end - n > floor).then(|| chars[end - n - 1]);
        (n > 1 || !matches!(prefix, Some('新' | '递' | '遞'))).then_some(d)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verb_right_before_the_figure_gives_its_direction() {
        let cases = [
            ("比上年下降", Some(Direction::Down)),
            ("同比增加了", Some(Direction::Up)),
            ("增长 ", Some(Direction::Up)),
            ("降", Some(Direction::Down)),
            ("新增", None),
            ("下降到", None),
            ("增加值", None),
            ("共有", None),
        ];
        let chars: Vec<char> = "改造提升".chars().collect();
        assert_eq!(before(&chars, chars.len(), 0, true), None);
        assert_eq!(before(&chars, chars.len(), 0, false), Some(Direction::Up));
        for (s, want) in cases {
            let chars: Vec<char> = s.chars().collect();
            assert_eq!(before(&chars, chars.len(), 0, false), want, "{s}");
        }
    }
}
