//! Escaping of document text for each output syntax. Document text is hostile input: it may
//! contain markup, separators, quotes, newlines and control characters.

/// True for chars that XML 1.0 (and so HTML and WordprocessingML) cannot carry at all.
fn is_forbidden_in_xml(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Escape `text` for HTML/XML text content and attribute values; drops chars XML cannot carry.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_xml(&mut out, text);
    out
}

/// Append `text` escaped for HTML/XML to `out`.
pub fn push_xml(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => {}
            c if is_forbidden_in_xml(c) => {}
            c => out.push(c),
        }
    }
}

/// Escape `text` for a Markdown table cell or paragraph: markup chars are backslash-escaped,
/// line breaks become `<br>` so a table row stays on one line.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("<br>");
                }
            }
            '\n' => out.push_str("<br>"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A CSV cell a spreadsheet will not run as a formula: one starting with `=`, `+`, `-` or `@` gets a
/// leading `'`, the usual defence against CSV injection; policy text practically never starts so.
/// Quoting is the CSV writer's ([`super::csv::CsvTable`]).
pub fn csv_formula_guard(field: &str) -> std::borrow::Cow<'_, str> {
    if field.starts_with(['=', '+', '-', '@']) { format!("'{field}").into() } else { field.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_chars() {
        assert_eq!(xml("<a href=\"x\">&'\u{1}"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn markdown_keeps_cells_on_one_line() {
        assert_eq!(markdown("a|b\r\nc<d>`e`"), "a\\|b<br>c\\<d\\>\\`e\\`");
    }

    #[test]
    fn csv_formulas_are_guarded() {
        assert_eq!(csv_formula_guard("广东"), "广东");
        assert_eq!(csv_formula_guard("=1+1"), "'=1+1");
        assert_eq!(csv_formula_guard("-5%"), "'-5%");
    }
}
