//! A pasted list of units, as people have them: from a registration record, a spreadsheet, an
//! email. Resolved against one qualification.
//!
//! The text is read line by line. Within a line, commas, semicolons, tabs, spaces and `|`
//! separate tokens; quotes, brackets and footnote marks (`319*`) around a token are ignored.
//! A token is one of:
//!
//! - a **reference number**: a letter and seven digits, with or without slashes or hyphens,
//!   in any case (`L/503/0394`, `l5030394`, `L-503-0394`);
//! - an **awarding-body unit number**: one to four digits, optionally written `Unit 204`,
//!   `Unit204` or `U204`;
//! - a word (part of a title or a column heading), or something else.
//!
//! A line with no title words is a **list**: every unit number and reference on it counts, and
//! anything else on it that has a digit in it (`2O7`, `12345`) is reported as not recognised.
//!
//! A line with title words is a **row** copied from a record or spreadsheet (`204 ⇥ Carry out
//! direct sales ⇥ 2 ⇥ 4`): every reference on it counts; failing a reference, the unit number
//! written after "Unit", or else the first number before the title. Numbers after "Level",
//! before "credits" and the like are never taken for units, and nothing else on a row is
//! reported.
//!
//! A reference the document prints for more than one unit (City & Guilds 600/1135/X prints
//! L/503/0394 for both unit 203 and unit 204) is resolved by a unit number on the same line if
//! exactly one of the candidates is there; otherwise it is reported as ambiguous for the page
//! to ask about. It is never guessed.
//!
//! [`resolve_list`] reads a cell of a cohort file the same way, token by token, except that every
//! token must name a unit: there a word is a mistake to report, not a title to skip.

use std::collections::HashMap;

use crate::catalogue::Qualification;

use crate::words::{and_list, count_word, first_few, thousands};

/// The longest text read from the paste box: far more than any registration record or column of
/// a spreadsheet (a thousand lines of a unit each), and little enough to read at once.
pub const MAX_PASTE_BYTES: usize = 100_000;

/// What a pasted text names, against one qualification.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PasteResult {
    /// Why nothing was read (the text is too long), when that is so.
    pub refused: Option<String>,
    /// Unit keys recognised, each once, in the order first met.
    pub recognised: Vec<String>,
    /// Tokens that look like a unit number or reference but name no unit of the qualification,
    /// as typed, each once.
    pub unknown: Vec<String>,
    /// References printed for more than one unit, each once.
    pub ambiguous: Vec<Ambiguity>,
}

/// A reference number the document prints for more than one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity {
    /// As typed.
    pub token: String,
    /// The reference as printed, e.g. `L/503/0394`.
    pub reference: String,
    /// Keys of the units it is printed for, in document order.
    pub candidates: Vec<String>,
}

impl PasteResult {
    /// Nothing at all was found in the text.
    pub fn is_empty(&self) -> bool {
        self.refused.is_none() && self.recognised.is_empty() && self.unknown.is_empty() && self.ambiguous.is_empty()
    }

    /// Plain-English lines for the page about what could not be used; empty when everything
    /// was recognised. E.g. `Not recognised: 999, X/123/4567.` and `L/503/0394 is printed for
    /// two units: 203 and 204. Choose which you mean.`
    pub fn messages(&self) -> Vec<String> {
        let mut out: Vec<String> = self.refused.iter().cloned().collect();
        if !self.unknown.is_empty() {
            out.push(format!("Not recognised: {}.", first_few(&self.unknown, 20)));
        }
        for a in &self.ambiguous {
            out.push(format!(
                "{} is printed for {} units: {}. Choose which you mean.",
                a.reference,
                count_word(a.candidates.len()),
                and_list(&a.candidates)
            ));
        }
        out
    }

    /// One line saying how many units were recognised: `3 units recognised.`, `No units
    /// recognised.`
    pub fn recognised_line(&self) -> String {
        match self.recognised.len() {
            0 => "No units recognised.".to_owned(),
            1 => "1 unit recognised.".to_owned(),
            n => format!("{n} units recognised."),
        }
    }
}

