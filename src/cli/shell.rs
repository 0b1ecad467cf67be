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

/// The page for `truce`, which lists its commands, or with `command` (such
/// as `adjudicate`, or `debug graph`) the page of that command, which the
/// list names `truce-adjudicate(1)`. `man truce` reads a page once it is
/// saved as `truce.1` (`truce-adjudicate.1`) in a folder of `manpath`.
pub fn man(command: &[String]) -> Exit {
    let mut top = Args::command().disable_help_subcommand(true);
    top.build();
    let mut page = &top;
    for name in command {
        match page.find_subcommand(name) {
            Some(sub) => page = sub,
            None => {
                let known: Vec<String> = page
                    .get_subcommands()
                    .map(|c| format!("`{}`", c.get_name()))
                    .collect();
                let message = format!(
                    "`{}` has no command `{name}`; its commands are {}",
                    page.get_display_name().unwrap_or(page.get_name()),
                    known.join(", ")
                );
                let mut cli = Args::command();
                cli.build();
                cli.find_subcommand_mut("man")
                    .expect("`man` is a command")
                    .error(clap::error::ErrorKind::InvalidSubcommand, message)
                    .exit();
            }
        }
    }
    let mut roff = Vec::new();
    let man = clap_mangen::Man::new(page.clone())
        .source(concat!("truce ", env!("CARGO_PKG_VERSION")))
        .manual("truce manual");
    match man.render(&mut roff) {
        Ok(()) => {
            out(&String::from_utf8_lossy(&roff));
            Exit::Ok
        }
        Err(e) => {
            errln!("error: cannot write the manual page: {e}");
            Exit::Failed
        }
    }
}
