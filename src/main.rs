//! The `truce` command: parses arguments and hands each subcommand to `cli`.

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    // Conditions are walked recursively; their size is capped by the parser,
    // and these stacks leave a wide margin above that cap.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK)
        .build_global();
    let worker = std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || cli::run(args));
    match worker.map(|w| w.join()) {
        Ok(Ok(exit)) => exit.into(),
        _ => ExitCode::from(cli::Exit::Failed as u8),
    }
}

const STACK: usize = 64 << 20;
