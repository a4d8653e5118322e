//! The report colours, defined once and shared by every format that has colour (HTML and .docx).
//!
//! Backgrounds are reserved for reuse so that a reused passage stays visible even where the diff
//! marks it; diff marks only change the text colour and add a strike-through or an underline.
//! Values are `RRGGBB` hex without `#` (the form WordprocessingML wants).

/// Text deleted from the earlier side (struck through).
pub const DELETE_TEXT: &str = "C62828";
/// Text inserted on the later side (underlined).
pub const INSERT_TEXT: &str = "1B7F3B";
/// Replaced text, old and new wording (struck through on the left, underlined on the right); the
/// amber of the app's "changed" mark.
pub const CHANGE_TEXT: &str = "A05A00";
/// Text moved to another place (dotted underline).
pub const MOVE_TEXT: &str = "1F5FBF";
/// Background of text reused word for word.
pub const REUSE_EXACT_BG: &str = "FFE38A";
/// Background of text reused with edits.
pub const REUSE_EDITED_BG: &str = "FFCC9E";
/// Background of 公文 boilerplate (shown only on request).
pub const BOILERPLATE_BG: &str = "DADDE2";
/// Ordinary text.
pub const TEXT: &str = "1F2328";
/// Secondary text (captions, locations).
pub const MUTED_TEXT: &str = "59636E";
/// Table header background.
pub const HEADER_BG: &str = "EEF1F4";
/// Table and block borders.
pub const BORDER: &str = "C9CED4";
/// Accent for headings and links.
pub const ACCENT: &str = "1F4E8C";

/// The heat-map colour of the copy-ratio matrix as `r, g, b` (alpha scales with the ratio).
pub const MATRIX_RGB: (u8, u8, u8) = (230, 150, 20);
