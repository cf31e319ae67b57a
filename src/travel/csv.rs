//! The plan as a spreadsheet: CSV (RFC 4180). At the top, a line each for the qualification,
//! the learner (when a name is given) and the verdict in words, then an empty line, then the
//! table: a header row and one unit a row, so it opens in any spreadsheet and its unit number
//! column pastes back cleanly (the lines at the top carry no unit numbers).
//!
//! Columns: `Status` (`Mandatory`, `Chosen` or `Achieved`), `Group` (the group letter), `Unit
//! number` (empty where the document does not number units), `Reference`, `Title`, `Level`,
//! `Credits`, `GLH` (empty where no document prints it). Rows follow the document's order.
//! Fields with a comma, quote or line break are quoted, quotes doubled; lines end CRLF. No
//! byte-order mark is written (the catalogue's text is ASCII); a page that wants Excel to read
//! non-ASCII text as UTF-8 can prepend `\u{feff}`.

use crate::catalogue::Qualification;
use crate::engine::{Compiled, Plan};

/// The header row's fields.
pub const HEADER: [&str; 8] = [
    "Status",
    "Group",
    "Unit number",
    "Reference",
    "Title",
    "Level",
    "Credits",
    "GLH",
];

/// The lines above the table, then one unit a row: every unit in the plan (mandatory, chosen and
/// achieved), in document order. `c` must be `q` compiled; `learner` may be empty.
pub fn plan_csv(c: &Compiled, q: &Qualification, plan: &Plan, learner: &str) -> String {
    let (sets, _) = c.resolve(plan);
    let mut out = String::new();
    row(
        &mut out,
        ["Qualification".to_owned(), format!("{} ({})", q.title, q.number)],
    );
    if !learner.trim().is_empty() {
        row(&mut out, ["Learner".to_owned(), learner.trim().to_owned()]);
    }
    let verdict = if c.evaluate_sets(&sets).met() {
        "Meets the rules"
    } else {
        "Does not yet meet the rules"
    };
    row(&mut out, ["Verdict".to_owned(), verdict.to_owned()]);
    out.push_str("\r\n");
    row(&mut out, HEADER.iter().map(|s| s.to_string()));
    for (i, u) in c.units.iter().enumerate() {
        let status = if sets.achieved.contains(i) {
            "Achieved"
        } else if c.mandatory.contains(i) {
            "Mandatory"
        } else if sets.to_do.contains(i) {
            "Chosen"
        } else {
            continue;
        };
        let group = q.groups.get(u.group).map(|g| g.id.clone()).unwrap_or_default();
        row(
            &mut out,
            [
                status.to_owned(),
                group,
                u.number.clone().unwrap_or_default(),
                u.reference.clone(),
                u.title.clone(),
                u.level.to_string(),
                u.credits.to_string(),
                u.glh.map(|h| h.to_string()).unwrap_or_default(),
            ],
        );
    }
    out
}

/// One CSV row, comma-separated, ended CRLF; the cohort results are written with it too.
pub(crate) fn row(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(out, &f);
    }
    out.push_str("\r\n");
}

/// RFC 4180: quoted when it has a comma, quote or line break (or spaces at an end, which some
/// spreadsheets trim), with quotes doubled.
pub(super) fn field(out: &mut String, f: &str) {
    let needs = f.contains([',', '"', '\n', '\r']) || f.starts_with(' ') || f.ends_with(' ');
    if needs {
        out.push('"');
        out.push_str(&f.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        let q = |s: &str| {
            let mut o = String::new();
            field(&mut o, s);
            o
        };
        assert_eq!(q("plain"), "plain");
        assert_eq!(q("a, b"), "\"a, b\"");
        assert_eq!(q("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(q("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(q(""), "");
        assert_eq!(q(" padded"), "\" padded\"");
    }
}
