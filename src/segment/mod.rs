//! Chinese word segmentation (jieba with a policy lexicon) and matching normalisation.

pub mod normalize;
