//! Finding units by words: in every qualification ([`search`]) and in one qualification's unit
//! list (the planner's filter, through [`unit_matches`]). Both read words the same way.
//!
//! # How words match
//!
//! Text and query are read as words: ASCII letters and digits, lower-cased; everything else
//! (spaces, punctuation, slashes, apostrophes) only separates words. A word of four or more
//! letters loses one final `s` (not `ss`), so "complaints" finds "complaint" and the other way
//! round. Every query word must occur in the unit's text, in any order: a word of letters
//! matches the start of a word there ("handl" finds "handling"), a word with a digit in it only
//! a whole word ("20" does not find unit 201).
//!
//! A unit's text is its title, unit number, reference, summary and learning outcomes with their
//! assessment criteria, from the document the catalogue names for its content.
//!
//! # Ranking
//!
//! Results come in [`Rank`] order: the query is the whole title, or the unit number or
//! reference; the title holds the query as a phrase; the title holds every word; the words are
//! found only with the content. Within a rank, by title (case aside), then reference.

use std::sync::OnceLock;

use crate::catalogue::{shared, Catalogue, UnitDetail, UnitEntry};

use super::shared_units::{ambiguous_references, Placement};

/// The words of `text`, as matching reads them. A reference typed without its slashes
/// (`k5030418`) reads as the three words it is printed as.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = w.to_ascii_lowercase();
        let b = w.as_bytes();
        if b.len() == 8 && b[0].is_ascii_alphabetic() && b[1..].iter().all(u8::is_ascii_digit) {
            out.extend([&w[..1], &w[1..4], &w[4..]].map(str::to_owned));
        } else {
            out.push(stem(&w));
        }
    }
    out
}

fn stem(w: &str) -> String {
    if w.len() >= 4 && w.ends_with('s') && !w.ends_with("ss") && w.bytes().all(|b| b.is_ascii_alphabetic()) {
        w[..w.len() - 1].to_owned()
    } else {
        w.to_owned()
    }
}

/// `text` as one line of words, each with a space before it, ready for [`Query::found_in`].
pub fn prepare(text: &str) -> String {
    let mut out = String::new();
    for w in words(text) {
        out.push(' ');
        out.push_str(&w);
    }
    out
}

/// What the user typed, read as words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn new(text: &str) -> Query {
        let mut words = words(text);
        words.dedup();
        Query { words }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Every query word is in `prepared` (text made by [`prepare`]), in any order.
    pub fn found_in(&self, prepared: &str) -> bool {
        self.words.iter().all(|w| word_in(w, prepared))
    }

    /// The query's words in order, as [`prepare`] writes them.
    fn phrase(&self) -> String {
        self.words.iter().map(|w| format!(" {w}")).collect()
    }
}

fn word_in(w: &str, prepared: &str) -> bool {
    let whole = w.bytes().any(|b| b.is_ascii_digit());
    let needle = format!(" {w}");
    prepared
        .match_indices(&needle)
        .any(|(at, _)| !whole || prepared[at + needle.len()..].chars().next().is_none_or(|c| c == ' '))
}

/// How well a unit matches, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// The query is the whole title, or the unit's number or reference.
    Whole,
    /// The title holds the query's words in the order typed.
    TitlePhrase,
    /// The title holds every word of the query.
    TitleWords,
    /// Some words are found only in the unit's summary or learning outcomes.
    Content,
}

/// One unit entry of one qualification, as the search reads it.
struct Indexed {
    /// Index into the catalogue's qualifications.
    qualification: usize,
    entry: &'static UnitEntry,
    group: usize,
    title: String,
    /// Title, number, reference and content.
    all: String,
    /// The unit number and the reference, each prepared on its own.
    names: [String; 2],
}

fn index() -> &'static [Indexed] {
    static INDEX: OnceLock<Vec<Indexed>> = OnceLock::new();
    INDEX.get_or_init(|| shared().map(build).unwrap_or_default())
}

fn build(cat: &'static Catalogue) -> Vec<Indexed> {
    let mut out = Vec::new();
    for (qi, q) in cat.qualifications.iter().enumerate() {
        for (gi, g) in q.groups.iter().enumerate() {
            for u in &g.units {
                let mut all = format!("{} {} {}", u.title, u.number.as_deref().unwrap_or(""), u.reference);
                if let Some(d) = cat.detail(u) {
                    for part in d.summary.iter().chain(
                        d.outcomes
                            .iter()
                            .flat_map(|o| std::iter::once(&o.text).chain(o.criteria.iter().map(|c| &c.text))),
                    ) {
                        all.push(' ');
                        all.push_str(part);
                    }
                }
                out.push(Indexed {
                    qualification: qi,
                    entry: u,
                    group: gi,
                    title: prepare(&u.title),
                    all: prepare(&all),
                    names: [prepare(u.number.as_deref().unwrap_or("")), prepare(&u.reference)],
                });
            }
        }
    }
    out
}

/// Whether each unit of the qualification numbered `number` matches `query`, in document order
/// (the order of `Compiled::units`). Every unit matches an empty query.
pub fn unit_matches(number: &str, query: &Query) -> Vec<bool> {
    let Ok(cat) = shared() else { return Vec::new() };
    let Some(qi) = cat.qualifications.iter().position(|q| q.number == number) else {
        return Vec::new();
    };
    index()
        .iter()
        .filter(|u| u.qualification == qi)
        .map(|u| query.is_empty() || query.found_in(&u.all))
        .collect()
}

