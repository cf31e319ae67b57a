//! Checking each learner's row: the plan it describes, judged by the same engine as the planner
//! page, or exactly what in the row stops it being checked.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use crate::address::{encode, Route};
use crate::catalogue::{Catalogue, Qualification};
use crate::date::Date;
use crate::engine::{self, Compiled, Plan};
use crate::travel::{find_qualification, resolve_list, UnitLookup};
use crate::words::{and_list, clip, count_word, first_few, lower_first, plural};

use super::read::{Column, LearnerRow};

/// A learner's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// The plan meets every rule.
    Met,
    /// The plan was checked and some rule is not met.
    Unmet,
    /// The row could not be checked.
    Error,
}

impl Verdict {
    /// As the results table and its CSV write it.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::Unmet => "unmet",
            Verdict::Error => "error",
        }
    }
}

/// Credits in the plan against the qualification's total: written "38 of 42".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Credits {
    pub have: u32,
    pub needed: u32,
}

impl fmt::Display for Credits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} of {}", self.have, self.needed)
    }
}

/// What in a row stops it being checked. Text is kept as typed; [`Problem::sentence`] quotes
/// it cut short.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    MissingLearner,
    MissingQualification,
    /// A qualification number the catalogue does not have.
    UnknownQualification {
        typed: String,
    },
    /// Tokens in a units or achieved cell that name no unit of the qualification, each once.
    UnknownUnits {
        column: Column,
        qualification: String,
        tokens: Vec<String>,
    },
    /// A reference the qualification prints for more than one unit, with nothing beside it to
    /// say which. `candidates` are the units' keys in document order.
    AmbiguousUnit {
        column: Column,
        qualification: String,
        token: String,
        candidates: Vec<String>,
    },
    /// A registered date that is neither `2024-09-01` nor `01/09/2024` (day first).
    BadDate {
        typed: String,
    },
}

/// How many unknown tokens a sentence names before "and N more".
const TOKENS_SHOWN: usize = 5;

impl Problem {
    pub fn sentence(&self) -> String {
        match self {
            Problem::MissingLearner => "The learner's name is empty.".to_owned(),
            Problem::MissingQualification => "The qualification is empty.".to_owned(),
            Problem::UnknownQualification { typed } => {
                format!("Qualification \u{201c}{}\u{201d} is not one this app covers.", clip(typed))
            }
            Problem::UnknownUnits {
                column,
                qualification,
                tokens,
            } => {
                let named = if tokens.len() <= TOKENS_SHOWN {
                    and_list(&tokens.iter().map(|t| clip(t)).collect::<Vec<_>>())
                } else {
                    first_few(tokens, TOKENS_SHOWN)
                };
                let verb = if tokens.len() == 1 {
                    "is not a unit"
                } else {
                    "are not units"
                };
                format!("In the {} column, {named} {verb} of {qualification}.", column.name())
            }
            Problem::AmbiguousUnit {
                column,
                qualification,
                token,
                candidates,
            } => format!(
                "In the {} column, {} is printed for {} units of {qualification}, {}: write the unit number instead.",
                column.name(),
                clip(token),
                count_word(candidates.len()),
                and_list(candidates)
            ),
            Problem::BadDate { typed } => format!(
                "The registered date \u{201c}{}\u{201d} is not a date: write it as 2024-09-01 or 01/09/2024 (day first).",
                clip(typed)
            ),
        }
    }
}

/// A row that was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// `Compiled::evaluate(&plan).met()`.
    pub met: bool,
    pub credits: Credits,
    /// The plan as the planner stores it (see [`Checker::check`]).
    pub plan: Plan,
    /// The planner's address for the plan, `#/600-1135-X?do=…`.
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Checked(Checked),
    /// Every problem in the row, in column order.
    Error(Vec<Problem>),
}