/// One qualification's units by number and by reference, built once and then used for every
/// token: a cohort file reads thousands of cells against the same few qualifications.
#[derive(Debug, Clone, Default)]
pub struct UnitLookup {
    /// Unit number as [`unit_number`] writes it (no leading zeros) → key of the first unit in
    /// document order printed with it.
    numbers: HashMap<String, String>,
    /// Reference upper-cased → the reference as printed, and the keys of every unit printed
    /// with it, in document order.
    references: HashMap<String, (String, Vec<String>)>,
}

impl UnitLookup {
    pub fn new(q: &Qualification) -> UnitLookup {
        let mut lookup = UnitLookup::default();
        for (_, u) in q.units() {
            if let Some(n) = &u.number {
                let bare = n.trim_start_matches('0');
                let bare = if bare.is_empty() { "0" } else { bare };
                lookup.numbers.entry(bare.to_owned()).or_insert_with(|| u.key());
            }
            lookup
                .references
                .entry(u.reference.to_ascii_uppercase())
                .or_insert_with(|| (u.reference.clone(), Vec::new()))
                .1
                .push(u.key());
        }
        lookup
    }

    /// The unit a bare unit number (`204`, no leading zeros) names.
    fn number(&self, n: &str) -> Option<&str> {
        self.numbers.get(n).map(String::as_str)
    }

    /// Every unit printed with a normalised reference (`L/503/0394`), and the reference as printed.
    fn reference(&self, r: &str) -> Option<(&str, &[String])> {
        self.references
            .get(r)
            .map(|(printed, keys)| (printed.as_str(), keys.as_slice()))
    }
}

/// Reads a pasted list of units against one qualification. Never fails: whatever is not a unit
/// of `q` is listed.
pub fn resolve_paste(q: &Qualification, text: &str) -> PasteResult {
    let mut out = PasteResult::default();
    if text.len() > MAX_PASTE_BYTES {
        out.refused = Some(format!(
            "The pasted text is too long to be a list of units ({} characters; at most {} are read), so none of it was used. Paste one learner's units at a time.",
            thousands(text.len()),
            thousands(MAX_PASTE_BYTES)
        ));
        return out;
    }
    let lookup = UnitLookup::new(q);
    for line in text.split(['\n', '\r']) {
        read_line(&lookup, line, &mut out);
    }
    dedup_in_order(&mut out.recognised);
    dedup_in_order(&mut out.unknown);
    out
}

/// Reads one list of units, such as a spreadsheet cell, in which every token must name a unit:
/// unit numbers and references as [`resolve_paste`] reads them (an ambiguous reference settled
/// by a unit number beside it, as on a pasted line), `Unit`, `and` and the like skipped, and
/// anything else, words included, listed as not recognised. Line breaks separate tokens like
/// spaces. Unlike the paste box it has no size cap: the caller bounds the text.
pub fn resolve_list(lookup: &UnitLookup, text: &str) -> PasteResult {
    let mut out = PasteResult::default();
    let toks = tokens(text);
    let numbers_here = numbers(&toks);
    for t in &toks {
        match &t.kind {
            Kind::Reference(r) => reference_token(lookup, t.typed, r, &numbers_here, false, &mut out),
            Kind::Number(n) => number_token(lookup, t.typed, n, &mut out),
            Kind::Filler => {}
            Kind::Word | Kind::Neutral | Kind::Junk => push_unique(&mut out.unknown, t.typed),
        }
    }
    dedup_in_order(&mut out.recognised);
    dedup_in_order(&mut out.unknown);
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// Normalised `L/503/0394`.
    Reference(String),
    /// Digits without leading zeros.
    Number(String),
    /// "Unit", "and", a status: ignored, and does not make the line a row.
    Filler,
    /// A title word: makes the line a row.
    Word,
    /// A single letter or similar (a group letter): ignored.
    Neutral,
    /// Has digits but is neither a number nor a reference.
    Junk,
}

struct Token<'a> {
    typed: &'a str,
    lower: String,
    kind: Kind,
}

