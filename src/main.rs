//! The `truce` command: parses arguments and hands each subcommand to `cli`.

use std::process::ExitCode;

use clap::Parser;

mod cli;

// Judging makes and frees many small explanation nodes on several threads;
// glibc's allocator spent a fifth of a run in malloc and free and their
// consolidation, and slowed records freed on another thread than made them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
