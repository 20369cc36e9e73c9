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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// (input, start, expected value, expected end); `None` value with `end` 0 means no
    /// numeral at all.
    fn check(cases: &[(&str, usize, Option<&str>, usize)]) {
        for &(input, start, want, end) in cases {
            let cs = chars(input);
            let got = parse_at(&cs, start);
            if want.is_none() && end == 0 {
                assert!(got.is_none(), "{input}@{start}: {got:?}");
                continue;
            }
            let got = got.unwrap_or_else(|| panic!("{input}@{start}: no numeral"));
            assert_eq!(
                got.value.map(|v| v.to_string()).as_deref(),
                want,
                "{input}@{start}: {got:?}"
            );
            assert_eq!(got.end, end, "{input}@{start}: {got:?}");
            assert_eq!(got.start, start);
        }
    }

    fn form_of(input: &str) -> Form {
        parse_at(&chars(input), 0).map(|n| n.form).expect(input)
    }

    fn warning_of(input: &str, start: usize) -> Option<&'static str> {
        parse_at(&chars(input), start).and_then(|n| n.warning)
    }

    #[test]
    fn arabic() {
        check(&[
            ("2020年", 0, Some("2020"), 4),
            ("6,688", 0, Some("6688"), 5),
            ("6,688.5元", 0, Some("6688.5"), 7),
            ("1,234,567", 0, Some("1234567"), 9),
            ("829个,惠及", 0, Some("829"), 3),
            ("1,2", 0, Some("1"), 1),
            ("12,3456", 0, Some("12"), 2),
            ("2019,2020", 0, Some("2019"), 4),
            ("1,234,56", 0, Some("1234"), 5),
            ("4.", 0, Some("4"), 1),
            ("4.x", 0, Some("4"), 1),
            ("63.15%", 0, Some("63.15"), 5),
            ("1.2.3", 0, Some("1.2"), 3),
            ("0.50", 0, Some("0.5"), 4),
            ("007", 0, Some("7"), 3),
            ("5年", 0, Some("5"), 1),
            ("300余个", 0, Some("300"), 3),
            ("2000多万人", 0, Some("2000"), 4),
            ("3点", 0, Some("3"), 1),
            ("3点5", 0, Some("3"), 1),
        ]);
    }

    #[test]
    fn full_width() {
        check(&[
            ("４８３", 0, Some("483"), 3),
            ("４．８３万", 0, Some("48300"), 5),
            ("１，２３４人", 0, Some("1234"), 5),
            ("1，2", 0, Some("1"), 1),
            ("１2３", 0, Some("123"), 3),
        ]);
    }

    #[test]
    fn arabic_scaled() {
        check(&[
            ("4.83万", 0, Some("48300"), 5),
            ("16.74亿", 0, Some("1674000000"), 6),
            ("1.6万亿", 0, Some("1600000000000"), 5),
            ("8千亿", 0, Some("800000000000"), 3),
            ("3亿", 0, Some("300000000"), 2),
            ("8944万", 0, Some("89440000"), 5),
            ("1526.11万", 0, Some("15261100"), 8),
            ("5百万", 0, Some("5000000"), 3),
            ("10万", 0, Some("100000"), 3),
            ("3百亿", 0, Some("30000000000"), 3),
            ("4万余公里", 0, Some("40000"), 2),
            ("3万千瓦", 0, Some("30000"), 2),
            ("1亿万人", 0, Some("100000000"), 2),
            ("3兆", 0, Some("3"), 1),
            ("4.83万人次", 0, Some("48300"), 5),
            ("4.83万5", 0, Some("48300"), 5),
        ]);
        assert_eq!(form_of("4.83万"), Form::ArabicScaled);
        assert_eq!(form_of("2020"), Form::Arabic);
        assert_eq!(form_of("6,688"), Form::Arabic);
    }

    #[test]
    fn chinese_strict() {
        check(&[
            ("一千零一万零一", 0, Some("10010001"), 7),
            ("十", 0, Some("10"), 1),
            ("十五", 0, Some("15"), 2),
            ("十三", 0, Some("13"), 2),
            ("二十", 0, Some("20"), 2),
            ("一百一十", 0, Some("110"), 4),
            ("一百零一", 0, Some("101"), 4),
            ("三千万", 0, Some("30000000"), 3),
            ("一亿二千万", 0, Some("120000000"), 5),
            ("十万", 0, Some("100000"), 2),
            ("十亿", 0, Some("1000000000"), 2),
            ("一亿零一十万", 0, Some("100100000"), 6),
            ("一万零一十一", 0, Some("10011"), 6),
            ("一千〇一", 0, Some("1001"), 4),
            ("一", 0, Some("1"), 1),
            ("两", 0, Some("2"), 1),
            ("零", 0, Some("0"), 1),
            ("〇", 0, Some("0"), 1),
            ("三千五百万", 0, Some("35000000"), 5),
            ("两万四千亿", 0, Some("2400000000000"), 5),
            ("一万二千亿", 0, Some("1200000000000"), 5),
            ("一百零八万", 0, Some("1080000"), 5),
            ("十亿零五", 0, Some("1000000005"), 4),
            ("一千万亿", 0, Some("1000000000000000"), 4),
        ]);
        assert_eq!(form_of("十五"), Form::Chinese);
    }

    #[test]
    fn chinese_colloquial() {
        check(&[
            ("三万五", 0, Some("35000"), 3),
            ("两千六", 0, Some("2600"), 3),
            ("一百二", 0, Some("120"), 3),
            ("一万二", 0, Some("12000"), 3),
            ("三亿五", 0, Some("350000000"), 3),
            ("十万八千里", 0, Some("108000"), 4),
            ("廿", 0, Some("20"), 1),
            ("卅", 0, Some("30"), 1),
            ("廿三", 0, Some("23"), 2),
            ("廿万", 0, Some("200000"), 2),
            ("一千零", 0, Some("1000"), 2),
        ]);
    }

    #[test]
    fn chinese_digits() {
        check(&[
            ("二〇二〇年", 0, Some("2020"), 4),
            ("一九九八年", 0, Some("1998"), 4),
            ("二○一九年", 0, Some("2019"), 4),
            ("二零二三", 0, Some("2023"), 4),
            ("九八年", 0, Some("98"), 2),
        ]);
        assert_eq!(form_of("二〇二〇"), Form::ChineseDigits);
    }

    #[test]
    fn financial_and_traditional() {
        check(&[
            ("壹拾壹", 0, Some("11"), 3),
            ("玖仟陆佰陆拾伍", 0, Some("9665"), 7),
            ("壹拾壹元整", 0, Some("11"), 3),
            ("貳佰參拾陸", 0, Some("236"), 5),
            ("壹萬貳仟", 0, Some("12000"), 4),
            ("伍元", 0, Some("5"), 1),
            ("壹佰零伍元", 0, Some("105"), 4),
            ("队伍建设", 1, None, 0),
            ("陆续出台", 0, None, 0),
            ("收拾", 1, None, 0),
            ("三萬五千", 0, Some("35000"), 4),
            ("一億", 0, Some("100000000"), 2),
            ("兩千", 0, Some("2000"), 2),
            ("三點五", 0, Some("3.5"), 3),
        ]);
        assert_eq!(form_of("玖仟陆佰陆拾伍"), Form::Financial);
    }

    #[test]
    fn chinese_point() {
        check(&[
            ("一百点123", 0, Some("100.123"), 6),
            ("三点五", 0, Some("3.5"), 3),
            ("十二点五万", 0, Some("125000"), 5),
            ("零点五", 0, Some("0.5"), 3),
            ("三点一四一五九", 0, Some("3.14159"), 7),
            ("一点五亿", 0, Some("150000000"), 4),
            ("三点五千万", 0, Some("35000000"), 5),
            ("十点三十分", 0, Some("10"), 1),
            ("三点一刻", 0, Some("3"), 1),
            ("一点点", 0, Some("1"), 1),
            ("一百二点五", 0, Some("120"), 3),
        ]);
        assert_eq!(form_of("一百点123"), Form::Mixed);
        assert_eq!(form_of("三点五"), Form::Chinese);
    }

    #[test]
    fn mixed() {
        check(&[
            ("1万600", 0, Some("10600"), 5),
            ("200亿零四千230", 0, Some("20000004230"), 10),
            ("3千5百", 0, Some("3500"), 4),
            ("1亿2000万", 0, Some("120000000"), 7),
            ("1万零600", 0, Some("10600"), 6),
            ("1万亿零500亿", 0, Some("1050000000000"), 8),
            ("2万3000亿元", 0, Some("2300000000000"), 7),
            ("1亿一万亿", 0, None, 5),
            ("1万五", 0, Some("15000"), 3),
            ("1万五千", 0, Some("15000"), 4),
            ("1万20000人", 0, Some("10000"), 2),
            ("1亿20000万", 0, Some("100000000"), 2),
            ("一2", 0, Some("1"), 1),
            ("5一", 0, Some("5"), 1),
            ("2两", 0, Some("2"), 1),
        ]);
        assert_eq!(form_of("1万600"), Form::Mixed);
        assert_eq!(form_of("3千5百"), Form::Mixed);
    }

    #[test]
    fn not_numerals() {
        check(&[
            ("万元", 0, None, 0),
            ("千万不要", 0, None, 0),
            ("千万不要", 1, None, 0),
            ("百", 0, None, 0),
            ("亿", 0, None, 0),
            ("点五", 0, None, 0),
            ("abc", 0, None, 0),
            (".5", 0, None, 0),
            ("○ 项目", 0, None, 0),
            ("十", 5, None, 0),
            ("", 0, None, 0),
        ]);
    }

    #[test]
    fn shorter_matches() {
        check(&[
            // Not accepted as 12000万: see the module header.
            ("一万二千万", 0, None, 5),
            ("三百四百", 0, Some("300"), 2),
            ("一万二万", 0, Some("10000"), 2),
            ("十十", 0, Some("10"), 1),
            ("一千零万", 0, Some("1000"), 2),
            ("亿万", 0, None, 0),
            ("三千万五百", 0, Some("30000500"), 5),
            ("三千万五", 0, None, 4),
            ("十万八", 0, None, 3),
            ("一万二千亿五", 0, None, 6),
            ("四万万五", 0, None, 4),
            ("一亿一万万", 0, Some("100010000"), 4),
            ("两两", 0, Some("2"), 1),
        ]);
    }

    #[test]
    fn older_wan_wan() {
        check(&[
            ("四万万同胞", 0, Some("400000000"), 3),
            ("一亿亿", 0, Some("10000000000000000"), 3),
        ]);
    }

    #[test]
    fn ranges_and_plan_names() {
        check(&[
            ("三四十万", 0, None, 4),
            ("三四个", 0, None, 2),
            ("两三万", 0, None, 3),
            ("十七八万", 0, None, 4),
            ("三千五六百", 0, None, 5),
            ("十三五规划", 0, None, 3),
            ("十四五时期", 0, None, 3),
            ("二〇万", 0, None, 2),
        ]);
        assert_eq!(warning_of("三四十万", 0), Some(WARN_RANGE));
        assert_eq!(warning_of("十七八万", 0), Some(WARN_RANGE));
        assert_eq!(warning_of("十三五规划", 0), Some(WARN_PLAN_NAME));
        assert_eq!(warning_of("十四五时期", 0), Some(WARN_PLAN_NAME));
        assert_eq!(warning_of("二〇万", 0), Some(WARN_MALFORMED));
        assert_eq!(warning_of("十万八", 0), Some(WARN_AMBIGUOUS));
        // The later 千 settles it.
        assert_eq!(warning_of("十万八千", 0), None);
    }

    #[test]
    fn overflow() {
        let nines = "9".repeat(40);
        check(&[(&nines, 0, None, 40)]);
        assert_eq!(warning_of(&nines, 0), Some(WARN_TOO_LARGE));
        check(&[
            ("1亿亿亿亿", 0, None, 5),
            ("1亿亿亿亿元", 0, None, 5),
            ("9999亿亿亿亿", 0, None, 8),
            ("999999999999999999999999999999万人", 0, None, 31),
        ]);
        assert_eq!(warning_of("1亿亿亿亿", 0), Some(WARN_TOO_LARGE));
        check(&[("1亿亿亿", 0, Some("1000000000000000000000000"), 4)]);
        let precise = format!("0.{}", "1".repeat(19));
        check(&[(&precise, 0, None, 21)]);
        assert_eq!(warning_of(&precise, 0), Some(WARN_TOO_PRECISE));
        let cn_nines = "九".repeat(40);
        check(&[(&cn_nines, 0, None, 40)]);
    }

    #[test]
    fn long_runs_are_linear() {
        const N: usize = 1_000_000;
        let wan = format!("一{}元", "万".repeat(N));
        let n = parse_at(&chars(&wan), 0).expect("numeral");
        assert_eq!(
            (n.value, n.end, n.warning),
            (None, N + 1, Some(WARN_TOO_LARGE))
        );
        let nines = "九".repeat(N);
        let n = parse_at(&chars(&nines), 0).expect("numeral");
        assert_eq!((n.value, n.end), (None, N));
        let digits = "9".repeat(N);
        let n = parse_at(&chars(&digits), 0).expect("numeral");
        assert_eq!((n.value, n.end), (None, N));
        let zeros = format!("{}1", "0".repeat(N));
        let n = parse_at(&chars(&zeros), 0).expect("numeral");
        assert_eq!((n.value, n.end), (Some(Decimal::from_u64(1)), N + 1));
        let yi_wan = "一万".repeat(N / 2);
        let n = parse_at(&chars(&yi_wan), 0).expect("numeral");
        assert_eq!(n.end, 2);
        let grouped = format!("1{}", ",000".repeat(N / 4));
        let n = parse_at(&chars(&grouped), 0).expect("numeral");
        assert_eq!(
            (n.value, n.end, n.warning),
            (None, grouped.chars().count(), Some(WARN_TOO_LARGE))
        );
    }

    #[test]
    fn in_context() {
        let text = "实现贫困劳动力转移就业4.83万人次";
        let cs = chars(text);
        let at = cs.iter().position(|&c| c == '4').expect("4");
        let n = parse_at(&cs, at).expect("numeral");
        assert_eq!(n.value, Decimal::parse("48300"));
        assert_eq!(cs[n.end], '人');
        assert_eq!(n.form, Form::ArabicScaled);

        let text = "百分之三十";
        let cs = chars(text);
        assert!(parse_at(&cs, 0).is_none());
        let n = parse_at(&cs, 3).expect("numeral");
        assert_eq!((n.value, n.end), (Decimal::parse("30"), 5));
    }

    /// Sentences written the way reports write them, not tuned to the parser.
    #[test]
    fn real_text() {
        let cases = [
            ("全年国内生产总值1143670亿元", '1', "114367000000000", '元'),
            ("粮食产量13657亿斤", '1', "1365700000000", '斤'),
            ("人均可支配收入三万五千一百二十八元", '三', "35128", '元'),
            ("城镇新增就业1206万人", '1', "12060000", '人'),
            ("全年粮食产量6.95亿吨", '6', "695000000", '吨'),
            ("减税降费超过2.5万亿元", '2', "2500000000000", '元'),
            ("覆盖人口达十三亿多", '十', "1300000000", '多'),
            ("进出口总额突破4,200亿美元", '4', "420000000000", '美'),
        ];
        for (text, first, want, after) in cases {
            let cs = chars(text);
            let at = cs.iter().position(|&c| c == first).expect("start");
            let n = parse_at(&cs, at).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(
                n.value.map(|v| v.to_string()).as_deref(),
                Some(want),
                "{text}"
            );
            assert_eq!(cs.get(n.end), Some(&after), "{text}");
        }
        assert_eq!(
            parse_number("一千二百三十四万五千六百七十八"),
            Decimal::parse("12345678")
        );
    }

    #[test]
    fn whole_strings() {
        assert_eq!(parse_number(" 4.83万 "), Decimal::parse("48300"));
        assert_eq!(parse_number("4.83万人"), None);
        assert_eq!(parse_number("十三五"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn to_chinese_examples() {
        let cases = [
            (0, "零"),
            (1, "一"),
            (10, "十"),
            (15, "十五"),
            (20, "二十"),
            (110, "一百一十"),
            (101, "一百零一"),
            (1010, "一千零一十"),
            (10_010_001, "一千零一万零一"),
            (100_000, "十万"),
            (120_000, "十二万"),
            (100_100_000, "一亿零一十万"),
            (100_000_001, "一亿零一"),
            (10_000_000_000_000_000, "一亿亿"),
        ];
        for (n, want) in cases {
            assert_eq!(to_chinese(n), want, "{n}");
        }
    }

    #[test]
    fn numeral_chars() {
        for c in "0９零〇一两十百千万亿壹陆拾萬億兩廿卅".chars() {
            assert!(is_numeral_char(c), "{c}");
        }
        for c in "点.,元多余兆".chars() {
            assert!(!is_numeral_char(c), "{c}");
        }
    }

    #[test]
    fn round_trips_all_small_numbers() {
        for n in 0..=100_000 {
            assert_eq!(
                parse_number(&to_chinese(n)),
                Some(Decimal::from_u64(n)),
                "{n}"
            );
        }
    }

    proptest! {
        #[test]
        fn round_trips_up_to_1e16(n in 0u64..=10_000_000_000_000_000) {
            prop_assert_eq!(parse_number(&to_chinese(n)), Some(Decimal::from_u64(n)));
        }

        #[test]
        fn round_trips_any_u64(n in any::<u64>()) {
            prop_assert_eq!(parse_number(&to_chinese(n)), Some(Decimal::from_u64(n)));
        }

        /// Mostly zeros, where the 零 rules live; uniform numbers rarely have any.
        #[test]
        fn round_trips_sparse(digits in prop::collection::vec(
            prop_oneof![4 => Just(0u64), 1 => 1u64..10], 1..=17)) {
            let n = digits.iter().fold(0u64, |n, d| n * 10 + d);
            prop_assert_eq!(parse_number(&to_chinese(n)), Some(Decimal::from_u64(n)));
        }

        #[test]
        fn arabic_round_trips(n in any::<u64>()) {
            prop_assert_eq!(parse_number(&n.to_string()), Some(Decimal::from_u64(n)));
        }

        #[test]
        fn never_panics_and_spans_are_sane(s in "[0-9.,，一二两三四五六七八九十百千万亿零〇点壹拾佰廿元多]{0,24}", at in 0usize..26) {
            let cs: Vec<char> = s.chars().collect();
            if let Some(n) = parse_at(&cs, at) {
                prop_assert_eq!(n.start, at);
                prop_assert!(n.end > at && n.end <= cs.len());
                prop_assert_eq!(n.value.is_none(), n.warning.is_some());
            }
        }
    }
}
