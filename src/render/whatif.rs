//! What-if as text and as versioned JSON (docs/whatif.md): each event
//! with what is disputed, then its verdict under each account, the
//! accounts that differ from the record marked with the first step of
//! the reasoning that differs.

use std::fmt::Write;

use serde::Serialize;

use super::json::Tool;
use super::text::clean;
use super::words::whatif as words;
use crate::whatif::{
    Dispute, FileWhatIf, Judged, MAX_ACCOUNTS, MAX_DISPUTES_SHOWN, SCHEMA_VERSION, WhatIf,
};

/// One event under each account.
pub fn text(w: &WhatIf) -> String {
    let mut out = String::new();
    let differ = w.accounts.iter().filter(|j| j.differs).count();
    let head = if w.disputes.is_empty() {
        "nothing disputed: no report contradicts it, it records no party's claim, and no aspect an article weighed is left unproven or contested".to_owned()
    } else if w.depends {
        format!(
            "the verdict depends on the account: {differ} of {} accounts differ from the record",
            w.accounts.len()
        )
    } else {
        format!(
            "the verdict is the same under every account ({} judged)",
            w.accounts.len()
        )
    };
    let _ = writeln!(out, "{}  WHAT IF  {}", clean(&w.event), head);
    if !w.disputes.is_empty() {
        let _ = writeln!(out, "  disputed:");
        for d in w.disputes.iter().take(MAX_DISPUTES_SHOWN) {
            let _ = writeln!(out, "    - {}", clean(&words::dispute(d)));
        }
        let more = w.disputes.len().saturating_sub(MAX_DISPUTES_SHOWN);
        if more > 0 {
            let _ = writeln!(out, "    - and {more} more (the JSON lists them all)");
        }
    }
    for (n, j) in w.accounts.iter().enumerate() {
        out.push_str(&account(n + 1, j, &w.event));
    }
    if w.left_out > 0 {
        let _ = writeln!(
            out,
            "  {} more account(s) not judged: at most {MAX_ACCOUNTS} are",
            w.left_out
        );
    }
    out
}

fn account(n: usize, j: &Judged, event: &str) -> String {
    let mut out = String::new();
    let mark = match (n, j.differs) {
        (1, _) => "",
        (_, true) => "; DIFFERS",
        (_, false) => "; same as recorded",
    };
    let _ = writeln!(
        out,
        "  {n}. {}:\n       {}{mark}",
        clean(&words::account(&j.account, event)),
        clean(&words::verdict(j))
    );
    if let Some(d) = j.difference.as_ref().filter(|_| n > 1) {
        let _ = writeln!(
            out,
            "       first difference: {}",
            clean(&words::difference(d))
        );
    }
    out
}

/// A whole file: the counts, then each event whose verdict depends on
/// the account.
pub fn file_text(f: &FileWhatIf) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "WHAT IF  {}: {} event(s) judged, {} disputed, {} depend on the account",
        clean(&f.instrument),
        f.events,
        f.disputed,
        f.depending.len()
    );
    if f.not_examined > 0 {
        let _ = writeln!(
            out,
            "  {} disputed event(s) not examined: past the work bound (docs/whatif.md)",
            f.not_examined
        );
    }
    for w in &f.depending {
        out.push('\n');
        out.push_str(&text(w));
    }
    out
}

#[derive(Serialize)]
struct Head {
    schema: &'static str,
    schema_version: u32,
    tool: Tool,
}

impl Head {
    fn new() -> Head {
        Head {
            schema: "truce-whatif",
            schema_version: SCHEMA_VERSION,
            tool: Tool::this(),
        }
    }
}

#[derive(Serialize)]
struct DisputeView<'a> {
    #[serde(flatten)]
    data: &'a Dispute,
    says: String,
}

#[derive(Serialize)]
struct JudgedView<'a> {
    #[serde(flatten)]
    data: &'a Judged,
    says: String,
    verdict_says: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    difference_says: Option<String>,
}

#[derive(Serialize)]
struct WhatIfView<'a> {
    event: &'a str,
    instrument: &'a str,
    depends: bool,
    disputes: Vec<DisputeView<'a>>,
    accounts: Vec<JudgedView<'a>>,
    left_out: usize,
}

fn view(w: &WhatIf) -> WhatIfView<'_> {
    WhatIfView {
        event: &w.event,
        instrument: &w.instrument,
        depends: w.depends,
        disputes: (w.disputes.iter())
            .map(|d| DisputeView {
                data: d,
                says: words::dispute(d),
            })
            .collect(),
        accounts: (w.accounts.iter())
            .map(|j| JudgedView {
                data: j,
                says: words::account(&j.account, &w.event),
                verdict_says: words::verdict(j),
                difference_says: j.difference.as_ref().map(words::difference),
            })
            .collect(),
        left_out: w.left_out,
    }
}

/// One event under each account, as JSON.
pub fn json(w: &WhatIf) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        head: Head,
        whatif: WhatIfView<'a>,
    }
    pretty(&Out {
        head: Head::new(),
        whatif: view(w),
    })
}

/// A whole file, as JSON.
pub fn file_json(f: &FileWhatIf) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        head: Head,
        instrument: &'a str,
        events: usize,
        disputed: usize,
        examined: usize,
        not_examined: usize,
        depending: Vec<WhatIfView<'a>>,
    }
    pretty(&Out {
        head: Head::new(),
        instrument: &f.instrument,
        events: f.events,
        disputed: f.disputed,
        examined: f.examined,
        not_examined: f.not_examined,
        depending: f.depending.iter().map(view).collect(),
    })
}

fn pretty<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("what-if serialises");
    text.push('\n');
    text
}
