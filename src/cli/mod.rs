//! Command-line interface. Each subcommand lives in its own file.

mod compare;
mod outline;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

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
    /// The "duizhao.report/1" JSON contract.
    Json,
}

/// Headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the 公文 outline (sections and metadata) of each document.
    Outline {
        /// Documents to read (.txt in any common encoding, .docx, .html, .pdf).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Compare documents: aligned sections, reused passages, copy ratios; optionally write a report.
    Compare {
        /// Documents to compare (at least two).
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        /// Output format on stdout.
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
        Some(Command::Compare { files, format, min_chars, report, report_format, include_boilerplate }) => {
            compare::run(&files, format, min_chars, report, report_format, include_boilerplate)
        }
        None => anyhow::bail!("the desktop app is not built yet; use a subcommand (see --help)"),
    }
}
