//! Carrying a learner's units from one qualification's plan to another's.
//!
//! The rules, in order, for each unit of the source plan (mandatory units included):
//!
//! 1. A unit **already achieved** is carried; a unit **still to do** is carried only if the
//!    user says it is complete ([`Choices::complete`]). Others stay behind.
//! 2. A unit is found in the target only by its **unit reference number**. If the target prints
//!    no unit under it, it is not carried and is listed as not included.
//! 3. If the reference is **ambiguous** (some qualification prints it for more than one unit,
//!    see [`ambiguous_references`]), it is carried only to the target unit that is the very
//!    same printed unit (the same unit number with its content in the same document, such as
//!    City & Guilds unit 204 in the Level 2 and Level 3 tables). Otherwise the user is asked
//!    which target unit it is, or whether to leave it ([`Choices::answers`]); unanswered, it is
//!    not carried. It is never guessed.
//! 4. Otherwise it is carried as the target's unit under that reference, marked **already
//!    achieved**, whether that unit is mandatory or optional there.
//!
//! The target plan holds only the carried units, as achieved, with a record of where they
//! came from (`Plan::carried`). Whether the target's awarding body accepts them is for that
//! body to confirm; [`CONFIRM_SOURCE`] is why the app cannot say.

use std::collections::{BTreeMap, BTreeSet};

use crate::catalogue::{Catalogue, Qualification, UnitEntry};
use crate::engine::{Carried, Compiled, Plan};
use crate::solver::{self, Goal, Request};
use crate::words::{and_list, credits, units};

use super::shared_units::ambiguous_references;

/// What the user says about the source plan before carrying.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    /// Source keys of units still to do that the user says are complete.
    pub complete: BTreeSet<String>,
    /// For a unit whose reference is ambiguous, by source key: the target key it is, or `None`
    /// for "do not carry it".
    pub answers: BTreeMap<String, Option<String>>,
}

/// A unit of the source plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceUnit {
    pub key: String,
    pub reference: String,
    pub title: String,
    /// Already achieved in the source plan (otherwise still to do).
    pub achieved: bool,
}

/// A unit carried: from which source unit to which target unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub source: SourceUnit,
    pub target_key: String,
    pub target_title: String,
    pub credits: u32,
    /// Errata of a reference printed for more than one unit, when the unit was carried anyway
    /// because source and target print the very same unit (same document, same unit number).
    pub same_unit_despite: Vec<String>,
}

/// A unit being carried whose reference is printed for more than one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub source: SourceUnit,
    /// The target's units under the reference: key and title.
    pub candidates: Vec<(String, String)>,
    /// The answer so far, if any.
    pub answer: Option<Option<String>>,
    /// Errata about the reference's entries, by id.
    pub errata: Vec<String>,
}

/// The carry worked out: what goes, what stays, what is asked, and the target plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carry {
    pub from: String,
    pub to: String,
    /// Units carried, in the source's document order.
    pub carried: Vec<Moved>,
    /// Units of the source plan the target prints no unit for.
    pub not_included: Vec<SourceUnit>,
    /// Units still to do in the source plan that the target includes: carried when ticked.
    pub to_do: Vec<SourceUnit>,
    /// Units being carried whose reference is ambiguous.
    pub questions: Vec<Question>,
    /// The target plan: the carried units, achieved.
    pub plan: Plan,
}

/// Where the awarding bodies stand on accepting units achieved elsewhere, as printed: the
/// Pearson specification's list of issue 4 changes.
pub struct Passage {
    pub document: &'static str,
    pub section: &'static str,
    pub quote: &'static str,
    /// The section the change was made in, as the table prints it.
    pub changed_in: &'static str,
}

pub const CONFIRM_SOURCE: Passage = Passage {
    document: "pearson-l3",
    section: "Summary of Pearson BTEC Level 3 Diploma in Customer Service specification issue 4 changes",
    quote: "Reference to credit transfer within the QCF removed",
    changed_in: "Section 8",
};

/// "Whether City & Guilds accepts units achieved in another qualification is for City & Guilds
/// to confirm."
pub fn confirm_sentence(awarding_body: &str) -> String {
    format!(
        "Whether {awarding_body} accepts units achieved in another qualification is for {awarding_body} to confirm; this app only matches unit reference numbers."
    )
}

/// The source plan's units in document order, achieved and still to do (mandatory units are
/// always in it); units not in the plan are left out.
pub fn source_units(q: &Qualification, plan: &Plan) -> Vec<SourceUnit> {
    q.groups
        .iter()
        .flat_map(|g| g.units.iter().map(move |u| (g, u)))
        .filter_map(|(g, u)| {
            let key = u.key();
            let achieved = plan.achieved.contains(&key);
            (achieved || g.mandatory || plan.chosen.contains(&key)).then(|| SourceUnit {
                key,
                reference: u.reference.clone(),
                title: u.title.clone(),
                achieved,
            })
        })
        .collect()
}