/// One learner's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortRow {
    /// The row number the spreadsheet shows.
    pub row: usize,
    /// As written (trimmed).
    pub learner: String,
    /// The number as printed where the catalogue has it, otherwise as written.
    pub qualification: String,
    /// The units, achieved and registered cells as written, so the results file carries the
    /// learner's own row and can be corrected and checked again.
    pub units: String,
    pub achieved: String,
    pub registered: String,
    pub outcome: Outcome,
    /// The results table's "missing" column, made once so that sorting by it costs nothing: for
    /// an unmet plan what is missing in one sentence, for a met plan nothing, for an error row
    /// its row number and every problem (`Row 7: …`).
    pub message: String,
}

impl CohortRow {
    pub fn verdict(&self) -> Verdict {
        match &self.outcome {
            Outcome::Checked(c) if c.met => Verdict::Met,
            Outcome::Checked(_) => Verdict::Unmet,
            Outcome::Error(_) => Verdict::Error,
        }
    }

    pub fn credits(&self) -> Option<Credits> {
        match &self.outcome {
            Outcome::Checked(c) => Some(c.credits),
            Outcome::Error(_) => None,
        }
    }

    /// The planner's address for this learner's plan; none for an error row.
    pub fn link(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Checked(c) => Some(&c.link),
            Outcome::Error(_) => None,
        }
    }
}

/// How many of the engine's unmet-rule sentences the "missing" sentence quotes before "and N
/// more rules": enough to act on, short enough for a table cell.
const RULES_SHOWN: usize = 2;

/// What is missing, in one sentence made of the engine's unmet-rule sentences: "Add at least 4
/// more credits: 38 of the 42 credits needed so far; at least 23 credits at level 3 or above: 20
/// so far, 3 more needed." Empty when every rule is met.
pub fn missing_sentence(verdict: &engine::Verdict) -> String {
    let unmet: Vec<String> = verdict.unmet().map(|r| r.sentence()).collect();
    if unmet.is_empty() {
        return String::new();
    }
    let mut parts: Vec<String> = unmet
        .iter()
        .take(RULES_SHOWN)
        .enumerate()
        .map(|(i, s)| {
            // A sentence with two (the cap on a list of units says what to remove) runs on as one.
            let clauses: Vec<String> = s
                .trim_end_matches('.')
                .split(". ")
                .enumerate()
                .map(|(j, c)| if i + j == 0 { c.to_owned() } else { lower_first(c) })
                .collect();
            clauses.join(", ")
        })
        .collect();
    if unmet.len() > RULES_SHOWN {
        parts.push(format!(
            "and {} not met",
            plural((unmet.len() - RULES_SHOWN) as u32, "more rule", "more rules")
        ));
    }
    format!("{}.", parts.join("; "))
}

/// Reads a registered cell: empty is no date.
fn registered(text: &str) -> Result<Option<Date>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    Date::parse_iso(text)
        .or_else(|| Date::parse_day_first(text))
        .map(Some)
        .ok_or(())
}

/// A units cell that says there are none.
fn says_none(text: &str) -> bool {
    ["none", "n/a", "nil"].iter().any(|w| w.eq_ignore_ascii_case(text))
}

struct Known<'a> {
    q: &'a Qualification,
    compiled: Compiled,
    lookup: UnitLookup,
}

/// Checks rows against one catalogue, compiling each qualification and indexing its units once,
/// the first time a row names it, so that a cohort costs one plan evaluation a learner.
pub struct Checker<'a> {
    cat: &'a Catalogue,
    /// Qualification cells as written → index into `known`, or none for an unknown number.
    seen: HashMap<String, Option<usize>>,
    known: Vec<Known<'a>>,
}

