//! Figures by value: sorted arrays of canonical values and of written numbers, searched by
//! binary search, so a number query costs a few comparisons whatever the data size.

use crate::index::Index;
use crate::model::Figure;

use super::query::NumberQuery;

#[derive(Debug, Clone, Default)]
pub(crate) struct NumberIndex {
    /// (canonical value, global figure), sorted by value then figure.
    by_value: Vec<(f64, u32)>,
    /// (number as written in the figure's text, global figure) for figures whose written
    /// digits differ from the canonical value: `4.83` of `4.83万人次`.
    by_written: Vec<(f64, u32)>,
}

impl NumberIndex {
    pub fn new(index: &Index) -> NumberIndex {
        let mut by_value = Vec::with_capacity(index.len());
        let mut by_written = Vec::new();
        for (g, &r) in index.all().iter().enumerate() {
            let f = index.figure(r);
            if let Some(v) = f.value {
                by_value.push((v, g as u32));
            }
            if let Some(w) = written(&f.text)
                && f.value
                    .is_none_or(|v| (v - w).abs() > f64::EPSILON * v.abs())
            {
                by_written.push((w, g as u32));
            }
        }
        let cmp = |a: &(f64, u32), b: &(f64, u32)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
        by_value.sort_unstable_by(cmp);
        by_written.sort_unstable_by(cmp);
        NumberIndex {
            by_value,
            by_written,
        }
    }

    /// Calls `f(figure, relative distance)` for every figure whose value or written
    /// number is within the query's tolerance and whose unit fits. A figure may be
    /// reported twice (by value and as written); the caller keeps the best.
    pub fn find(&self, index: &Index, q: &NumberQuery, mut f: impl FnMut(u32, f64)) {
        for arr in [&self.by_value, &self.by_written] {
            let lo = arr.partition_point(|&(v, _)| v < q.value - q.tolerance);
            for &(v, g) in &arr[lo..] {
                if v > q.value + q.tolerance {
                    break;
                }
                let Some(d) = q.distance(v) else { continue };
                if q.unit
                    .as_deref()
                    .is_none_or(|u| unit_fits(index.figure(index.all()[g as usize]), u))
                {
                    f(g, d);
                }
            }
        }
    }
}

/// A query's unit fits a figure whose canonical unit it is, or that writes it (`1533名`
/// is counted in 人 but written with 名).
fn unit_fits(f: &Figure, unit: &str) -> bool {
    f.unit.as_deref() == Some(unit) || f.text.contains(unit)
}

/// The first run of ASCII digits in a figure's text, as a number (`约37亿元` → 37).
fn written(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = &text[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let digits = rest[..end].trim_end_matches(['.', ',']);
    // Parsed as f64 directly: the exact decimal is not needed to sort and compare, and
    // this runs for every figure when a number query builds the index.
    if digits.contains(',') {
        digits.replace(',', "").parse().ok()
    } else {
        digits.parse().ok()
    }
}

/// Char indices of the numeral in a figure's text, for highlighting a number hit.
pub(crate) fn numeral_positions(text: &str) -> Vec<usize> {
    text.chars()
        .enumerate()
        .filter(|&(_, c)| {
            crate::extract::numeral::is_numeral_char(c) || matches!(c, '.' | ',' | '%' | '．')
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_digits() {
        assert_eq!(written("4.83万人次"), Some(4.83));
        assert_eq!(written("约37亿元"), Some(37.0));
        assert_eq!(written("1,533名"), Some(1533.0));
        assert_eq!(written("三万"), None);
    }

    #[test]
    fn numeral_positions_skip_units() {
        assert_eq!(numeral_positions("4.83万人次"), vec![0, 1, 2, 3, 4]);
        assert_eq!(numeral_positions("98%"), vec![0, 1, 2]);
    }
}
