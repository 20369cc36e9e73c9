//! Numerals: Arabic (with decimals, thousands separators, full-width digits and scale
//! words), Chinese (strict, colloquial, financial, traditional), and mixed forms.
//!
//! Pure functions over `&[char]`; positions are char indices. No terminal code, no I/O.
//!
//! One left-to-right pass reads the numeral as *terms* (`三千`, `五百`, `2000万`), each a
//! value and the level of the unit that made it (十 1, 百 2, 千 3, 万 4, 亿 8, and 12 for a
//! stacked `万亿`, so `1万亿零500亿` reads as 1.05 × 10^12), kept on a
//! stack of strictly decreasing levels. A unit multiplies every term below its level
//! (`三千五百万`: 3500 × 10^4), which is what makes `千万`, `万亿`, `十万` work without a
//! table of compounds. After each accepted token the value of the prefix read so far is
//! recorded; the first token that breaks the grammar ends the numeral at the last
//! recorded prefix, so `end` is always the longest *valid* numeral, never a guess.
//!
//! Decisions callers rely on:
//! - `万万` / `亿亿` (older usage: 四万万 = 4 × 10^8) are accepted, so `一万万万…` runs
//!   grow until they pass 10^30 and then come back as `value: None`, "too large", with
//!   `end` after the whole run. `一万二千万` (12000 万, also older usage) is recognised
//!   but not valued: `value: None`, "malformed digit sequence", `end` after the last 万.
//! - A unit that cannot follow a unit is left out: `3万千瓦` → 3万, `1亿万人` → 1亿,
//!   `万元` → none. A unit refused right after a number takes that number with it:
//!   `1亿20000万` → 1亿 (end before `2`), `三百四百` → 三百; the caller will find the
//!   rest as a numeral of its own.
//! - `十` alone is 10; `拾` alone is not a numeral (收拾). A lone financial digit is a
//!   numeral only before a money word (`伍元` yes, `队伍` / `陆续` no).
//! - A bare digit after a unit is the next lower unit (`三万五` 35000, `三亿五` 3.5亿) only
//!   when the last term is one digit times one unit; after a compound (`十万八`,
//!   `三千万五`) it is a guess, so that prefix is `value: None`, "ambiguous colloquial
//!   numeral" (`十万八千` is fine). After 零 the digit is plain (`一千零五` 1005).
//! - Ranges (`三四十万`, `十七八万`, `三四个`) and plan names (`十三五`) are recognised with
//!   `value: None` so that the caller can skip them instead of mis-reading them.
//! - `点` after an Arabic number is not a decimal point (`3点` is a time), and a Chinese
//!   `点` followed by `分` / `刻` / `十` / `时` is a time too (`十点三十分` → 10).
//! - `兆` is never a scale word (10^6 or 10^12 depending on the writer).

use super::decimal::Decimal;

/// The value passed 10^30 (or a scale exponent that large).
pub const WARN_TOO_LARGE: &str = "too large";
/// More than 18 decimal places; rounding would make the value silently wrong.
pub const WARN_TOO_PRECISE: &str = "too many decimal places";
/// Two neighbouring digits that mean "n or n+1" (`三四十`, `十七八万`, `三四个`).
pub const WARN_RANGE: &str = "approximate range, not one number";
/// A Five-Year Plan name such as `十三五`, which reads like a number but is not one.
pub const WARN_PLAN_NAME: &str = "five-year plan name, not a number";
/// Digits that cannot be read as one number (`二〇万`, `十二三九`).
pub const WARN_MALFORMED: &str = "malformed digit sequence";
/// A bare digit after a compound term (`十万八`, `三千万五`): 108000 or 180000?
pub const WARN_AMBIGUOUS: &str = "ambiguous colloquial numeral";

/// How a numeral is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Only Arabic digits (ASCII or full-width), with an optional decimal part.
    Arabic,
    /// Arabic digits followed by scale words (`4.83万`, `1.6万亿`).
    ArabicScaled,
    /// Chinese numeral characters (`三万五`, `一千零一`, `廿`).
    Chinese,
    /// Chinese digits written one by one without units (`二〇二〇`), typical of years.
    ChineseDigits,
    /// Financial numerals (`壹拾壹`, `玖仟陆佰`).
    Financial,
    /// Arabic and Chinese mixed (`1万600`, `200亿零四千230`, `一百点123`).
    Mixed,
}