impl<'a> Checker<'a> {
    pub fn new(cat: &'a Catalogue) -> Checker<'a> {
        Checker {
            cat,
            seen: HashMap::new(),
            known: Vec::new(),
        }
    }

    fn qualification(&mut self, typed: &str) -> Option<usize> {
        if let Some(&k) = self.seen.get(typed) {
            return k;
        }
        let found = find_qualification(self.cat, typed).and_then(|q| {
            if let Some(k) = self.known.iter().position(|k| k.q.number == q.number) {
                return Some(k);
            }
            let compiled = Compiled::new(q).ok()?;
            self.known.push(Known {
                q,
                compiled,
                lookup: UnitLookup::new(q),
            });
            Some(self.known.len() - 1)
        });
        self.seen.insert(typed.to_owned(), found);
        found
    }

    /// Checks one row. Units are read token by token as the paste box reads them (unit
    /// numbers, references, `Unit 204`; see `travel::paste::resolve_list`). A unit both to do
    /// and achieved counts once, as achieved, as the planner keeps it; mandatory units count
    /// whether listed or not. Every problem in the row is reported, not only the first.
    pub fn check(&mut self, row: &LearnerRow) -> CohortRow {
        let mut problems = Vec::new();
        if row.learner.is_empty() {
            problems.push(Problem::MissingLearner);
        }
        let known = if row.qualification.is_empty() {
            problems.push(Problem::MissingQualification);
            None
        } else {
            let k = self.qualification(&row.qualification);
            if k.is_none() {
                problems.push(Problem::UnknownQualification {
                    typed: row.qualification.clone(),
                });
            }
            k
        };
        let units = known.map(|k| {
            let known = &self.known[k];
            (
                read_units(known, Column::Units, &row.units, &mut problems),
                read_units(known, Column::Achieved, &row.achieved, &mut problems),
            )
        });
        let date = registered(&row.registered).unwrap_or_else(|()| {
            problems.push(Problem::BadDate {
                typed: row.registered.clone(),
            });
            None
        });
        let qualification = match known {
            Some(k) => self.known[k].q.number.clone(),
            None => row.qualification.clone(),
        };
        let (Some(k), Some((chosen, achieved)), true) = (known, units, problems.is_empty()) else {
            let message = format!(
                "Row {}: {}",
                row.row,
                problems.iter().map(Problem::sentence).collect::<Vec<_>>().join(" ")
            );
            return CohortRow {
                row: row.row,
                learner: row.learner.clone(),
                qualification,
                units: row.units.clone(),
                achieved: row.achieved.clone(),
                registered: row.registered.clone(),
                outcome: Outcome::Error(problems),
                message,
            };
        };
        let known = &self.known[k];
        let mut plan = Plan {
            chosen,
            achieved,
            registered: date,
            ..Plan::default()
        };
        crate::travel::tidy(known.q, &mut plan);
        let verdict = known.compiled.evaluate(&plan);
        let link = encode(&Route::Planner {
            number: known.q.number.clone(),
            plan: plan.clone(),
        });
        CohortRow {
            row: row.row,
            learner: row.learner.clone(),
            qualification,
            units: row.units.clone(),
            achieved: row.achieved.clone(),
            registered: row.registered.clone(),
            message: missing_sentence(&verdict),
            outcome: Outcome::Checked(Checked {
                met: verdict.met(),
                credits: Credits {
                    have: verdict.totals.credits,
                    needed: known.compiled.total_credits,
                },
                plan,
                link,
            }),
        }
    }
}

/// The units a cell names, reporting what it names wrongly.
fn read_units(known: &Known<'_>, column: Column, text: &str, problems: &mut Vec<Problem>) -> BTreeSet<String> {
    if says_none(text) {
        return BTreeSet::new();
    }
    let read = resolve_list(&known.lookup, text);
    if !read.unknown.is_empty() {
        problems.push(Problem::UnknownUnits {
            column,
            qualification: known.q.number.clone(),
            tokens: read.unknown,
        });
    }
    for a in read.ambiguous {
        problems.push(Problem::AmbiguousUnit {
            column,
            qualification: known.q.number.clone(),
            token: a.token,
            candidates: a.candidates,
        });
    }
    read.recognised.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(learner: &str, qualification: &str, units: &str, achieved: &str, registered: &str) -> LearnerRow {
        LearnerRow {
            row: 2,
            learner: learner.into(),
            qualification: qualification.into(),
            units: units.into(),
            achieved: achieved.into(),
            registered: registered.into(),
        }
    }

    fn cat() -> &'static Catalogue {
        crate::catalogue::shared().unwrap()
    }