const FILLER: [&str; 17] = [
    "unit",
    "units",
    "and",
    "or",
    "no",
    "nos",
    "number",
    "numbers",
    "mandatory",
    "optional",
    "chosen",
    "achieved",
    "group",
    "status",
    "done",
    "planned",
    "yes",
];
/// Words after which a number is a level, credit value or hours, not a unit.
const MEASURE_BEFORE: [&str; 10] = [
    "level", "lvl", "credit", "credits", "glh", "hours", "hrs", "tqt", "value", "total",
];
/// Words before which a number is a credit value or hours, not a unit.
const MEASURE_AFTER: [&str; 6] = ["credit", "credits", "hours", "hrs", "glh", "tqt"];

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '|' | '\u{feff}' | '\u{200b}')
}

fn classify(typed: &str) -> Kind {
    let lower = typed.to_ascii_lowercase();
    if FILLER.contains(&lower.as_str()) {
        return Kind::Filler;
    }
    if let Some(r) = reference(typed) {
        return Kind::Reference(r);
    }
    if let Some(n) = unit_number(&lower) {
        return Kind::Number(n);
    }
    if typed.chars().any(|c| c.is_ascii_digit()) {
        return Kind::Junk;
    }
    if typed.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2 {
        Kind::Word
    } else {
        Kind::Neutral
    }
}

/// `L/503/0394`, `l5030394`, `L-503-0394` → `L/503/0394`.
fn reference(typed: &str) -> Option<String> {
    let bare: Vec<char> = typed.chars().filter(|c| !matches!(c, '/' | '-')).collect();
    if bare.len() != 8 || !bare[0].is_ascii_alphabetic() || !bare[1..].iter().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits: String = bare[1..].iter().collect();
    Some(format!(
        "{}/{}/{}",
        bare[0].to_ascii_uppercase(),
        &digits[..3],
        &digits[3..]
    ))
}

/// `204`, `unit204`, `u204`, `0204` → `204`.
fn unit_number(lower: &str) -> Option<String> {
    let digits = lower
        .strip_prefix("unit")
        .or_else(|| lower.strip_prefix('u'))
        .unwrap_or(lower);
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    Some(if trimmed.is_empty() {
        "0".to_owned()
    } else {
        trimmed.to_owned()
    })
}

fn tokens(line: &str) -> Vec<Token<'_>> {
    line.split(is_separator)
        .map(|t| t.trim_matches(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|t| !t.is_empty())
        .map(|typed| Token {
            typed,
            lower: typed.to_ascii_lowercase(),
            kind: classify(typed),
        })
        .collect()
}

/// Duplicates are dropped once, at the end of reading, in one pass: a long paste may repeat
/// thousands of tokens.
fn push_unique(list: &mut Vec<String>, item: &str) {
    list.push(item.to_owned());
}

fn dedup_in_order(list: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|x| seen.insert(x.clone()));
}