/// A numeral found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Numeral {
    /// `None` when the numeral is recognised but its value cannot be trusted (too large,
    /// malformed); `warning` then says why.
    pub value: Option<Decimal>,
    /// Char span in the input, end exclusive.
    pub start: usize,
    pub end: usize,
    pub form: Form,
    pub warning: Option<&'static str>,
}

/// The longest numeral that begins exactly at `start`, or `None` if none does.
///
/// Time is linear in the length of the numeral (plus one look-ahead char).
pub fn parse_at(chars: &[char], start: usize) -> Option<Numeral> {
    let &first = chars.get(start)?;
    let mut p = Parser::new(chars, start);
    match digit_run(chars, start) {
        Run::Done(n) => return n,
        Run::BeforeUnit {
            warning,
            last_digit,
        } => {
            p.warning = Some(warning);
            p.pos = last_digit;
            p.run();
            return p.best.or(Some(Numeral {
                value: None,
                start,
                end: last_digit + 1,
                form: Form::Chinese,
                warning: Some(warning),
            }));
        }
        Run::Absent => {}
    }
    match class(first) {
        // 十 is the one unit that stands for itself: 十五, 十万.
        Ch::Unit(1, false) => p.begin_with_term(Decimal::from_u64(10)),
        Ch::Tens(t) => p.begin_with_term(Decimal::from_u64(10 * u64::from(t))),
        Ch::Unit(..) | Ch::Point | Ch::Other => return None,
        Ch::Arabic | Ch::Digit(..) | Ch::Zero(_) => {}
    }
    p.run();
    let best = p.best?;
    if best.form == Form::Financial && best.end - best.start == 1 && !p.units_at_best {
        // 伍 and 陆 are everyday characters (队伍, 陆续); alone they are numbers only
        // where money follows.
        let money = chars
            .get(best.end)
            .is_some_and(|c| "元圆圓角分整".contains(*c));
        return money.then_some(best);
    }
    Some(best)
}

/// Parses a whole string (surrounding white space ignored) as a single numeral.
pub fn parse_number(s: &str) -> Option<Decimal> {
    let chars: Vec<char> = s.trim().chars().collect();
    let n = parse_at(&chars, 0)?;
    if n.end == chars.len() { n.value } else { None }
}

/// Whether `c` can start a numeral or continue one. The point and separator characters
/// (`.` `．` `,` `，` `点` `點`), which only ever continue one, are not included.
pub fn is_numeral_char(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "零〇○一二两三四五六七八九十百千万亿壹贰貳貮叁參叄肆伍陆陸柒捌玖拾佰仟萬億兩廿卅卌"
            .contains(c)
}

/// Writes `n` in strict standard Chinese numerals (`一千零一万零一`, `十五`, `一百一十`).
/// Values of 10^16 and above use `亿亿`, which `parse_at` reads back.
pub fn to_chinese(n: u64) -> String {
    const E8: u64 = 100_000_000;
    const E16: u64 = E8 * E8;
    let mut out = String::new();
    if n == 0 {
        out.push('零');
        return out;
    }
    let (high, rest) = (n / E16, n % E16);
    if high > 0 {
        push_section(&mut out, high, true);
        out.push_str("亿亿");
        if rest > 0 {
            if rest < E16 / 10 {
                out.push('零');
            }
            push_below_e16(&mut out, rest, false);
        }
    } else {
        push_below_e16(&mut out, rest, true);
    }
    out
}

/// `n` in 1..10^16.
fn push_below_e16(out: &mut String, n: u64, leading: bool) {
    const E8: u64 = 100_000_000;
    let (high, low) = (n / E8, n % E8);
    if high == 0 {
        push_below_e8(out, low, leading);
        return;
    }
    push_below_e8(out, high, leading);
    out.push('亿');
    if low > 0 {
        if low < E8 / 10 {
            out.push('零');
        }
        push_below_e8(out, low, false);
    }
}

