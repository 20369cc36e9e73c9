//! The grammar of one numeral: terms on a stack of decreasing levels, the colloquial
//! and zero rules, the Chinese `点`, and the longest valid prefix (see the header of
//! `numeral`). Reads chars through `lexer`; must not import the rest of the extractor.

use super::lexer::{Ch, arabic_digit, class, run_digit, scan_arabic};
use super::{
    Form, Numeral, WARN_AMBIGUOUS, WARN_MALFORMED, WARN_PLAN_NAME, WARN_RANGE, WARN_TOO_LARGE,
    WARN_TOO_PRECISE,
};
use crate::decimal::Decimal;

/// Whether `v < 10^k`; true when 10^k does not fit, as every Decimal is below 10^30.
pub(super) fn below_pow10(v: Decimal, k: u32) -> bool {
    10u128.checked_pow(k).is_none_or(|p| v.parts().0 < p)
}

/// A value made by a unit. `level` is the power of ten below which later terms must stay:
/// the unit's own (百 2, 万 4) or, for stacked big units, their sum (万亿 12, 万万 8).
#[derive(Debug, Clone, Copy)]
pub(super) struct Term {
    value: Decimal,
    level: u32,
    /// One digit times one unit (`三万`, `1亿`): only then is a bare digit after it
    /// clearly the next lower unit (`三万五`).
    simple: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PendKind {
    Arabic {
        frac: bool,
    },
    /// One Chinese digit (0 only for a leading 零).
    Digit(u8),
    /// Everything before a Chinese `点` plus the fraction after it.
    Folded,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Pending {
    value: Decimal,
    kind: PendKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Last {
    Nothing,
    Value,
    Unit(u32),
    Zero,
    Point,
}

pub(super) enum Total {
    Invalid,
    /// Complete, but its value is a guess (see `WARN_AMBIGUOUS`).
    Ambiguous,
    Overflow,
    Value(Decimal),
}

pub(super) struct Parser<'a> {
    chars: &'a [char],
    pub(super) start: usize,
    pub(super) pos: usize,
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
    pub(super) warning: Option<&'static str>,
    arabic_tokens: u32,
    chinese_values: bool,
    financial: bool,
    units: bool,
    pub(super) best: Option<Numeral>,
    pub(super) units_at_best: bool,
    /// `best` as it was before the pending value began: when a unit right after that
    /// value is refused (`1亿20000万`), the value was meant to be scaled, so reading it
    /// unscaled (100020000) would be wrong; the numeral ends before it instead.
    before_pending: Option<(Option<Numeral>, bool)>,
}

impl<'a> Parser<'a> {
    pub(super) fn new(chars: &'a [char], start: usize) -> Self {
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

    pub(super) fn begin_with_term(&mut self, value: Decimal) {
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

    pub(super) fn run(&mut self) {
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