/// Works out carrying `plan` (for `source`) to `target` under `choices`.
pub fn carry(cat: &Catalogue, source: &Qualification, plan: &Plan, target: &Qualification, choices: &Choices) -> Carry {
    let ambiguous = ambiguous_references(cat);
    let mut out = Carry {
        from: source.number.clone(),
        to: target.number.clone(),
        carried: Vec::new(),
        not_included: Vec::new(),
        to_do: Vec::new(),
        questions: Vec::new(),
        plan: Plan::default(),
    };
    for s in source_units(source, plan) {
        let candidates: Vec<&UnitEntry> = target
            .units()
            .map(|(_, u)| u)
            .filter(|u| u.reference == s.reference)
            .collect();
        if candidates.is_empty() {
            out.not_included.push(s);
            continue;
        }
        if !s.achieved && !choices.complete.contains(&s.key) {
            out.to_do.push(s);
            continue;
        }
        if !s.achieved {
            out.to_do.push(s.clone());
        }
        let entry = source.unit(&s.key);
        let errata_of = |extra: &[&UnitEntry]| {
            let mut errata: Vec<String> = Vec::new();
            for id in entry.iter().chain(extra.iter()).flat_map(|u| u.errata.iter()) {
                if !errata.contains(id) {
                    errata.push(id.clone());
                }
            }
            errata
        };
        let same_unit = candidates
            .iter()
            .copied()
            .find(|u| u.detail.is_some() && entry.is_some_and(|e| e.detail == u.detail && e.key() == u.key()));
        let (chosen, despite) = if !ambiguous.contains(&s.reference) {
            (candidates.first().copied(), Vec::new())
        } else if let Some(u) = same_unit {
            (Some(u), errata_of(&[u]))
        } else {
            let answer = choices.answers.get(&s.key).cloned();
            let picked = answer
                .clone()
                .flatten()
                .and_then(|k| candidates.iter().copied().find(|u| u.key() == k));
            out.questions.push(Question {
                source: s.clone(),
                candidates: candidates.iter().map(|u| (u.key(), u.title.clone())).collect(),
                answer,
                errata: errata_of(&candidates),
            });
            (picked, Vec::new())
        };
        if let Some(u) = chosen {
            out.plan.achieved.insert(u.key());
            out.carried.push(Moved {
                source: s,
                target_key: u.key(),
                target_title: u.title.clone(),
                credits: u.credits,
                same_unit_despite: despite,
            });
        }
    }
    if !out.plan.achieved.is_empty() {
        out.plan.carried = Some(Carried {
            from: source.number.clone(),
            units: out.plan.achieved.clone(),
        });
    }
    out
}

/// "a", "a or b", "a, b or c"
fn or_list(items: &[String]) -> String {
    match items {
        [init @ .., last] if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        _ => and_list(items),
    }
}

/// "unit 207" where the document numbers units, otherwise the reference.
fn label(q: &Qualification, key: &str) -> String {
    match q.unit(key).and_then(|u| u.number.as_ref()) {
        Some(n) => format!("unit {n}"),
        None => key.to_owned(),
    }
}

impl Carry {
    /// The credits of the target units carried (each once).
    pub fn credits(&self) -> u32 {
        let mut seen = BTreeSet::new();
        self.carried
            .iter()
            .filter(|m| seen.insert(m.target_key.as_str()))
            .map(|m| m.credits)
            .sum()
    }

    /// The questions not answered yet.
    pub fn unanswered(&self) -> usize {
        self.questions.iter().filter(|q| q.answer.is_none()).count()
    }

    /// The notice's heading on the target's page.
    pub fn notice_title(&self, source: &Qualification) -> String {
        let n = self.plan.achieved.len() as u32;
        format!("{} carried from {} ({})", units(n), source.title, source.number)
    }