/// `n` in 1..10^8.
fn push_below_e8(out: &mut String, n: u64, leading: bool) {
    let (high, low) = (n / 10_000, n % 10_000);
    if high == 0 {
        push_section(out, low, leading);
        return;
    }
    push_section(out, high, leading);
    out.push('万');
    if low > 0 {
        if low < 1000 {
            out.push('零');
        }
        push_section(out, low, false);
    }
}

/// `n` in 1..10^4. Only the very first section of a number says `十五` rather than
/// `一十五`; inside a number the `一` is required (`一百一十`, `一万零一十`).
fn push_section(out: &mut String, n: u64, leading: bool) {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const UNITS: [&str; 4] = ["", "十", "百", "千"];
    let digits = [n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10];
    let mut started = false;
    let mut gap = false;
    for (i, &d) in digits.iter().enumerate() {
        let unit = 3 - i;
        if d == 0 {
            gap |= started;
            continue;
        }
        if gap {
            out.push('零');
            gap = false;
        }
        if !(leading && !started && d == 1 && unit == 1) {
            out.push(DIGITS[d as usize]);
        }
        out.push_str(UNITS[unit]);
        started = true;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ch {
    /// ASCII or full-width digit.
    Arabic,
    /// A Chinese digit 1-9; `true` for the financial forms.
    Digit(u8, bool),
    /// 零 〇 ○ (the last is a common stand-in for 〇 in years).
    Zero(char),
    /// A unit and its level (十 1 … 亿 8); `true` for the financial forms 拾 佰 仟.
    Unit(u32, bool),
    /// 廿 卅 卌: 20, 30, 40, as the tens digit.
    Tens(u8),
    Point,
    Other,
}

fn class(c: char) -> Ch {
    match c {
        '0'..='9' | '０'..='９' => Ch::Arabic,
        '零' | '〇' | '○' => Ch::Zero(c),
        '一' => Ch::Digit(1, false),
        '二' | '两' | '兩' => Ch::Digit(2, false),
        '三' => Ch::Digit(3, false),
        '四' => Ch::Digit(4, false),
        '五' => Ch::Digit(5, false),
        '六' => Ch::Digit(6, false),
        '七' => Ch::Digit(7, false),
        '八' => Ch::Digit(8, false),
        '九' => Ch::Digit(9, false),
        '壹' => Ch::Digit(1, true),
        '贰' | '貳' | '貮' => Ch::Digit(2, true),
        '叁' | '參' | '叄' => Ch::Digit(3, true),
        '肆' => Ch::Digit(4, true),
        '伍' => Ch::Digit(5, true),
        '陆' | '陸' => Ch::Digit(6, true),
        '柒' => Ch::Digit(7, true),
        '捌' => Ch::Digit(8, true),
        '玖' => Ch::Digit(9, true),
        '十' => Ch::Unit(1, false),
        '拾' => Ch::Unit(1, true),
        '百' => Ch::Unit(2, false),
        '佰' => Ch::Unit(2, true),
        '千' => Ch::Unit(3, false),
        '仟' => Ch::Unit(3, true),
        '万' | '萬' => Ch::Unit(4, false),
        '亿' | '億' => Ch::Unit(8, false),
        '廿' => Ch::Tens(2),
        '卅' => Ch::Tens(3),
        '卌' => Ch::Tens(4),
        '点' | '點' => Ch::Point,
        _ => Ch::Other,
    }
}

fn arabic_digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

fn is_arabic_digit_at(chars: &[char], i: usize) -> bool {
    chars.get(i).copied().and_then(arabic_digit).is_some()
}

/// Reads `123`, `6,688`, `4.83`, `１２．５` at `i`: ASCII digits of the integer and
/// fractional parts, and the end.
fn scan_arabic(chars: &[char], i: usize) -> (String, String, usize) {
    let mut int = String::new();
    let mut j = i;
    while let Some(d) = chars.get(j).copied().and_then(arabic_digit) {
        int.push(char::from(b'0' + d));
        j += 1;
    }
    // Only strict grouping is a thousands separator: `829个,惠及` and `1,2` are lists.
    if int.len() <= 3 {
        while matches!(chars.get(j), Some(',' | '，'))
            && (1..=3).all(|k| is_arabic_digit_at(chars, j + k))
            && !is_arabic_digit_at(chars, j + 4)
        {
            for k in 1..=3 {
                if let Some(d) = chars.get(j + k).copied().and_then(arabic_digit) {
                    int.push(char::from(b'0' + d));
                }
            }
            j += 4;
        }
    }
    let mut frac = String::new();
    if matches!(chars.get(j), Some('.' | '．')) && is_arabic_digit_at(chars, j + 1) {
        j += 1;
        while let Some(d) = chars.get(j).copied().and_then(arabic_digit) {
            frac.push(char::from(b'0' + d));
            j += 1;
        }
    }
    (int, frac, j)
}

/// A plain Chinese digit as used in digit-by-digit writing (years, ranges).
fn run_digit(c: char) -> Option<u8> {
    match class(c) {
        Ch::Zero(_) => Some(0),
        Ch::Digit(d, false) => Some(d),
        _ => None,
    }
}

enum Run {
    /// Fewer than two digits in a row: an ordinary numeral, if any.
    Absent,
    /// The answer for a run not followed by a unit.
    Done(Option<Numeral>),
    /// A run followed by a unit (`三四十万`): read on from its last digit, with a warning.
    BeforeUnit {
        warning: &'static str,
        last_digit: usize,
    },
}

fn digit_run(chars: &[char], start: usize) -> Run {
    let mut end = start;
    let mut digits = String::new();
    let mut has_liang = false;
    while let Some(&c) = chars.get(end) {
        let Some(d) = run_digit(c) else { break };
        has_liang |= matches!(c, '两' | '兩');
        // Only the first few digits matter for the range test; the string is for the
        // value, which fails fast on overflow.
        digits.push(char::from(b'0' + d));
        end += 1;
    }
    if end - start < 2 {
        return Run::Absent;
    }
    let b = digits.as_bytes();
    let pair_range = b.len() == 2 && b[0] != b'0' && b[0] + 1 == b[1];
    let before_unit = chars
        .get(end)
        .is_some_and(|&c| matches!(class(c), Ch::Unit(..)));
    if before_unit {
        return Run::BeforeUnit {
            warning: if pair_range {
                WARN_RANGE
            } else {
                WARN_MALFORMED
            },
            last_digit: end - 1,
        };
    }
    if pair_range {
        return Run::Done(Some(Numeral {
            value: None,
            start,
            end,
            form: Form::Chinese,
            warning: Some(WARN_RANGE),
        }));
    }
    if has_liang {
        // 两 is never used in digit-by-digit writing: `两两` is a word.
        return Run::Absent;
    }
    let value = Decimal::from_digits(&digits, "");
    Run::Done(Some(Numeral {
        value,
        start,
        end,
        form: Form::ChineseDigits,
        warning: value.is_none().then_some(WARN_TOO_LARGE),
    }))
}

/// Whether `v < 10^k`; true when 10^k does not fit, as every Decimal is below 10^30.
fn below_pow10(v: Decimal, k: u32) -> bool {
    10u128.checked_pow(k).is_none_or(|p| v.parts().0 < p)
}

/// A value made by a unit. `level` is the power of ten below which later terms must stay:
/// the unit's own (百 2, 万 4) or, for stacked big units, their sum (万亿 12, 万万 8).
#[derive(Debug, Clone, Copy)]
struct Term {
    value: Decimal,
    level: u32,
    /// One digit times one unit (`三万`, `1亿`): only then is a bare digit after it
    /// clearly the next lower unit (`三万五`).
    simple: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PendKind {
    Arabic {
        frac: bool,
    },
    /// One Chinese digit (0 only for a leading 零).
    Digit(u8),
    /// Everything before a Chinese `点` plus the fraction after it.
    Folded,
}

#[derive(Debug, Clone, Copy)]
struct Pending {
    value: Decimal,
    kind: PendKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    Value,
    Unit(u32),
    Zero,
    Point,
}

enum Total {
    Invalid,
    /// Complete, but its value is a guess (see `WARN_AMBIGUOUS`).
    Ambiguous,
    Overflow,
    Value(Decimal),
}

struct Parser<'a> {
    chars: &'a [char],
    start: usize,
    pos: usize,
    /// Terms with strictly decreasing levels; at most a few dozen, since a level above
    /// 38 overflows and switches to `greedy`.
    stack: Vec<Term>,
    /// A value not yet multiplied by a unit.
    pending: Option<Pending>,
    last: Last,
    /// A 零 since the last unit: the digit after it is a plain units digit, not the
    /// colloquial next-lower unit (`一千零五` is 1005, `一千五` is 1500).
    zero_gap: bool,
    /// After `点`, units at or below this level would re-scale only part of the number.
    floor: u32,
    /// A fractional value has been scaled: no further digits can follow (`4.83万人`).
    frac_locked: bool,
    point_seen: bool,
    /// The value is lost (overflow); only the extent of the numeral is still tracked.
    greedy: bool,
    warning: Option<&'static str>,
    arabic_tokens: u32,
    chinese_values: bool,
    financial: bool,
    units: bool,
    best: Option<Numeral>,
    units_at_best: bool,
    /// `best` as it was before the pending value began: when a unit right after that
    /// value is refused (`1亿20000万`), the value was meant to be scaled, so reading it
    /// unscaled (100020000) would be wrong; the numeral ends before it instead.
    before_pending: Option<(Option<Numeral>, bool)>,
}

impl<'a> Parser<'a> {
    fn new(chars: &'a [char], start: usize) -> Self {
        Parser {
            chars,
            start,
            pos: start,
            stack: Vec::new(),
            pending: None,
            last: Last::Nothing,
            zero_gap: false,
            floor: 0,
            frac_locked: false,
            point_seen: false,
            greedy: false,
            warning: None,
            arabic_tokens: 0,
            chinese_values: false,
            financial: false,
            units: false,
            best: None,
            units_at_best: false,
            before_pending: None,
        }
    }

    fn begin_with_term(&mut self, value: Decimal) {
        self.stack.push(Term {
            value,
            level: 1,
            simple: true,
        });
        self.last = Last::Unit(1);
        self.units = true;
        self.chinese_values = true;
        self.pos += 1;
        self.commit();
    }

    fn warn(&mut self, w: &'static str) {
        if self.warning.is_none() {
            self.warning = Some(w);
        }
    }

    fn fail(&mut self, w: &'static str) {
        self.warn(w);
        self.greedy = true;
    }

    fn form(&self) -> Form {
        if self.arabic_tokens > 0 {
            if self.arabic_tokens == 1 && !self.chinese_values {
                if self.units {
                    Form::ArabicScaled
                } else {
                    Form::Arabic
                }
            } else {
                Form::Mixed
            }
        } else if self.financial {
            Form::Financial
        } else {
            Form::Chinese
        }
    }

    /// Records the prefix read so far as the best numeral, if it is a complete one.
    fn commit(&mut self) {
        let value = if self.greedy {
            None
        } else {
            match self.group_value(0, true) {
                Total::Invalid => return,
                Total::Ambiguous => {
                    // Not `warn`: a later token may settle it (`十万八` + `千`).
                    self.best = Some(Numeral {
                        value: None,
                        start: self.start,
                        end: self.pos,
                        form: self.form(),
                        warning: Some(self.warning.unwrap_or(WARN_AMBIGUOUS)),
                    });
                    self.units_at_best = self.units;
                    return;
                }
                Total::Overflow => {
                    self.fail(WARN_TOO_LARGE);
                    None
                }
                Total::Value(v) => {
                    if self.warning.is_some() {
                        None
                    } else {
                        Some(v)
                    }
                }
            }
        };
        self.best = Some(Numeral {
            value,
            start: self.start,
            end: self.pos,
            form: self.form(),
            warning: self.warning,
        });
        self.units_at_best = self.units;
    }

    /// The value of `stack[from..]` plus the pending value. `colloquial` lets a bare
    /// digit after a unit stand for the next lower unit (`三万五`); inside a number
    /// about to be scaled (`三千五万`) that reading is too doubtful and is refused.
    fn group_value(&self, from: usize, colloquial: bool) -> Total {
        let terms = self.stack.get(from..).unwrap_or(&[]);
        let mut sum = Decimal::ZERO;
        for t in terms {
            match sum.checked_add(t.value) {
                Some(s) => sum = s,
                None => return Total::Overflow,
            }
        }
        let Some(p) = self.pending else {
            return if terms.is_empty() {
                Total::Invalid
            } else {
                Total::Value(sum)
            };
        };
        let tail = match (terms.last(), p.kind) {
            (None, _) => p.value,
            (Some(_), PendKind::Digit(_)) if self.zero_gap => p.value,
            (Some(t), PendKind::Digit(_)) => {
                if t.level <= 1 {
                    p.value
                } else if colloquial && !t.simple {
                    return Total::Ambiguous;
                } else if colloquial {
                    match p.value.mul_pow10(t.level - 1) {
                        Some(v) => v,
                        None => return Total::Overflow,
                    }
                } else {
                    return Total::Invalid;
                }
            }
            (Some(t), PendKind::Arabic { frac: false }) => {
                if below_pow10(p.value, t.level) {
                    p.value
                } else {
                    return Total::Invalid;
                }
            }
            (Some(_), _) => return Total::Invalid,
        };
        match sum.checked_add(tail) {
            Some(v) => Total::Value(v),
            None => Total::Overflow,
        }
    }

    fn run(&mut self) {
        while let Some(&c) = self.chars.get(self.pos) {
            let ok = if self.greedy {
                self.step_greedy(c)
            } else {
                match class(c) {
                    Ch::Arabic => self.arabic(),
                    Ch::Digit(d, fin) => self.digit(d, fin),
                    Ch::Zero(z) => self.zero(z),
                    Ch::Unit(u, fin) => {
                        let ok = self.apply_unit(u);
                        if ok {
                            self.financial |= fin;
                            self.pos += 1;
                            self.commit();
                        } else {
                            self.refused_unit(u);
                        }
                        ok
                    }
                    Ch::Point => self.point(),
                    Ch::Tens(_) | Ch::Other => false,
                }
            };
            if !ok {
                break;
            }
        }
    }

    /// Sets `best` for a numeral that ends because the unit of level `u` was refused.
    fn refused_unit(&mut self, u: u32) {
        if self.pending.is_some() {
            if let Some((best, units)) = self.before_pending.take() {
                self.best = best;
                self.units_at_best = units;
            }
        } else if let (Last::Unit(l), Some(best)) = (self.last, self.best.as_mut())
            && u >= 4
            && l < u
        {
            // `一万二千万`: the writer scaled the whole number again (old usage); reading
            // 12000 and leaving a stray 万 would be silently wrong.
            best.value = None;
            best.warning = Some(best.warning.unwrap_or(WARN_MALFORMED));
            best.end = self.pos + 1;
        }
    }

    /// Remembers `best` when a pending value begins.
    fn begin_pending(&mut self) {
        if self.pending.is_none() {
            self.before_pending = Some((self.best.clone(), self.units_at_best));
        }
    }

    /// After an overflow the value is gone; keep the numeral's extent honest by taking
    /// the rest of the run of numeral characters.
    fn step_greedy(&mut self, c: char) -> bool {
        match class(c) {
            Ch::Digit(..) | Ch::Unit(..) => {
                self.last = if matches!(class(c), Ch::Unit(..)) {
                    Last::Unit(0)
                } else {
                    Last::Value
                };
                self.pos += 1;
                self.commit();
                true
            }
            Ch::Zero(_) => {
                self.last = Last::Zero;
                self.pos += 1;
                true
            }
            Ch::Arabic if matches!(self.last, Last::Unit(_) | Last::Zero) => {
                let (_, _, end) = scan_arabic(self.chars, self.pos);
                self.last = Last::Value;
                self.pos = end;
                self.commit();
                true
            }
            _ => false,
        }
    }

    fn arabic(&mut self) -> bool {
        if self.frac_locked || !matches!(self.last, Last::Nothing | Last::Unit(_) | Last::Zero) {
            return false;
        }
        self.begin_pending();
        let (int, frac, end) = scan_arabic(self.chars, self.pos);
        let value = if frac.len() > 18 {
            self.fail(WARN_TOO_PRECISE);
            Decimal::ZERO
        } else if let Some(v) = Decimal::from_digits(&int, &frac) {
            v
        } else {
            self.fail(WARN_TOO_LARGE);
            Decimal::ZERO
        };
        self.pending = Some(Pending {
            value,
            kind: PendKind::Arabic {
                frac: !frac.is_empty(),
            },
        });
        self.arabic_tokens += 1;
        self.last = Last::Value;
        self.pos = end;
        self.commit();
        true
    }

    fn digit(&mut self, d: u8, fin: bool) -> bool {
        if self.frac_locked {
            return false;
        }
        match self.pending.map(|p| p.kind) {
            Some(PendKind::Digit(prev)) => {
                // Runs at the start were handled by `digit_run`; here a digit follows a
                // digit after some unit.
                if self.stack.is_empty() {
                    return false;
                }
                let next_is_unit = self
                    .chars
                    .get(self.pos + 1)
                    .is_some_and(|&c| matches!(class(c), Ch::Unit(..)));
                let plan = d == 5
                    && !next_is_unit
                    && prev != 0
                    && self.stack.len() == 1
                    && self.stack[0].level == 1
                    && self.stack[0].value == Decimal::from_u64(10);
                let w = if plan {
                    WARN_PLAN_NAME
                } else if prev != 0 && prev + 1 == d {
                    WARN_RANGE
                } else {
                    WARN_MALFORMED
                };
                self.warn(w);
            }
            Some(_) => return false,
            None => {}
        }
        self.begin_pending();
        self.pending = Some(Pending {
            value: Decimal::from_u64(u64::from(d)),
            kind: PendKind::Digit(d),
        });
        self.chinese_values = true;
        self.financial |= fin;
        self.last = Last::Value;
        self.pos += 1;
        self.commit();
        true
    }

    fn zero(&mut self, z: char) -> bool {
        if self.last == Last::Nothing {
            // A lone ○ is a bullet far more often than a zero.
            if z == '○' {
                return false;
            }
            self.begin_pending();
            self.pending = Some(Pending {
                value: Decimal::ZERO,
                kind: PendKind::Digit(0),
            });
            self.chinese_values = true;
            self.last = Last::Value;
            self.pos += 1;
            self.commit();
            return true;
        }
        if self.frac_locked || !matches!(self.last, Last::Unit(_) | Last::Zero) {
            return false;
        }
        // Not committed: a trailing 零 is not part of the number.
        self.zero_gap = true;
        self.chinese_values = true;
        self.last = Last::Zero;
        self.pos += 1;
        true
    }

    fn point(&mut self) -> bool {
        if self.point_seen || self.frac_locked || self.arabic_tokens > 0 {
            return false;
        }
        let before_ok = match self.pending.map(|p| p.kind) {
            Some(PendKind::Digit(_)) => true,
            None => matches!(self.last, Last::Unit(_)),
            Some(_) => false,
        };
        if !before_ok {
            return false;
        }
        let mut j = self.pos + 1;
        let mut frac = String::new();
        let mut arabic_frac = false;
        while let Some(d) = self.chars.get(j).copied().and_then(run_digit) {
            frac.push(char::from(b'0' + d));
            j += 1;
        }
        if frac.is_empty() {
            while let Some(d) = self.chars.get(j).copied().and_then(arabic_digit) {
                frac.push(char::from(b'0' + d));
                j += 1;
                arabic_frac = true;
            }
        }
        if frac.is_empty() {
            return false;
        }
        if self
            .chars
            .get(j)
            .is_some_and(|c| matches!(c, '分' | '刻' | '十' | '时' | '時'))
        {
            return false;
        }
        // Strict: `一百二点五` could be 102.5 or 120.5, so it is not read at all.
        let int = match self.group_value(0, false) {
            Total::Value(v) => v,
            Total::Invalid | Total::Ambiguous => return false,
            Total::Overflow => {
                self.fail(WARN_TOO_LARGE);
                Decimal::ZERO
            }
        };
        let value = if frac.len() > 18 {
            self.fail(WARN_TOO_PRECISE);
            Decimal::ZERO
        } else if let Some(v) = Decimal::from_digits("", &frac).and_then(|f| int.checked_add(f)) {
            v
        } else {
            self.fail(WARN_TOO_LARGE);
            Decimal::ZERO
        };
        // A unit refused after the fraction ends the numeral before the whole decimal.
        self.before_pending = Some((self.best.clone(), self.units_at_best));
        self.floor = self.stack.first().map_or(0, |t| t.level);
        self.stack.clear();
        self.pending = Some(Pending {
            value,
            kind: PendKind::Folded,
        });
        self.point_seen = true;
        self.chinese_values = true;
        if arabic_frac {
            self.arabic_tokens += 1;
        }
        self.last = Last::Point;
        self.pos = j;
        self.commit();
        true
    }

    /// Applies a unit of level `u`; false if it cannot follow what was read.
    fn apply_unit(&mut self, u: u32) -> bool {
        if self.greedy {
            self.last = Last::Unit(u);
            self.units = true;
            return true;
        }
        if u <= self.floor {
            return false;
        }
        let pending_kind = self.pending.map(|p| p.kind);
        match pending_kind {
            // 零万 is no number.
            Some(PendKind::Digit(0)) => return false,
            None if self.last == Last::Unit(u) && u >= 4 => return self.repeat_big_unit(u),
            // Only a unit may follow a unit directly: 一千零万 is no number.
            None if !matches!(self.last, Last::Unit(_)) => return false,
            _ => {}
        }
        let keep = self
            .stack
            .iter()
            .rposition(|t| t.level >= u)
            .map_or(0, |i| i + 1);
        // A unit that scales a 万-or-larger term stacks with it: 1万亿 leaves the 亿 places
        // free (`1万亿零500亿`), as 万万 does in `repeat_big_unit`.
        let level = match self.stack.get(keep) {
            Some(t) if t.level >= 4 => u.saturating_add(t.level),
            _ => u,
        };
        let below = keep.checked_sub(1).and_then(|i| self.stack.get(i)).copied();
        if below.is_some_and(|b| b.level <= level) {
            return false;
        }
        let simple = keep == self.stack.len()
            && self.pending.is_some_and(|p| {
                matches!(
                    p.kind,
                    PendKind::Digit(_) | PendKind::Arabic { frac: false }
                ) && below_pow10(p.value, 1)
            });
        let value = match self.group_value(keep, false) {
            Total::Invalid | Total::Ambiguous => return false,
            Total::Overflow => None,
            Total::Value(v) => v.mul_pow10(u),
        };
        let Some(value) = value else {
            self.fail(WARN_TOO_LARGE);
            self.last = Last::Unit(u);
            self.units = true;
            return true;
        };
        if below.is_some_and(|b| !below_pow10(value, b.level)) {
            return false;
        }
        self.stack.truncate(keep);
        self.stack.push(Term {
            value,
            level,
            simple,
        });
        if matches!(
            pending_kind,
            Some(PendKind::Arabic { frac: true } | PendKind::Folded)
        ) {
            self.frac_locked = true;
        }
        self.pending = None;
        self.zero_gap = false;
        self.last = Last::Unit(u);
        self.units = true;
        true
    }

    /// `万万` / `亿亿`: the older way to say 10^8 / 10^16 scales the last term again.
    fn repeat_big_unit(&mut self, u: u32) -> bool {
        let n = self.stack.len();
        let Some(top) = self.stack.last().copied() else {
            return false;
        };
        let level = top.level.saturating_add(u);
        let below = n.checked_sub(2).and_then(|i| self.stack.get(i)).copied();
        if below.is_some_and(|b| b.level <= level) {
            return false;
        }
        let Some(value) = top.value.mul_pow10(u) else {
            self.fail(WARN_TOO_LARGE);
            return true;
        };
        if below.is_some_and(|b| !below_pow10(value, b.level)) {
            return false;
        }
        if let Some(t) = self.stack.last_mut() {
            *t = Term {
                value,
                level,
                simple: false,
            };
        }
        true
    }
}

#[cfg(test)]
mod tests;
