//! Drawing helpers shared by several panels.

pub mod marked_text;