    /// The notice's lines on the target's page: what was carried, what the target does not
    /// include, what stayed behind, and how each ambiguous reference was answered. (Who decides
    /// whether carried units count is said by the page's record of them, `carried_lines`.)
    pub fn notice_lines(&self, source: &Qualification, target: &Qualification) -> Vec<String> {
        let name = |s: &SourceUnit| {
            let l = label(source, &s.key);
            if l == s.reference {
                l
            } else {
                format!("{l} ({})", s.reference)
            }
        };
        let mut lines = Vec::new();
        let moved = |completed: bool| -> Vec<String> {
            self.carried
                .iter()
                .filter(|m| m.source.achieved != completed)
                .map(|m| {
                    let here = label(target, &m.target_key);
                    let there = label(source, &m.source.key);
                    if here == m.source.reference {
                        here
                    } else if here == there {
                        format!("{here} ({})", m.source.reference)
                    } else {
                        format!("{here} ({}, {there} in {})", m.source.reference, source.number)
                    }
                })
                .collect()
        };
        let achieved = moved(false);
        if !achieved.is_empty() {
            lines.push(format!("Carried as already achieved: {}.", and_list(&achieved)));
        }
        let completed = moved(true);
        if !completed.is_empty() {
            lines.push(format!(
                "Carried as already achieved because you marked them complete: {}.",
                and_list(&completed)
            ));
        }
        if self.carried.is_empty() {
            lines.push("No units were carried.".to_owned());
        } else {
            lines.push(format!(
                "Together they give {} towards this qualification.",
                credits(self.credits())
            ));
        }
        let not: Vec<String> = self.not_included.iter().map(name).collect();
        if !not.is_empty() {
            lines.push(format!(
                "{} does not include {}, so {} not carried.",
                target.number,
                and_list(&not),
                if not.len() == 1 { "it was" } else { "they were" }
            ));
        }
        let left: Vec<String> = self
            .to_do
            .iter()
            .filter(|s| !self.carried.iter().any(|m| m.source.key == s.key))
            .filter(|s| !self.questions.iter().any(|q| q.source.key == s.key))
            .map(name)
            .collect();
        if !left.is_empty() {
            lines.push(format!(
                "Still to do in the {} plan, so not carried: {}.",
                source.number,
                and_list(&left)
            ));
        }
        for m in self.carried.iter().filter(|m| !m.same_unit_despite.is_empty()) {
            lines.push(format!(
                "{} is printed for more than one unit (erratum {}); {} was carried because it is the same unit, with the same number, in the same document.",
                m.source.reference,
                m.same_unit_despite.join(", "),
                label(source, &m.source.key)
            ));
        }
        for q in &self.questions {
            let printed = format!(
                "{} is printed for more than one unit (erratum {})",
                q.source.reference,
                q.errata.join(", ")
            );
            let there = format!("{} of {}", label(source, &q.source.key), source.number);
            let here: Vec<String> = q.candidates.iter().map(|(k, _)| label(target, k)).collect();
            lines.push(match &q.answer {
                Some(Some(k)) => format!(
                    "{printed}: you said {there} is {} here, so it was carried as that unit.",
                    label(target, k)
                ),
                Some(None) => format!("{printed}: you chose not to carry {there}."),
                None => format!(
                    "{printed}, so the documents cannot tell whether {there} is {} here; you did not say, so it was not carried.",
                    or_list(&here)
                ),
            });
        }
        let dated: Vec<String> = self
            .plan
            .achieved
            .iter()
            .filter(|k| target.unit(k).is_some_and(|u| u.availability.is_some()))
            .map(|k| label(target, k))
            .collect();
        if !dated.is_empty() {
            lines.push(format!(
                "Whether {} can count depends on the learner's registration date: enter it on this page.",
                and_list(&dated)
            ));
        }
        lines
    }
}

/// What a plan's record of carried units says on its page and on paper: which units came from
/// which qualification, and who decides whether they count.
pub fn carried_lines(cat: &Catalogue, q: &Qualification, carried: &Carried) -> Vec<String> {
    let names: Vec<String> = q
        .units()
        .map(|(_, u)| u.key())
        .filter(|k| carried.units.contains(k))
        .map(|k| label(q, &k))
        .collect();
    let source = cat
        .qualification(&carried.from)
        .map_or_else(|| carried.from.clone(), |s| format!("{} ({})", s.title, s.number));
    vec![
        format!(
            "Carried from {source} and marked already achieved: {}.",
            and_list(&names)
        ),
        confirm_sentence(&q.awarding_body),
    ]
}

/// "Shortest route from here": the least to add to `plan`, counting what is already in it
/// (carried units included), by fewest credits; `None` when the plan already meets the rules.
pub fn route_from_here(c: &Compiled, plan: &Plan) -> Option<String> {
    let (sets, _) = c.resolve(plan);
    if sets.achieved.is_empty() || c.evaluate_sets(&sets).met() {
        return None;
    }
    let ruled_out = plan.ruled_out.iter().filter_map(|k| c.index(k)).collect();
    let request = Request {
        plan: &sets,
        ruled_out,
        goal: Goal::FewestCredits,
    };
    Some(match solver::complete(c, request) {
        Ok(done) => format!(
            "Shortest route from here, counting the {} already achieved: add {} ({}). \u{201c}Complete my pathway\u{201d} adds them.",
            units(sets.achieved.len()),
            units(done.added_units),
            credits(done.added_credits)
        ),
        Err(why) => format!("No set of units completes this plan from here. {}", why.explain(c)),
    })
}
