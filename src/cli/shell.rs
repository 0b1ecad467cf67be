//! `truce completions SHELL` and `truce man`: a shell's completion script
//! and the manual page, both made from the command-line definition itself
//! (clap_complete, clap_mangen), written to stdout.

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Args, Exit, out};

pub fn completions(shell: Shell) -> Exit {
    let mut command = Args::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "truce", &mut script);
    out(&String::from_utf8_lossy(&script));
    Exit::Ok
}

/// The page for `truce` with every subcommand listed; `man truce` reads it
/// once it is saved as `truce.1` in a folder of `manpath`.
pub fn man() -> Exit {
    let mut page = Vec::new();
    match clap_mangen::Man::new(Args::command()).render(&mut page) {
        Ok(()) => {
            out(&String::from_utf8_lossy(&page));
            Exit::Ok
        }
        Err(e) => {
            errln!("error: cannot write the manual page: {e}");
            Exit::Failed
        }
    }
}