/// Unit numbers among the tokens, for settling an ambiguous reference beside them.
fn numbers<'b>(toks: &'b [Token<'_>]) -> Vec<&'b str> {
    toks.iter()
        .filter_map(|t| {
            if let Kind::Number(n) = &t.kind {
                Some(n.as_str())
            } else {
                None
            }
        })
        .collect()
}

fn read_line(lookup: &UnitLookup, line: &str, out: &mut PasteResult) {
    let toks = tokens(line);
    if toks.is_empty() {
        return;
    }
    let is_row = toks.iter().any(|t| t.kind == Kind::Word);
    let numbers_here = numbers(&toks);
    let has_reference = toks.iter().any(|t| matches!(t.kind, Kind::Reference(_)));
    for t in &toks {
        match &t.kind {
            Kind::Reference(r) => reference_token(lookup, t.typed, r, &numbers_here, is_row, out),
            Kind::Number(n) if !is_row => number_token(lookup, t.typed, n, out),
            Kind::Junk if !is_row => push_unique(&mut out.unknown, t.typed),
            _ => {}
        }
    }
    if is_row && !has_reference {
        if let Some(t) = row_number(&toks) {
            if let Kind::Number(n) = &t.kind {
                number_token(lookup, t.typed, n, out);
            }
        }
    }
}

/// The unit number a row names: the one written after "Unit", else the first before any title
/// word; never a level, credit value or hours.
fn row_number<'a, 'b>(toks: &'b [Token<'a>]) -> Option<&'b Token<'a>> {
    let measure = |i: usize| {
        (i > 0 && MEASURE_BEFORE.contains(&toks[i - 1].lower.as_str()))
            || toks
                .get(i + 1)
                .is_some_and(|n| MEASURE_AFTER.contains(&n.lower.as_str()))
    };
    let candidates: Vec<usize> = (0..toks.len())
        .filter(|&i| matches!(toks[i].kind, Kind::Number(_)) && !measure(i))
        .collect();
    let after_unit = candidates
        .iter()
        .find(|&&i| i > 0 && matches!(toks[i - 1].lower.as_str(), "unit" | "units" | "u"));
    if let Some(&i) = after_unit {
        return Some(&toks[i]);
    }
    let first_word = toks.iter().position(|t| t.kind == Kind::Word).unwrap_or(toks.len());
    candidates.into_iter().find(|&i| i < first_word).map(|i| &toks[i])
}

fn number_token(lookup: &UnitLookup, typed: &str, n: &str, out: &mut PasteResult) {
    match lookup.number(n) {
        Some(key) => push_unique(&mut out.recognised, key),
        None => push_unique(&mut out.unknown, typed),
    }
}

