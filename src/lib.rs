//! Duizhao (对照): compare Chinese government policy documents.
//!
//! The analysis core is a pipeline you can read in the module names:
//! [`ingest`] (bytes → text) → [`outline`] (text → sections) → [`segment`] (words, normalisation)
//! → [`align`] (comparable sections) → [`diff`] / [`reuse`] (what changed, what was copied).
//! None of these modules touches the screen; the GUI and the report writers both consume the same
//! result type. The desktop app ([`gui`]) is behind the default `gui` feature, so
//! `--no-default-features` builds the library and the command line without any GUI crate.

pub mod align;
pub mod analysis;
pub mod cache;
pub mod comparison;
pub mod corpus;
pub mod crash;
pub mod diff;
pub mod error;
#[cfg(feature = "gui")]
pub mod gui;
pub mod ingest;
pub mod levers;
pub mod load;
pub mod model;
pub mod outline;
pub mod report;
pub mod reuse;
pub mod revise;
pub mod scan;
pub mod segment;
/// Synthetic corpora with known copies, for tests, benchmarks and scale examples only: behind the
/// `testing` feature, which the crate's own tests, benches and examples turn on (a dev-dependency
/// on itself), so it is no part of the library a normal build exposes.
#[cfg(feature = "testing")]
pub mod synth;
pub mod text;
mod union_find;
pub mod workspace;
