//! Chinese text → sections, sentences and figures.
//!
//! The extractor works on any UTF-8 text. Everything is indexed by `char`, never by
//! byte, so spans can always be cut out of the original text. Must not import ratatui,
//! crossterm or clap, and never prints.

pub mod decimal;
pub mod numeral;

pub use decimal::Decimal;
