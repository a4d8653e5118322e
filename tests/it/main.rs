//! The integration tests, in one binary so that the test build links the library once.
//!
//! Each module is one subject (run one with `cargo test --test it MODULE::`); shared builders and
//! checks live in [`common`]. Data paths are relative to the package: `tests/data`, `tests/fixtures`.

// Tests stop at the first broken step, with its message; helpers outside #[test] fns too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

mod align_corpus;
mod align_families;
mod check_report;
mod cli_diff;
mod cli_outline;
mod crash;
mod diff_corpus;
mod diff_props;
mod formats;
mod fuzz_regressions;
#[cfg(feature = "gui")]
mod gui;
mod ingest;
mod levers_corpus;
mod levers_props;
mod levers_report;
mod manifest;
mod outline_corpus;
mod report;
mod reuse_corpus;
mod reuse_families;
mod reuse_sentences;
mod revision;
mod robustness;
mod scan;
