//! Command-line interface. Each subcommand lives in its own file.

mod compare;
mod diff;
mod levers;
mod outline;
mod progress;
mod revise;
mod scan;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use duizhao::diff::Granularity;

/// Compare Chinese government policy documents (对照).
///
/// With no subcommand, opens the desktop app on FILES (or on the bundled corpus when none are given).
#[derive(Debug, Parser)]
#[command(name = "duizhao", version, about, args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Documents to open in the app.
    pub files: Vec<PathBuf>,
}

/// Output format of the analysis subcommands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human-readable text.
    #[default]
    Text,
    /// JSON, in the schema the subcommand's help names (see docs/json.md).
    Json,
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the 公文 outline (sections and metadata) of each document.
    Outline {
        /// Documents to read (.txt in any common encoding, .docx, .doc, .wps, .ofd, .html, .md, .pdf).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format (json: "duizhao.report/1").
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Check drafts against a folder of documents, or list reuse between every pair in the folder.
    ///
    /// Indexes every document under DIR (txt, docx, html, pdf; recursively) into DIR/.duizhao-index
    /// (or the user cache folder when DIR is not writable), updating only what changed. Files that
    /// cannot be read are skipped and listed at the end. Exit status: 0 when every file was read,
    /// 2 when any file was skipped or failed.
    Scan {
        /// The folder of documents to check against.
        #[arg(long, value_name = "DIR")]
        corpus: PathBuf,
        /// Drafts to check; without any, all pairs of corpus documents are compared.
        #[arg(long, value_name = "FILE", num_args = 1..)]
        against: Vec<PathBuf>,
        /// With drafts: write the 查重 report of each draft to PATH (.html, .docx, .md, .csv or .json,
        /// "duizhao.check/1"); without: every pair as JSON Lines ("duizhao.scan-pairs/1", one pair
        /// per line as found, a summary line last). Never over an input.
        #[arg(long, value_name = "PATH")]
        report: Option<PathBuf>,
        /// 查重 report format, when the extension of PATH does not say it (or to override it).
        #[arg(long, value_name = "F", value_parser = compare::parse_report_format)]
        report_format: Option<duizhao::report::ReportFormat>,
        /// Minimum identical characters (after normalisation) of a shared passage; the same rule as `compare`.
        #[arg(long, value_name = "N", default_value_t = duizhao::scan::DEFAULT_MIN_CHARS)]
        min_chars: usize,
        /// Walk the folder and check every file even when no folder changed since the last scan
        /// (a file edited in place, without renaming, leaves its folder's time unchanged).
        #[arg(long)]
        rescan: bool,
        /// Output format (json: "duizhao.scan/1" with drafts; without, JSON Lines "duizhao.scan-pairs/1" printed as the pairs are found).
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Compare documents: aligned sections, reused passages, copy ratios; optionally write a report.
    Compare {
        /// Documents to compare (at least two).
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        /// Output format on stdout (json: "duizhao.report/1" with alignment, reuse and ratios).
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
        /// Minimum length in characters of an exact reused passage.
        #[arg(long, default_value_t = duizhao::reuse::ReuseOptions::default().min_chars)]
        min_chars: usize,
        /// Write a report to PATH (.html, .docx, .md, .csv or .json).
        #[arg(long, value_name = "PATH")]
        report: Option<PathBuf>,
        /// Report format, when the extension of PATH does not say it.
        #[arg(long, value_name = "F", value_parser = compare::parse_report_format)]
        report_format: Option<duizhao::report::ReportFormat>,
        /// List 公文 boilerplate passages in the text output and the report.
        #[arg(long)]
        include_boilerplate: bool,
    },
    /// The 政策对标表: money, rates, counts, deadlines, departments and wording strength of each
    /// document, and for two or more documents the table of every aligned topic against a base.
    Levers {
        /// Documents to read.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The base document the differences are against: an id (D1), a position (1) or a file name.
        #[arg(long, value_name = "DOC")]
        base: Option<String>,
        /// Output format (json: "duizhao.levers/1").
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Word-level diff of two documents, or of one section of each ([-删-]{+增+} in the terminal).
    Diff {
        /// The earlier document.
        a: PathBuf,
        /// The later document.
        b: PathBuf,
        /// Section of A to compare: an id (S30), a number as written (（二十二）) or a title.
        #[arg(long, value_name = "SECTION")]
        a_section: Option<String>,
        /// Section of B to compare.
        #[arg(long, value_name = "SECTION")]
        b_section: Option<String>,
        /// Compare words (jieba) or single characters.
        #[arg(long, value_enum, default_value_t = GranularityArg::Word)]
        granularity: GranularityArg,
        /// Output format (json: "duizhao.diff/1").
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// The revision table (新旧条文对照表) of two versions: one row per article or section, with
    /// the change kind (修改/新增/删除/移动/拆分/合并/仅条序变化/未修改) and word-level marks.
    Revise {
        /// The old version.
        old: PathBuf,
        /// The revised version.
        new: PathBuf,
        /// Also write the table to PATH (.docx, .html, .md, .csv or .json; never over an input).
        #[arg(long, value_name = "PATH")]
        report: Option<PathBuf>,
        /// Output format on stdout (json: "duizhao.revision/1").
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
}

/// Diff granularity on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GranularityArg {
    /// jieba words.
    Word,
    /// Characters.
    Char,
}

/// Write `text` and a newline to stdout. A closed pipe (`duizhao … | head`) ends output quietly
/// instead of panicking like `println!`.
pub fn print(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.write_all(b"\n")).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(error.into()),
        _ => Ok(()),
    }
}

/// Load each file; print one line per unreadable file. Returns the documents and whether any failed.
pub fn load_or_report(files: &[PathBuf]) -> (Vec<duizhao::model::Document>, bool) {
    let (documents, errors) = duizhao::load::load_files(files);
    for error in &errors {
        eprintln!("duizhao: {error}");
    }
    (documents, !errors.is_empty())
}

/// Run the parsed command line; the exit code says whether anything failed.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        Some(Command::Outline { files, format }) => outline::run(&files, format),
        Some(Command::Scan { corpus, against, report, report_format, min_chars, rescan, format }) => {
            scan::run(&scan::ScanRequest {
                corpus: &corpus,
                against: &against,
                report,
                report_format,
                min_chars,
                rescan,
                format,
            })
        }
        Some(Command::Compare { files, format, min_chars, report, report_format, include_boilerplate }) => {
            compare::run(&files, format, min_chars, report, report_format, include_boilerplate)
        }
        Some(Command::Levers { files, base, format }) => levers::run(&files, base.as_deref(), format),
        Some(Command::Diff { a, b, a_section, b_section, granularity, format }) => diff::run(&diff::DiffRequest {
            a: &a,
            b: &b,
            a_section: a_section.as_deref(),
            b_section: b_section.as_deref(),
            granularity: match granularity {
                GranularityArg::Word => Granularity::Word,
                GranularityArg::Char => Granularity::Char,
            },
            format,
        }),
        Some(Command::Revise { old, new, report, format }) => revise::run(&old, &new, report, format),
        None => open_app(args.files),
    }
}

/// No subcommand: open the desktop app on `files` (the bundled corpus when there are none).
#[cfg(feature = "gui")]
fn open_app(files: Vec<PathBuf>) -> anyhow::Result<ExitCode> {
    duizhao::gui::run(files).map_err(|error| anyhow::anyhow!("cannot open the window: {error}"))?;
    Ok(ExitCode::SUCCESS)
}

/// No subcommand in a build without the `gui` feature: say so and print the help, so that the user
/// learns both why no window opened and what the command line offers.
#[cfg(not(feature = "gui"))]
fn open_app(_files: Vec<PathBuf>) -> anyhow::Result<ExitCode> {
    use clap::CommandFactory;
    eprintln!("duizhao: this build has no desktop app (built without the `gui` feature); use a subcommand:\n");
    Args::command().print_help()?;
    Ok(ExitCode::from(2))
}
