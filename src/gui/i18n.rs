//! Every string of the UI, in Chinese (the default) and English. Panels ask [`Tr`] for a [`Text`];
//! no panel spells out a sentence of its own. Templates use `{}` placeholders filled in order.

use serde::{Deserialize, Serialize};

use super::commands::View;

/// UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    /// 简体中文.
    #[default]
    Chinese,
    /// English.
    English,
}

macro_rules! texts {
    ($($name:ident => $zh:literal, $en:literal;)*) => {
        /// A UI string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Text {
            $(
                #[doc = $en]
                $name,
            )*
        }

        impl Text {
            /// Every string (for tests that check both languages are complete).
            pub const ALL: &'static [Text] = &[$(Text::$name),*];

            fn get(self, language: Language) -> &'static str {
                match (self, language) {
                    $(
                        (Text::$name, Language::Chinese) => $zh,
                        (Text::$name, Language::English) => $en,
                    )*
                }
            }
        }
    };
}

texts! {
    MenuFile => "文件", "File";
    OpenFiles => "打开文件…", "Open files…";
    RecentFiles => "最近打开", "Recent files";
    NoRecentFiles => "（无）", "(none)";
    ExportReport => "导出报告…", "Export report…";
    FolderCheck => "对照文件夹检查…", "Check against a folder…";
    FolderCheckHint => "检查一份已加载的文件（如新起草的文稿）复用了文件夹中哪些政策文件的文字。索引保存在该文件夹旁，再次检查时只读取新增或改动的文件。", "Find which policies in a folder a loaded document (e.g. your draft) reuses text from. The index is kept next to the folder; later checks read only new or changed files.";
    FolderCheckDraft => "待查文件", "Draft";
    FolderCheckFolder => "文件夹", "Folder";
    FolderCheckStart => "开始检查", "Check";
    FolderCheckCancel => "取消", "Cancel";
    FolderCheckSummary => "已索引 {} 份文件，其中 {} 份与待查文件有复用（按复用字数排序）：", "{} documents indexed; {} share text with the draft (most reused first):";
    FolderCheckOpen => "并排对照", "Side by side";
    FolderCheckFailed => "文件夹检查未完成", "Folder check did not finish";
    Quit => "退出", "Quit";
    Analysing => "正在分析…", "Analysing…";
    StatusReady => "{} 份文件 · {} 个对齐主题 · {} 处复用", "{} documents · {} aligned topics · {} reused passages";
    NoDocuments => "未加载文件", "No documents loaded";
    DropHint => "拖放文件到窗口，或使用“文件 → 打开文件…”", "Drop files onto the window, or use File → Open files…";
    Dismiss => "关闭此消息", "Dismiss";
    CannotOpen => "无法打开文件", "Cannot open file";
    InternalError => "内部错误（{}）：这是程序缺陷，已中止该项工作，应用可继续使用。崩溃报告：{}", "Internal error ({}): a bug stopped this piece of work; the app goes on. Crash report: {}";
    WorkerFailed => "后台分析线程不可用", "The background analysis thread is not available";
    ExportDone => "报告已导出", "Report written";
    ExportFailed => "导出失败", "Export failed";
    ViewDocuments => "文件列表", "Documents";
    ViewAlignment => "对齐矩阵", "Alignment";
    ViewSideBySide => "并排对照", "Side by side";
    ViewTopic => "主题横览", "Topic";
    ViewReuse => "复用概览", "Reuse";
    ViewSettings => "设置", "Settings";
    AddFiles => "添加文件…", "Add files…";
    ColId => "编号", "ID";
    ColTitle => "标题", "Title";
    ColNumber => "文号", "Doc. number";
    ColDate => "日期", "Date";
    ColEncoding => "编码 · 格式", "Encoding · format";
    ColSize => "大小", "Size";
    ColReuse => "复用比", "Copy ratio";
    ColWarnings => "警告", "Warnings";
    ColTopic => "主题", "Topic";
    DateHint => "发文日期决定复用方向（早 → 晚）；回车或移开焦点后重新分析", "The date decides the reuse direction (earlier → later); press Enter to re-analyse";
    DatesFound => "文中日期（复用方向按最早的通过/公布/印发/成文日期）：", "Dates in the document (direction uses the earliest adopted/promulgated/issued/written date):";
    DateAdopted => "通过", "adopted";
    DatePromulgated => "公布", "promulgated";
    DateIssued => "印发", "issued";
    DateWritten => "成文", "written";
    DateApproved => "批准", "approved";
    DateAmended => "修正", "amended";
    DatePublished => "网页发布", "published online";
    DateEffective => "施行", "in force";
    DateNumberYear => "文号年份", "year of the document number";
    DateTitleYear => "标题年份", "year named in the title";
    DateGiven => "手动指定", "set by hand";
    CopyRatioHint => "徽标：本文件取自较早（或日期不明）文件的最大比例。各文件共享比例（← 对方较早，→ 对方较晚，不计套话）：", "Badge: the largest share of this document found in an earlier (or undated) document. Shares with each document (← it is earlier, → it is later; boilerplate excluded):";
    WarningCount => "{} 条警告", "{} warnings";
    MoveUp => "上移", "Move up";
    MoveDown => "下移", "Move down";
    Remove => "移除", "Remove";
    AlignmentSummary => "{} 个对齐主题，{} 个未对齐章节", "{} aligned topics, {} unaligned sections";
    OverrideCount => "{} 处手动调整", "{} manual corrections";
    ClearOverrides => "撤销全部手动调整", "Undo all corrections";
    AlignmentHint => "点击主题名并排对照该行；在单元格中选择章节可手动固定对齐，选“取消对齐”移出该行。", "Click a topic to compare its row side by side; pick a section in a cell to pin it, or “Unpin” to take it out of the row.";
    CompareRowHint => "并排对照此主题", "Compare this topic side by side";
    ShowTopicHint => "在所有文件中横向查看此主题", "Show this topic across all documents";
    EmptyCell => "— 无 —", "— none —";
    Unpin => "取消对齐", "Unpin";
    Unaligned => "未对齐的章节", "Unaligned sections";
    NeedTwoDocuments => "请至少加载两份文件。", "Load at least two documents.";
    ComputingDiffs => "正在计算差异…", "Computing differences…";
    Swap => "交换左右", "Swap sides";
    LeftDocument => "左侧文件", "Left document";
    RightDocument => "右侧文件", "Right document";
    FindHint => "在两侧文本中查找（回车：下一处）", "Find in both texts (Enter: next)";
    MarkInserted => "新增", "Inserted";
    MarkDeleted => "删除", "Deleted";
    MarkChanged => "修改", "Changed";
    MarkReuse => "复用", "Reuse";
    MarkAllSources => "所有来源", "All sources";
    MarkBoilerplate => "套话", "Boilerplate";
    PreviousChange => "上一处变化（Shift+F7 / p）", "Previous change (Shift+F7 / p)";
    NextChange => "下一处变化（F7 / n）", "Next change (F7 / n)";
    ChangeCounter => "变化 {}/{}", "Change {}/{}";
    Find => "查找", "Find";
    MatchCounter => "{}/{} 处", "{}/{} matches";
    Legend => "图例：", "Legend:";
    SharedWith => "与{}相同", "shared with {}";
    KindExact => "原文", "Exact";
    KindEdited => "改写", "Edited";
    TooltipSource => "来源文件：{}", "Source document: {}";
    TooltipSection => "章节：{}", "Section: {}";
    TooltipSimilarity => "相似度 {} · {} · {} 字", "Similarity {} · {} · {} chars";
    TooltipClick => "点击跳转到来源位置", "Click to jump to the source";
    NoTopics => "没有对齐的主题。", "No aligned topics.";
    BaseDocument => "基准文件", "Base document";
    TopicHint => "其他文件相对基准文件的新增与修改已标出；背景色表示与基准文件相同的文字。", "Insertions and changes against the base document are marked; background shows text shared with the base.";
    CellScore => "相似度 {}", "score {}";
    HeatMapTitle => "复用比矩阵", "Copy ratios";
    HeatMapHint => "行文件中与列文件相同文字的比例；箭头指向较早的文件（←）或较晚的文件（→）", "Share of the row document found in the column document; the arrow points to the earlier one";
    HeatCellHint => "《{}》有 {} 的文字与《{}》相同；点击并排对照", "{}: {} of its text is shared with {}; click to compare";
    GraphTitle => "来源关系图", "Provenance";
    GraphHint => "由早到晚；箭头粗细表示较晚文件中复用文字的比例", "Earlier → later; arrow width is the reused share of the later document";
    PassagesTitle => "复用段落", "Reused passages";
    SortBy => "排序：", "Sort by:";
    SortLength => "长度", "Length";
    SortSimilarity => "相似度", "Similarity";
    SortKind => "类型", "Kind";
    SortDocuments => "文件", "Documents";
    PassageCount => "共 {} 段；点击摘录并排对照", "{} passages; click an excerpt to compare";
    CharsCount => "{} 字", "{} chars";
    OpenPassageHint => "在并排对照中打开", "Open side by side";
    SettingMinReuse => "最短复用长度", "Minimum reuse length";
    CharsSuffix => " 字", " chars";
    SettingShowBoilerplate => "显示套话（公文固定用语，不计入复用比）", "Show boilerplate (公文 formulae, never counted in copy ratios)";
    SettingGranularity => "差异粒度", "Diff granularity";
    GranularityWord => "词", "Words";
    GranularityChar => "字", "Characters";
    SettingMatching => "比对时忽略", "Matching ignores";
    SettingIgnorePunctuation => "标点及全角/半角差异", "Punctuation and its width";
    SettingIgnoreWhitespace => "空白", "Whitespace";
    SettingTheme => "主题", "Theme";
    ThemeSystem => "跟随系统", "System";
    ThemeLight => "浅色", "Light";
    ThemeDark => "深色", "Dark";
    SettingLanguage => "界面语言", "Language";
    SettingsHint => "设置与最近打开的文件会保存；分析结果每次重新计算。", "Settings and recent files are saved; results are always recomputed.";
    ExportFormatLabel => "格式", "Format";
    ExportDocuments => "包含的文件", "Documents to include";
    ExportOpenWhenDone => "完成后打开", "Open when done";
    ExportPath => "保存到", "Save to";
    ExportChoose => "选择…", "Choose…";
    ExportWrite => "导出", "Export";
}

