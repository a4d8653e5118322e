//! The `duizhao` binary: the desktop app (no subcommand) and the headless CLI.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    #[cfg(feature = "gui")]
    duizhao::gui::startup::mark_start();
    duizhao::crash::install_panic_hook();
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => {
            // The one place errors are reported: one line, naming the file where there is one.
            eprintln!("duizhao: {error:#}");
            ExitCode::from(2)
        }
    }
}
