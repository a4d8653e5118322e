//! The topic list (`assets/topics.tsv`): row labels and a weak prior for the content aligner.

use std::sync::OnceLock;

/// The topic list as shipped, parsed once.
const TOPICS_TSV: &str = include_str!("../../assets/topics.tsv");

/// One topic of the list with the keywords that identify it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic {
    /// Name shown as the row label, e.g. 财政支持.
    pub name: String,
    /// Words that name this topic in a heading: the aligner labels a row with the topic when most of
    /// its headed cells contain one, and gives two sections whose headings name the same topic a
    /// small bonus (a weak prior; content decides).
    pub heading_keywords: Vec<String>,
    /// Words typical of the topic's body text, as listed in the file's third column. The aligner does
    /// not use them (body text is compared directly); they are kept for other consumers of the list.
    pub body_keywords: Vec<String>,
}

/// How a section was matched to a topic.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct TopicMatch {
    /// Index into [`topics`].
    pub topic: usize,
    /// 1.0 for a heading keyword, less for a body-only match.
    pub strength: f32,
}

/// The topic list, in file order (earlier topics win ties).
pub fn topics() -> &'static [Topic] {
    static TOPICS: OnceLock<Vec<Topic>> = OnceLock::new();
    TOPICS.get_or_init(|| parse_topics(TOPICS_TSV))
}

/// Names of all topics, in list order (for offering pin targets in a UI).
pub fn topic_names() -> Vec<&'static str> {
    topics().iter().map(|topic| topic.name.as_str()).collect()
}

/// Index of the topic called `name`.
pub(crate) fn topic_index(name: &str) -> Option<usize> {
    topics().iter().position(|topic| topic.name == name)
}

fn split_keywords(column: Option<&str>) -> Vec<String> {
    column.unwrap_or("").split('|').map(str::trim).filter(|keyword| !keyword.is_empty()).map(str::to_string).collect()
}

/// Parse the topic list; malformed lines (no name) are skipped.
pub(crate) fn parse_topics(tsv: &str) -> Vec<Topic> {
    tsv.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut columns = line.split('\t');
            let name = columns.next()?.trim();
            if name.is_empty() {
                return None;
            }
            Some(Topic {
                name: name.to_string(),
                heading_keywords: split_keywords(columns.next()),
                body_keywords: split_keywords(columns.next()),
            })
        })
        .collect()
}

/// Topics whose heading keywords occur in `title`, best first: longer keyword, then list order.
pub(crate) fn match_heading(title: &str) -> Vec<TopicMatch> {
    let mut found: Vec<(usize, usize)> = topics()
        .iter()
        .enumerate()
        .filter_map(|(index, topic)| {
            let longest = topic
                .heading_keywords
                .iter()
                .filter(|keyword| title.contains(keyword.as_str()))
                .map(|keyword| keyword.chars().count())
                .max()?;
            Some((index, longest))
        })
        .collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    found.into_iter().map(|(topic, _)| TopicMatch { topic, strength: 1.0 }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(found: &[TopicMatch]) -> Option<&'static str> {
        found.first().map(|m| topics()[m.topic].name.as_str())
    }

    #[test]
    fn list_parses_with_keywords() {
        assert!(topics().len() >= 25);
        let finance = &topics()[topic_index("财政支持").unwrap()];
        assert!(finance.heading_keywords.contains(&"财政".to_string()));
        assert!(topic_names().contains(&"融资/金融"));
        assert!(parse_topics("# c\n\n\tx\nA\ta|b\t\n").iter().map(|t| t.name.as_str()).eq(["A"]));
    }

    #[test]
    fn headings_map_to_specific_topics_first() {
        assert_eq!(name(&match_heading("强化财政支持")), Some("财政支持"));
        assert_eq!(name(&match_heading("加大金融扶持力度")), Some("融资/金融"));
        assert_eq!(name(&match_heading("降低工商注册准入门槛")), Some("准入/注册"));
        assert_eq!(name(&match_heading("加强认证和信用建设")), Some("信用"));
        assert_eq!(name(&match_heading("推动企业跨境电子商务应用")), Some("跨境"));
        assert_eq!(name(&match_heading("大力发展行业电子商务平台")), Some("行业平台"));
        let both = match_heading("完善跨境电商仓储物流体系");
        assert_eq!(name(&both), Some("跨境"));
        assert_eq!(topics()[both[1].topic].name, "物流");
        assert!(match_heading("其他").is_empty());
    }
}