fn rank(u: &Indexed, query: &Query) -> Option<Rank> {
    let phrase = query.phrase();
    if u.title == phrase || u.names.contains(&phrase) {
        Some(Rank::Whole)
    } else if u.title.contains(&phrase) && query.found_in(&u.title) {
        Some(Rank::TitlePhrase)
    } else if query.found_in(&u.title) {
        Some(Rank::TitleWords)
    } else if query.found_in(&u.all) {
        Some(Rank::Content)
    } else {
        None
    }
}

/// A unit found: one reference and title, with every qualification that includes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub reference: String,
    /// As the first qualification that includes it prints it.
    pub title: String,
    pub rank: Rank,
    /// The unit's summary, where a document prints one.
    pub summary: Option<String>,
    /// For a unit found by its content: the first learning outcome or criterion with a query
    /// word in it, as printed.
    pub passage: Option<String>,
    /// Every entry for this unit, in catalogue order.
    pub placements: Vec<Placement>,
    /// The reference is printed for more than one unit (see `specs/ERRATA.md`).
    pub ambiguous: bool,
}

/// Every unit of every qualification that matches `text`, best first. Entries with the same
/// reference are one unit, found when any of its entries matches and listed with all of them;
/// a reference printed for two different units gives one result per title, each marked
/// ambiguous.
pub fn search(cat: &Catalogue, text: &str) -> Vec<Found> {
    let query = Query::new(text);
    if query.is_empty() {
        return Vec::new();
    }
    let ambiguous = ambiguous_references(cat);
    let index = index();
    // Each unit once: its entries' positions in the index, in catalogue order. One reference is
    // one unit (titles may differ in a letter, as Y/502/4291's do), except a reference printed
    // for two different units, whose entries are told apart by title.
    let mut units: Vec<Vec<usize>> = Vec::new();
    for (i, u) in index.iter().enumerate() {
        let same = |g: &&mut Vec<usize>| {
            let first = &index[g[0]];
            first.entry.reference == u.entry.reference
                && (first.title == u.title || !ambiguous.contains(&u.entry.reference))
        };
        match units.iter_mut().find(same) {
            Some(g) => g.push(i),
            None => units.push(vec![i]),
        }
    }
    let mut found = Vec::new();
    for entries in units {
        let Some(best) = entries.iter().filter_map(|&i| rank(&index[i], &query)).min() else {
            continue;
        };
        let first = &index[entries[0]];
        let placements: Vec<Placement> = entries
            .iter()
            .map(|&i| {
                let u = &index[i];
                let q = &cat.qualifications[u.qualification];
                Placement::new(q, &q.groups[u.group], u.entry)
            })
            .collect();
        let detail = entries.iter().find_map(|&i| cat.detail(index[i].entry));
        found.push(Found {
            reference: first.entry.reference.clone(),
            title: first.entry.title.clone(),
            rank: best,
            summary: detail.and_then(|d| d.summary.clone()),
            passage: if best == Rank::Content {
                detail.and_then(|d| passage(d, &query))
            } else {
                None
            },
            placements,
            ambiguous: ambiguous.contains(&first.entry.reference),
        });
    }
    super::sorted(found, |f| (f.rank, f.title.to_ascii_lowercase(), f.reference.clone()))
}

/// The first outcome or criterion of the unit's content with a query word in it.
fn passage(detail: &UnitDetail, query: &Query) -> Option<String> {
    detail
        .outcomes
        .iter()
        .flat_map(|o| std::iter::once(&o.text).chain(o.criteria.iter().map(|c| &c.text)))
        .chain(detail.summary.iter())
        .find(|t| {
            let prepared = prepare(t);
            query.words.iter().any(|w| word_in(w, &prepared))
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_case_punctuation_and_a_plural_s() {
        assert_eq!(
            words("Handling customers' COMPLAINTS, K/503/0418"),
            ["handling", "customer", "complaint", "k", "503", "0418"]
        );
        assert_eq!(words("business process"), ["business", "process"]);
        assert_eq!(words("k5030418"), ["k", "503", "0418"]);
    }

    #[test]
    fn every_word_in_any_order_letters_by_prefix_digits_whole() {
        let text = prepare("Record the outcome of the handling of complaints; unit 201");
        assert!(Query::new("complaints handling").found_in(&text));
        assert!(Query::new("handl complaint").found_in(&text));
        assert!(!Query::new("handling refunds").found_in(&text));
        assert!(Query::new("201").found_in(&text));
        assert!(!Query::new("20").found_in(&text));
        assert!(Query::new("").found_in(&text));
    }

    proptest::proptest! {
        #[test]
        fn order_case_and_punctuation_do_not_change_what_is_found(
            picked in proptest::sample::subsequence(
                vec!["customer", "complaints", "handling", "deal", "service", "contact", "centre", "sales"],
                1..4,
            )
        ) {
            let cat = shared().unwrap();
            let found = |t: &str| -> Vec<(String, String)> {
                let mut v: Vec<_> = search(cat, t).into_iter().map(|f| (f.reference, f.title)).collect();
                v.sort();
                v
            };
            let mut backwards = picked.clone();
            backwards.reverse();
            let shouted: Vec<String> = backwards.iter().map(|w| w.to_ascii_uppercase()).collect();
            proptest::prop_assert_eq!(found(&picked.join(" ")), found(&shouted.join(", ")));
        }
    }
}