/// The strings in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    language: Language,
}

/// The UI string naming a kind of date.
pub fn date_kind_text(kind: crate::model::DateKind) -> Text {
    use crate::model::DateKind;
    match kind {
        DateKind::Adopted => Text::DateAdopted,
        DateKind::Promulgated => Text::DatePromulgated,
        DateKind::Issued => Text::DateIssued,
        DateKind::Written => Text::DateWritten,
        DateKind::Approved => Text::DateApproved,
        DateKind::Amended => Text::DateAmended,
        DateKind::Published => Text::DatePublished,
        DateKind::Effective => Text::DateEffective,
        DateKind::NumberYear => Text::DateNumberYear,
        DateKind::TitleYear => Text::DateTitleYear,
        DateKind::Given => Text::DateGiven,
    }
}

impl Tr {
    /// Strings in `language`.
    pub fn new(language: Language) -> Self {
        Self { language }
    }

    /// The string for `text`.
    pub fn t(&self, text: Text) -> &'static str {
        text.get(self.language)
    }

    /// `text` with its `{}` placeholders replaced by `args`, in order.
    pub fn fill(&self, text: Text, args: &[&str]) -> String {
        let mut out = String::new();
        let mut rest = self.t(text);
        for arg in args {
            match rest.split_once("{}") {
                Some((before, after)) => {
                    out.push_str(before);
                    out.push_str(arg);
                    rest = after;
                }
                None => break,
            }
        }
        out.push_str(rest);
        out
    }

    /// The tab name of a view.
    pub fn view(&self, view: View) -> &'static str {
        self.t(match view {
            View::Documents => Text::ViewDocuments,
            View::Alignment => Text::ViewAlignment,
            View::SideBySide => Text::ViewSideBySide,
            View::Topic => Text::ViewTopic,
            View::Reuse => Text::ViewReuse,
            View::Settings => Text::ViewSettings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_have_the_same_placeholders_in_both_languages() {
        for text in Text::ALL {
            let zh = Tr::new(Language::Chinese).t(*text).matches("{}").count();
            let en = Tr::new(Language::English).t(*text).matches("{}").count();
            assert_eq!(zh, en, "{text:?}");
        }
        let tr = Tr::new(Language::Chinese);
        assert_eq!(tr.fill(Text::ChangeCounter, &["3", "10"]), "变化 3/10");
    }
}