fn reference_token(
    lookup: &UnitLookup,
    typed: &str,
    r: &str,
    numbers_here: &[&str],
    is_row: bool,
    out: &mut PasteResult,
) {
    let Some((printed, keys)) = lookup.reference(r) else {
        push_unique(&mut out.unknown, typed);
        return;
    };
    if let [one] = keys {
        push_unique(&mut out.recognised, one);
        return;
    }
    let here: Vec<&String> = keys
        .iter()
        .filter(|k| numbers_here.iter().any(|n| lookup.number(n) == Some(k.as_str())))
        .collect();
    match here.as_slice() {
        [one] => push_unique(&mut out.recognised, one),
        // A list line names each of them by number anyway.
        [_, _, ..] if !is_row => {}
        _ => {
            if !out.ambiguous.iter().any(|a| a.reference == printed) {
                out.ambiguous.push(Ambiguity {
                    token: typed.to_owned(),
                    reference: printed.to_owned(),
                    candidates: keys.to_vec(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(number: &str) -> &'static Qualification {
        crate::catalogue::shared().unwrap().qualification(number).unwrap()
    }

    fn keys(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tokens_are_classified() {
        assert_eq!(classify("L/503/0394"), Kind::Reference("L/503/0394".into()));
        assert_eq!(classify("l5030394"), Kind::Reference("L/503/0394".into()));
        assert_eq!(classify("L-503-0394"), Kind::Reference("L/503/0394".into()));
        assert_eq!(classify("204"), Kind::Number("204".into()));
        assert_eq!(classify("Unit204"), Kind::Number("204".into()));
        assert_eq!(classify("U12"), Kind::Number("12".into()));
        assert_eq!(classify("007"), Kind::Number("7".into()));
        assert_eq!(classify("Unit"), Kind::Filler);
        assert_eq!(classify("Carry"), Kind::Word);
        assert_eq!(classify("B"), Kind::Neutral);
        assert_eq!(classify("2O7"), Kind::Junk);
        assert_eq!(classify("12345"), Kind::Junk);
        assert_eq!(classify("600/1135/X"), Kind::Junk);
    }

    #[test]
    fn a_plain_list_in_any_separators() {
        let r = resolve_paste(q("600/1136/1"), "204, 207;302\n303\t212  318");
        assert_eq!(r.recognised, keys(&["204", "207", "302", "303", "212", "318"]));
        assert!(r.unknown.is_empty() && r.ambiguous.is_empty());
        assert!(r.messages().is_empty());
    }

    #[test]
    fn footnote_marks_and_unit_words() {
        let r = resolve_paste(q("600/1136/1"), "Unit 204, unit 207 and 319*, (302), \"303\"");
        assert_eq!(r.recognised, keys(&["204", "207", "319", "302", "303"]));
    }

    #[test]
    fn rows_with_titles_take_the_unit_number_only() {
        let text = "204\tCarry out direct sales\t2\t4\n207\tPromote additional products or services to customers\t3\t6";
        let r = resolve_paste(q("600/1136/1"), text);
        assert_eq!(r.recognised, keys(&["204", "207"]));
        assert!(r.unknown.is_empty(), "{r:?}");
    }

    #[test]
    fn levels_and_credits_are_not_units() {
        let r = resolve_paste(
            q("601/3478/1"),
            "Level 3 Diploma in Customer Service\nUnit 12: Something, level 2, 5 credits",
        );
        assert_eq!(r.recognised, keys(&["12"]));
        assert!(r.unknown.is_empty(), "{r:?}");
    }

    #[test]
    fn ambiguous_reference_is_not_guessed() {
        let r = resolve_paste(q("600/1135/X"), "  l/503/0394 ");
        assert!(r.recognised.is_empty());
        assert_eq!(r.ambiguous.len(), 1);
        assert_eq!(r.ambiguous[0].candidates, keys(&["203", "204"]));
        assert_eq!(
            r.messages(),
            vec!["L/503/0394 is printed for two units: 203 and 204. Choose which you mean.".to_owned()]
        );
    }

    #[test]
    fn ambiguous_reference_settled_by_number_on_the_row() {
        let r = resolve_paste(q("600/1135/X"), "204\tL/503/0394\tCarry out direct sales");
        assert_eq!(r.recognised, keys(&["204"]));
        assert!(r.ambiguous.is_empty());
        let r = resolve_paste(q("600/1135/X"), "203 L/503/0394");
        assert_eq!(r.recognised, keys(&["203"]));
        assert!(r.ambiguous.is_empty());
    }

    #[test]
    fn unknown_tokens_as_typed() {
        let r = resolve_paste(q("600/1136/1"), "204, 999, X/123/4567, 2O7, 204");
        assert_eq!(r.recognised, keys(&["204"]));
        assert_eq!(r.unknown, keys(&["999", "X/123/4567", "2O7"]));
        assert_eq!(r.messages(), vec!["Not recognised: 999, X/123/4567, 2O7.".to_owned()]);
    }

    #[test]
    fn a_huge_paste_is_refused_and_a_long_one_read_in_one_pass() {
        let huge = "999 ".repeat(MAX_PASTE_BYTES);
        let r = resolve_paste(q("600/1136/1"), &huge);
        assert!(r.recognised.is_empty() && r.unknown.is_empty());
        assert!(
            r.messages()[0].starts_with("The pasted text is too long"),
            "{:?}",
            r.messages()
        );
        assert!(!r.is_empty(), "a refusal is something to tell");
        let long: String = (0..8_000).map(|n| format!("{} 204\n", 10_000 + n)).collect();
        assert!(long.len() < MAX_PASTE_BYTES);
        let r = resolve_paste(q("600/1136/1"), &long);
        assert_eq!(r.recognised, keys(&["204"]));
        assert_eq!(r.unknown.len(), 8_000);
        let message = &r.messages()[0];
        assert!(message.ends_with(" and 7,980 more."), "{message}");
    }

    #[test]
    fn empty_and_wordy_text() {
        assert!(resolve_paste(q("600/1136/1"), "").is_empty());
        assert!(resolve_paste(q("600/1136/1"), " \n\t ,;").is_empty());
        assert!(resolve_paste(
            q("600/1136/1"),
            "Status,Group,Unit number,Reference,Title,Level,Credits,GLH"
        )
        .is_empty());
        assert_eq!(
            resolve_paste(q("600/1136/1"), "").recognised_line(),
            "No units recognised."
        );
    }
}