    #[test]
    fn problem_sentences_name_what_is_wrong() {
        let mut c = Checker::new(cat());
        let r = c.check(&row("", "600/1135/x", "999 L/503/0394 abc", "", "31/02/2024"));
        assert_eq!(r.verdict(), Verdict::Error);
        assert_eq!(r.qualification, "600/1135/X");
        assert_eq!(
            r.message,
            "Row 2: The learner's name is empty. In the units column, 999 and abc are not units of 600/1135/X. \
             In the units column, L/503/0394 is printed for two units of 600/1135/X, 203 and 204: write the unit \
             number instead. The registered date \u{201c}31/02/2024\u{201d} is not a date: write it as 2024-09-01 \
             or 01/09/2024 (day first)."
        );
        let many = (1000..1010).map(|n| n.to_string()).collect::<Vec<_>>().join(" ");
        let r = c.check(&row("A", "600/1135/X", "", &many, ""));
        assert_eq!(
            r.message,
            "Row 2: In the achieved column, 1000, 1001, 1002, 1003, 1004 and 5 more are not units of 600/1135/X."
        );
        let r = c.check(&row("A", "", "", "", ""));
        assert_eq!(r.message, "Row 2: The qualification is empty.");
        let r = c.check(&row("A", "=1+1", "204", "", ""));
        assert_eq!(
            r.message,
            "Row 2: Qualification \u{201c}=1+1\u{201d} is not one this app covers."
        );
    }

    #[test]
    fn a_unit_to_do_and_achieved_counts_once_as_achieved() {
        let mut c = Checker::new(cat());
        let r = c.check(&row("A", "600/1136/1", "204; 101; 302", "204", "2024-09-01"));
        let Outcome::Checked(checked) = &r.outcome else {
            panic!("{r:?}")
        };
        assert_eq!(checked.plan.chosen, ["302".to_owned()].into());
        assert_eq!(checked.plan.achieved, ["204".to_owned()].into());
        assert_eq!(checked.link, "#/600-1136-1?do=302&done=204&registered=2024-09-01");
        let compiled = Compiled::new(cat().qualification("600/1136/1").unwrap()).unwrap();
        let untidy = Plan {
            chosen: ["204", "101", "302"].map(String::from).into(),
            achieved: ["204".to_owned()].into(),
            registered: Date::parse_iso("2024-09-01"),
            ..Plan::default()
        };
        let v = compiled.evaluate(&untidy);
        assert_eq!(checked.met, v.met());
        assert_eq!(checked.credits.have, v.totals.credits);
        assert_eq!(r.message, missing_sentence(&v));
    }

    #[test]
    fn missing_is_one_sentence_of_the_engines_sentences() {
        let compiled = Compiled::new(cat().qualification("600/1136/1").unwrap()).unwrap();
        let v = compiled.evaluate(&Plan::default());
        let unmet: Vec<String> = v.unmet().map(|r| r.sentence()).collect();
        assert!(unmet.len() > RULES_SHOWN, "{unmet:?}");
        let s = missing_sentence(&v);
        assert!(s.starts_with(unmet[0].trim_end_matches('.')), "{s}");
        assert!(
            s.contains(&format!("; {}", lower_first(unmet[1].trim_end_matches('.')))),
            "{s}"
        );
        assert!(
            s.ends_with(&format!(
                "; and {} not met.",
                plural((unmet.len() - 2) as u32, "more rule", "more rules")
            )),
            "{s}"
        );
        assert_eq!(s.matches(". ").count(), 0, "one sentence: {s}");
    }

    #[test]
    fn dates_both_ways_and_none_cells() {
        assert_eq!(registered(""), Ok(None));
        assert_eq!(registered("2024-09-01"), Ok(Date::parse_iso("2024-09-01")));
        assert_eq!(registered("01/09/2024"), Ok(Date::parse_iso("2024-09-01")));
        assert_eq!(registered("09/31/2024"), Err(()));
        assert_eq!(registered("1 Sept 2024"), Err(()));
        let mut c = Checker::new(cat());
        assert_eq!(
            c.check(&row("A", "600/1136/1", "N/A", "none", "")).verdict(),
            Verdict::Unmet
        );
    }
}
