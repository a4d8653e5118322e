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
    CompareVersions => "新旧版本对照…", "Compare versions…";
    ViewRevision => "新旧对照表", "Revision table";
    RevisionOld => "原版本", "Old version";
    RevisionNew => "修改后版本", "Revised version";
    RevisionBuild => "生成对照表", "Build table";
    RevisionNeedTwo => "请先载入同一文件的两个版本。", "Load two versions of one document first.";
    RevisionHint => "选择原版本和修改后版本，生成新旧条文对照表。", "Choose the old and the revised version to build the revision table.";
    RevisionFilter => "显示：", "Show:";
    RevisionColOld => "原条文", "Old text";
    RevisionColNew => "修改后条文", "Revised text";
    RevisionColNote => "修改说明", "Change";
    RevisionJump => "并排查看", "Side by side";
    RevisionFailed => "无法生成对照表：{}", "Cannot build the revision table: {}";
    KindUnchanged => "未修改", "Unchanged";
    KindRenumbered => "仅条序变化", "Renumbered only";
    KindModified => "修改", "Modified";
    KindAdded => "新增", "Added";
    KindDeleted => "删除", "Deleted";
    KindMoved => "移动", "Moved";
    KindSplit => "拆分", "Split";
    KindMerged => "合并", "Merged";
    VersionsDetected => "这两份文件像是同一文件的新旧版本：「新旧对照表」中有逐条对照（文件 → 新旧版本对照…）。", "These two documents look like two versions of one text: see the revision table (File → Compare versions…).";
    FolderCheck => "对照文件夹检查…", "Check against a folder…";
    FolderCheckHint => "检查一份已加载的文件（如新起草的文稿）复用了文件夹中哪些政策文件的文字。索引保存在该文件夹内的 .duizhao-index 中（文件夹不可写时存于用户缓存目录），再次检查时只读取新增或改动的文件。", "Find which policies in a folder a loaded document (e.g. your draft) reuses text from. The index is kept inside the folder, in .duizhao-index (in the user cache folder when the folder is read-only); later checks read only new or changed files.";
    FolderCheckDraft => "待查文件", "Draft";
    FolderCheckFolder => "文件夹", "Folder";
    FolderCheckStart => "开始检查", "Check";
    FolderCheckCancel => "取消", "Cancel";
    FolderCheckSummary => "已索引 {} 份文件，其中 {} 份与待查文件有复用（按复用字数排序）：", "{} documents indexed; {} share text with the draft (most reused first):";
    FolderCheckOpen => "并排对照", "Side by side";
    FolderCheckFailed => "文件夹检查未完成", "Folder check did not finish";
    CheckReportExport => "导出查重报告", "Export check report";
    CheckReportPath => "查重报告：", "Report:";
    CheckReportHint => "check.html、.docx、.md、.csv 或 .json", "check.html, .docx, .md, .csv or .json";
    CheckReportDone => "查重报告已写入", "Check report written";
    CheckOverallShare => "总复制比（多个来源重叠处只计一次，不含套话）：{}", "Overall reused share (overlapping sources counted once, boilerplate left out): {}";
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
    ViewLevers => "政策对标", "Levers";
    LeversHint => "每个对齐主题中的政策工具：资金、比例、数量目标、期限、责任单位和措辞强度，与基准文件相比标出高低与增删。点击数值跳到原文。", "The policy levers of every aligned topic — money, rates, counts, deadlines, departments and wording strength — marked against the base document. Click a value to jump to the text.";
    LeversNone => "对齐的主题中没有找到政策工具。", "No levers were found in the aligned topics.";
    LeversKind => "类别", "Lever";
    LeversBaseSuffix => "（基准）", " (base)";
    LeversJump => "{} · 字符 {}–{}：点击在并排对照中查看", "{} · chars {}–{}: click to see it side by side";
    LeverPayer => "出资：{}", "Paid by: {}";
    LeverOf => "基数：{}", "Rate of: {}";
    LeverTarget => "目标年：{}", "Target year: {}";
    LeversHideWording => "隐藏措辞强度", "Hide wording strength";
    LeversOpenTopic => "在主题横览中打开", "Open in the topic view";
    LeverMoney => "资金", "Money";
    LeverRate => "比例", "Rate";
    LeverCount => "数量目标（{}）", "Count ({})";
    LeverDuration => "期限（{}）", "Duration ({})";
    LeverStart => "起始日期", "Start date";
    LeverEnd => "截止日期", "End of validity";
    LeverLead => "牵头单位", "Lead department";
    LeverPartner => "配合单位", "Cooperating departments";
    LeverResponsible => "责任单位", "Responsible departments";
    LeverModal => "措辞强度", "Wording strength";
    ChangeSame => "相同", "same";
    ChangeHigher => "高于基准", "higher";
    ChangeLower => "低于基准", "lower";
    ChangeDifferent => "不同", "different";
    ChangeNew => "新增", "new";
    ChangeDropped => "删去", "dropped";
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
    SettingIgnoreLevels => "行政层级名称差异（国务院／省／县级以上地方人民政府…，仅复用检测）", "Administrative levels (国务院 / 省 / 县级以上地方人民政府 …, reuse only)";
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
    ExportPathHint => "输入报告文件的路径，或点“选择…”", "Type the report's path, or click “Choose…”";
    ExportOverwrite => "{} 已存在。覆盖它吗？", "{} exists. Replace it?";
    ExportOverwriteYes => "覆盖", "Replace";
    ExportOverwriteNo => "取消", "Cancel";
    DuplicateSwitched => "{} 与已加载的 {} 内容相同，未重复加载，已切换到该文件", "{} has the same text as {}, which is already loaded: switched to it instead of loading it twice";
    NearDuplicate => "{} 与已加载的 {} 相似度 {}，可能是同一文件的另一版本；两者之间的复用比会很高", "{} resembles {} ({} alike): probably another version of the same document, so their copy ratio will be high";
    FolderPathHint => "输入文件夹路径，或点“选择…”", "Type the folder's path, or click “Choose…”";
    FolderColFile => "文件", "File";
    FolderColChars => "复用字数", "Reused chars";
    FolderColRatio => "占待查文件", "Share of draft";
    FolderColPassages => "复用段数", "Passages";
    PickerHint => "筛选章节（输入标题中的字）", "Filter sections (type part of a heading)";
    TopicMissing => "（此文件没有这一主题）", "(this document has no section on this topic)";
    TopicLegendShared => "与基准文件相同（背景色为来源文件的颜色）", "shared with the base (background in the source's colour)";
    TopicLegendBase => "下划线标题：基准文件", "underlined heading: the base document";
    RuleTitle => "复用比的计算规则", "How copy ratios are computed";
    DismissAll => "全部关闭", "Dismiss all";
    GapCell => "无对应章节", "No matching section";
    OneDocumentHint => "只加载了一份文件：用“文件 → 打开文件…”或拖放再添加一份即可对照。", "Only one document is loaded: add another (File → Open files…, or drop a file) to compare.";
    NoPortal => "系统文件对话框不可用（未找到桌面门户 xdg-desktop-portal），改用内置文件浏览器。", "The system file dialog is not available (no xdg-desktop-portal), so the built-in file browser is used.";
    ErrNotFound => "{}：找不到文件", "{}: file not found";
    ErrIsDirectory => "{}：这是文件夹，不是文件", "{}: is a folder, not a document";
    ErrNotAFile => "{}：不是普通文件", "{}: not a regular file";
    ErrIo => "{}：无法读取：{}", "{}: cannot read: {}";
    ErrEmpty => "{}：空文件", "{}: empty file";
    ErrTooLarge => "{}：文件过大（{} 字节，上限 {} 字节）", "{}: too large ({} bytes; the limit is {} bytes)";
    ErrUnsupported => "{}：不是文本文件（{}）", "{}: not a text document ({})";
    ErrDamaged => "{}：{} 文件已损坏：{}", "{}: damaged {} file: {}";
    ErrNoTextLayer => "{}：PDF 没有文字层（可能是扫描件）", "{}: PDF has no text layer (scanned?)";
    ErrOverwriteInput => "{}：这是一份输入文件，报告不能写在它上面", "{}: refusing to write the report over an input document";
    ErrUnknownFormat => "{}：未知的报告格式（请用 .html、.docx、.md、.csv 或 .json）", "{}: unknown report format (use .html, .docx, .md, .csv or .json)";
    ErrWrite => "{}：无法写入报告：{}", "{}: cannot write report: {}";
    ErrBadDate => "{}：不是日期（请用 YYYY-MM-DD、YYYY-MM 或 YYYY）", "{}: not a date (use YYYY-MM-DD, YYYY-MM or YYYY)";
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

    /// A load error in the UI language, naming the file.
    pub fn ingest_error(&self, error: &crate::error::IngestError) -> String {
        use crate::error::IngestError as E;
        let path = error.path().display().to_string();
        match error {
            E::NotFound { .. } => self.fill(Text::ErrNotFound, &[&path]),
            E::IsDirectory { .. } => self.fill(Text::ErrIsDirectory, &[&path]),
            E::NotAFile { .. } => self.fill(Text::ErrNotAFile, &[&path]),
            E::Io { source, .. } => self.fill(Text::ErrIo, &[&path, &source.to_string()]),
            E::Empty { .. } => self.fill(Text::ErrEmpty, &[&path]),
            E::TooLarge { size, limit, .. } => {
                self.fill(Text::ErrTooLarge, &[&path, &size.to_string(), &limit.to_string()])
            }
            E::Unsupported { what, .. } => self.fill(Text::ErrUnsupported, &[&path, self.file_kind(what)]),
            E::Damaged { format, detail, .. } => self.fill(Text::ErrDamaged, &[&path, format, detail]),
            E::NoTextLayer { .. } => self.fill(Text::ErrNoTextLayer, &[&path]),
        }
    }

    /// A report-writing error in the UI language, naming the file.
    pub fn report_error(&self, error: &crate::error::ReportError) -> String {
        use crate::error::ReportError as E;
        match error {
            E::WouldOverwriteInput { path } => self.fill(Text::ErrOverwriteInput, &[&path.display().to_string()]),
            E::UnknownFormat { path } => self.fill(Text::ErrUnknownFormat, &[&path.display().to_string()]),
            E::Io { path, source } => self.fill(Text::ErrWrite, &[&path.display().to_string(), &source.to_string()]),
            E::Render { path, source } => {
                self.fill(Text::ErrWrite, &[&path.display().to_string(), &source.to_string()])
            }
        }
    }

    /// The kind of a file the reader does not take ("PNG image"), in the UI language.
    fn file_kind<'a>(&self, what: &'a str) -> &'a str {
        const KINDS: [(&str, &str); 8] = [
            ("PNG image", "PNG 图片"),
            ("ZIP archive", "ZIP 压缩包"),
            ("Excel workbook", "Excel 表格"),
            ("PowerPoint presentation", "PowerPoint 演示文稿"),
            ("MP4/QuickTime media", "MP4/QuickTime 音视频"),
            ("binary data", "二进制数据"),
            ("OFD document (export it as PDF or .docx)", "OFD 文件（请导出为 PDF 或 .docx）"),
            ("OpenDocument file (save it as .docx)", "OpenDocument 文件（请另存为 .docx）"),
        ];
        if self.language == Language::English {
            return what;
        }
        KINDS.iter().find(|(en, _)| *en == what).map(|(_, zh)| *zh).unwrap_or(what)
    }

    /// Where reused text came from, naming the other document: 取自 … / 被 … 沿用 / 与 … 相同.
    /// The Chinese wording is the reports' own ([`crate::comparison::provenance_zh`]).
    pub fn provenance(
        &self,
        provenance: crate::comparison::Provenance,
        kind: crate::reuse::ReuseKind,
        other: &str,
    ) -> String {
        match self.language {
            Language::Chinese => crate::comparison::provenance_zh(provenance, kind, other),
            Language::English => crate::comparison::provenance_en(provenance, kind, other),
        }
    }

    /// The language of these strings.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The name of a change kind of the revision table.
    pub fn kind(&self, kind: crate::revise::ChangeKind) -> &'static str {
        use crate::revise::ChangeKind as K;
        self.t(match kind {
            K::Unchanged => Text::KindUnchanged,
            K::Renumbered => Text::KindRenumbered,
            K::Modified => Text::KindModified,
            K::Added => Text::KindAdded,
            K::Deleted => Text::KindDeleted,
            K::Moved => Text::KindMoved,
            K::Split => Text::KindSplit,
            K::Merged => Text::KindMerged,
        })
    }

    /// The tab name of a view.
    pub fn view(&self, view: View) -> &'static str {
        self.t(match view {
            View::Documents => Text::ViewDocuments,
            View::Alignment => Text::ViewAlignment,
            View::SideBySide => Text::ViewSideBySide,
            View::Topic => Text::ViewTopic,
            View::Reuse => Text::ViewReuse,
            View::Levers => Text::ViewLevers,
            View::Settings => Text::ViewSettings,
            View::Revision => Text::ViewRevision,
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

    #[test]
    fn load_errors_read_in_the_ui_language() {
        let error = crate::error::IngestError::Unsupported { path: "政策.txt".into(), what: "PNG image".into() };
        assert_eq!(Tr::new(Language::Chinese).ingest_error(&error), "政策.txt：不是文本文件（PNG 图片）");
        assert_eq!(Tr::new(Language::English).ingest_error(&error), error.to_string());
        let error = crate::error::ReportError::WouldOverwriteInput { path: "a.txt".into() };
        assert!(!Tr::new(Language::Chinese).report_error(&error).contains("refusing"));
    }
}
