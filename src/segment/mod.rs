//! Chinese word segmentation (jieba with a policy lexicon) and matching normalisation.

pub mod levels;
pub mod normalize;
pub mod tokenize;
pub use tokenize::{tokenize, warm_up};
