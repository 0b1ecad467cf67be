//! The `truce` command: parses arguments and hands each subcommand to `cli`.

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    cli::run(args).into()
}
