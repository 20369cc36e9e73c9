//! Writes numbers as strict Chinese numerals, only for tests: the property tests read
//! back what it writes. Compiled under `cfg(test)` here and included by
//! `tests/properties.rs`, so it imports nothing; nothing in the program writes Chinese
//! numerals.

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
