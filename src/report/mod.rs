//! Report writers. Every format renders the same [`crate::analysis::Analysis`].

pub mod json;
