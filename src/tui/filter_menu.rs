//! The filter menu's settings and how each one cycles through its values. Pure: it
//! edits an [`index::Filter`](crate::index::Filter) and never draws.

use crate::index::{Filter, Index, ShapeFilter};
use crate::model::Dimension;

/// Magnitude presets, in the canonical unit (元, 人, …).
pub const MINIMUMS: [(f64, &str); 4] = [
    (1e4, "≥1万"),
    (1e6, "≥100万"),
    (1e8, "≥1亿"),
    (1e9, "≥10亿"),
];

/// One row of the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Dimension,
    Unit,
    Shape,
    Minimum,
    QuantitiesOnly,
}

impl Setting {
    pub const ALL: [Setting; 5] = [
        Setting::Dimension,
        Setting::Unit,
        Setting::Shape,
        Setting::Minimum,
        Setting::QuantitiesOnly,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Setting::Dimension => "Measure",
            Setting::Unit => "Unit",
            Setting::Shape => "Shape",
            Setting::Minimum => "At least",
            Setting::QuantitiesOnly => "Quantities only",
        }
    }
}

/// What the menu can offer, taken from the data once.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    pub dimensions: Vec<(Dimension, usize)>,
    pub units: Vec<(String, usize)>,
}

impl Choices {
    pub fn new(index: &Index) -> Choices {
        Choices {
            dimensions: index.dimensions(),
            units: index.units(),
        }
    }
}

pub fn dimension_label(d: Dimension) -> &'static str {
    d.label()
}

pub fn shape_label(s: ShapeFilter) -> &'static str {
    match s {
        ShapeFilter::All => "any",
        ShapeFilter::ExactOnly => "exact only",
        ShapeFilter::Inexact => "approximate or bounded",
    }
}

pub fn minimum_label(min: f64) -> String {
    MINIMUMS
        .iter()
        .find(|(v, _)| (*v - min).abs() < f64::EPSILON)
        .map_or_else(|| format!("≥{min}"), |(_, l)| (*l).to_string())
}

/// Steps an optional choice among `n` values: none → 0 → … → n-1 → none.
fn step(cur: Option<usize>, n: usize, forward: bool) -> Option<usize> {
    let slots = n + 1;
    let pos = cur.map_or(0, |i| i + 1);
    let next = if forward {
        (pos + 1) % slots
    } else {
        (pos + slots - 1) % slots
    };
    next.checked_sub(1)
}

/// Changes one setting of `filter` to its next (or previous) value.
pub fn cycle(filter: &mut Filter, setting: Setting, choices: &Choices, forward: bool) {
    match setting {
        Setting::Dimension => {
            let cur = filter
                .dimension
                .and_then(|d| choices.dimensions.iter().position(|(x, _)| *x == d));
            filter.dimension =
                step(cur, choices.dimensions.len(), forward).map(|i| choices.dimensions[i].0);
        }
        Setting::Unit => {
            let cur = filter
                .unit
                .as_ref()
                .and_then(|u| choices.units.iter().position(|(x, _)| x == u));
            filter.unit =
                step(cur, choices.units.len(), forward).map(|i| choices.units[i].0.clone());
        }
        Setting::Shape => {
            let order = [
                ShapeFilter::All,
                ShapeFilter::ExactOnly,
                ShapeFilter::Inexact,
            ];
            let cur = order.iter().position(|s| *s == filter.shape).unwrap_or(0);
            let next = if forward { cur + 1 } else { cur + 2 } % 3;
            filter.shape = order[next];
        }
        Setting::Minimum => {
            let cur = filter.min.and_then(|m| {
                MINIMUMS
                    .iter()
                    .position(|(v, _)| (*v - m).abs() < f64::EPSILON)
            });
            filter.min = step(cur, MINIMUMS.len(), forward).map(|i| MINIMUMS[i].0);
        }
        Setting::QuantitiesOnly => filter.quantities_only = !filter.quantities_only,
    }
}

/// The current value of a setting, as the menu shows it.
pub fn value_label(filter: &Filter, setting: Setting) -> String {
    match setting {
        Setting::Dimension => filter
            .dimension
            .map_or("any".to_string(), |d| dimension_label(d).to_string()),
        Setting::Unit => filter.unit.clone().unwrap_or_else(|| "any".to_string()),
        Setting::Shape => shape_label(filter.shape).to_string(),
        Setting::Minimum => filter.min.map_or("any".to_string(), minimum_label),
        Setting::QuantitiesOnly => if filter.quantities_only { "yes" } else { "no" }.to_string(),
    }
}

/// Short descriptions of the active filters (section aside), for the status bar.
pub fn active(filter: &Filter) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(d) = filter.dimension {
        out.push(dimension_label(d).to_string());
    }
    if let Some(u) = &filter.unit {
        out.push(format!("unit {u}"));
    }
    if filter.shape != ShapeFilter::All {
        out.push(shape_label(filter.shape).to_string());
    }
    if let Some(m) = filter.min {
        out.push(minimum_label(m));
    }
    if filter.quantities_only {
        out.push("quantities".to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_wraps_through_none() {
        let choices = Choices {
            dimensions: vec![(Dimension::Money, 3), (Dimension::People, 2)],
            units: vec![("元".into(), 3)],
        };
        let mut f = Filter::default();
        cycle(&mut f, Setting::Dimension, &choices, true);
        assert_eq!(f.dimension, Some(Dimension::Money));
        cycle(&mut f, Setting::Dimension, &choices, true);
        cycle(&mut f, Setting::Dimension, &choices, true);
        assert_eq!(f.dimension, None);
        cycle(&mut f, Setting::Dimension, &choices, false);
        assert_eq!(f.dimension, Some(Dimension::People));
        cycle(&mut f, Setting::Minimum, &choices, false);
        assert_eq!(f.min, Some(1e9));
        assert_eq!(active(&f), ["people", "≥10亿"]);
        cycle(&mut f, Setting::Shape, &choices, false);
        assert_eq!(f.shape, ShapeFilter::Inexact);
    }
}
