//! Named saved plans, kept in ONE browser storage entry together with the current plan. The
//! page does the storage calls; this module does the format and the rules.
//!
//! The entry (under [`STORAGE_KEY`]) is lines of tab-separated fields, written by [`to_storage`]
//! (`→` is a tab):
//!
//! ```text
//! pathway-planner-saved 2
//! current→#/600-1136-1?do=204
//! plan→p1→Amira, year 1→2026-11-23T10:15:00Z→#/600-1136-1?do=204,207
//! end
//! ```
//!
//! A `plan` line is its id, name, saved time and address. No field holds a tab or line break
//! (names are cleaned, addresses are percent-encoded, and [`to_storage`] turns any into a space).
//! The closing `end` line shows the entry was not cut short. Version 1 was JSON (it starts with
//! `{`) and is read as an older version's entry.
//!
//! Plans are kept by address (the URL fragment, see `crate::address`), so a saved plan opens
//! exactly as a shared link would. `saved` is whatever timestamp text the page passed in.
//!
//! [`load`] never fails: an unreadable, older or newer entry gives an empty list, a message, and
//! the raw text back for the page to keep under [`RECOVERY_KEY`] before it writes anything; a
//! single bad plan in an otherwise good entry is left out with a message and the others kept
//! (the raw text is returned then too, so nothing is lost).

use std::fmt;

use crate::address::{decode, Route};
use crate::catalogue::Catalogue;

/// The storage key for the saved plans.
pub const STORAGE_KEY: &str = "pathway-planner.saved";
/// Where the page keeps an entry [`load`] could not fully read, before overwriting it.
pub const RECOVERY_KEY: &str = "pathway-planner.saved.recovered";
/// The first word of the storage entry's first line.
pub const SAVED_FORMAT: &str = "pathway-planner-saved";
/// The storage entry version this build writes and reads.
pub const SAVED_VERSION: i64 = 2;
/// Longest plan name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Largest entry read (browser storage holds about 5 MB per site).
pub const MAX_STORAGE_BYTES: usize = 8 << 20;

/// Every saved plan, and the plan the page last showed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedPlans {
    /// The address of the plan on screen when the page last wrote, to restore on return.
    pub current: Option<String>,
    /// In the order first saved.
    pub plans: Vec<SavedPlan>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedPlan {
    /// Stable within this storage entry: `p1`, `p2`, …
    pub id: String,
    pub name: String,
    /// The plan's address, e.g. `#/600-1136-1?do=204,207`.
    pub address: String,
    /// When it was last saved, as the page gave it.
    pub saved: String,
}

/// What [`SavedPlans::save_as`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Saved as a new plan with this id.
    Saved { id: String },
    /// A plan already has this name (ignoring case and outer spaces); nothing was changed. The
    /// page asks whether to replace it, then calls [`SavedPlans::overwrite`] with this id.
    NameTaken { id: String },
    /// The name cannot be used; nothing was changed.
    Invalid(NameError),
}

/// Why a name cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    Empty,
    TooLong,
    /// Another plan has this name; its id.
    Taken {
        id: String,
    },
    /// No saved plan has this id.
    NotFound,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Empty => write!(f, "Give the plan a name."),
            NameError::TooLong => write!(f, "Use a shorter name: at most {MAX_NAME_CHARS} characters."),
            NameError::Taken { .. } => write!(f, "Another saved plan has that name. Choose a different one."),
            NameError::NotFound => write!(f, "That saved plan is no longer there."),
        }
    }
}

impl std::error::Error for NameError {}

/// A saved plan as the list of saved plans shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedEntry {
    pub id: String,
    pub name: String,
    pub address: String,
    pub saved: String,
    /// The qualification number, when the address names one this catalogue has.
    pub number: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Units chosen (mandatory ones not counted) and achieved.
    pub chosen: usize,
    pub achieved: usize,
    /// Why the plan cannot be opened as saved, or what will be left out when it is.
    pub problems: Vec<String>,
}

/// What [`load`] read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadOutcome {
    pub plans: SavedPlans,
    /// The stored text, when any of it could not be read: the page keeps it under
    /// [`RECOVERY_KEY`] before writing the entry again.
    pub recovered: Option<String>,
    /// Plain-English messages for the page.
    pub problems: Vec<String>,
}

fn clean_name(name: &str) -> Result<String, NameError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(NameError::Empty)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(NameError::TooLong)
    } else {
        Ok(name)
    }
}

fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

impl SavedPlans {
    pub fn get(&self, id: &str) -> Option<&SavedPlan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// The plan with this name, ignoring case and spaces at the ends.
    pub fn find_by_name(&self, name: &str) -> Option<&SavedPlan> {
        let name = clean_name(name).ok()?;
        self.plans.iter().find(|p| same_name(&p.name, &name))
    }

    /// An id no plan has: one more than the largest `p<n>`.
    fn next_id(&self) -> String {
        let max = self
            .plans
            .iter()
            .filter_map(|p| p.id.strip_prefix('p')?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("p{}", max.saturating_add(1))
    }

    /// Saves `address` under a new name. Names are trimmed (inner runs of spaces become one)
    /// and must be unique ignoring case: a taken name changes nothing and returns
    /// [`SaveOutcome::NameTaken`] so the page can ask before [`SavedPlans::overwrite`].
    pub fn save_as(&mut self, name: &str, address: &str, now: &str) -> SaveOutcome {
        let name = match clean_name(name) {
            Ok(n) => n,
            Err(e) => return SaveOutcome::Invalid(e),
        };
        if let Some(p) = self.plans.iter().find(|p| same_name(&p.name, &name)) {
            return SaveOutcome::NameTaken { id: p.id.clone() };
        }
        let id = self.next_id();
        self.plans.push(SavedPlan {
            id: id.clone(),
            name,
            address: address.to_owned(),
            saved: now.to_owned(),
        });
        SaveOutcome::Saved { id }
    }

    /// Replaces a saved plan's address and time, keeping its name and place. False when no plan
    /// has this id.
    pub fn overwrite(&mut self, id: &str, address: &str, now: &str) -> bool {
        match self.plans.iter_mut().find(|p| p.id == id) {
            Some(p) => {
                p.address = address.to_owned();
                p.saved = now.to_owned();
                true
            }
            None => false,
        }
    }

    /// Renames a plan; the same rules as [`SavedPlans::save_as`]. Changing only the case of its
    /// own name is allowed.
    pub fn rename(&mut self, id: &str, new_name: &str) -> Result<(), NameError> {
        let name = clean_name(new_name)?;
        if let Some(other) = self.plans.iter().find(|p| p.id != id && same_name(&p.name, &name)) {
            return Err(NameError::Taken { id: other.id.clone() });
        }
        let p = self.plans.iter_mut().find(|p| p.id == id).ok_or(NameError::NotFound)?;
        p.name = name;
        Ok(())
    }

    /// Removes a plan, returning it (for an undo). None when no plan has this id.
    pub fn delete(&mut self, id: &str) -> Option<SavedPlan> {
        let i = self.plans.iter().position(|p| p.id == id)?;
        Some(self.plans.remove(i))
    }

    /// The saved plans for the list, in stored order, each with its qualification read from
    /// its address against the catalogue.
    pub fn entries(&self, cat: &Catalogue) -> Vec<SavedEntry> {
        self.plans
            .iter()
            .map(|p| {
                let decoded = decode(&p.address, cat);
                let mut e = SavedEntry {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    address: p.address.clone(),
                    saved: p.saved.clone(),
                    number: None,
                    title: None,
                    chosen: 0,
                    achieved: 0,
                    problems: decoded.problems,
                };
                match decoded.route {
                    Route::Planner { number, plan } => {
                        e.title = cat.qualification(&number).map(|q| q.title.clone());
                        e.number = Some(number);
                        e.chosen = plan.chosen.len();
                        e.achieved = plan.achieved.len();
                    }
                    Route::NotFound { requested } => e.problems.push(format!(
                        "This plan is for qualification {}, which this version of the app does not have.",
                        requested.replace('-', "/")
                    )),
                    Route::Home | Route::Compare { .. } | Route::Units { .. } => {
                        e.problems.push("This saved plan names no qualification.".to_owned())
                    }
                }
                e
            })
            .collect()
    }
}

/// A field as written: tabs and line breaks (which the format uses) become spaces.
fn field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The storage entry for these plans (the line format in the module notes).
pub fn to_storage(plans: &SavedPlans) -> String {
    let mut out = format!("{SAVED_FORMAT} {SAVED_VERSION}\n");
    if let Some(current) = &plans.current {
        out.push_str(&format!("current\t{}\n", field(current)));
    }
    for p in &plans.plans {
        out.push_str(&format!(
            "plan\t{}\t{}\t{}\t{}\n",
            field(&p.id),
            field(&p.name),
            field(&p.saved),
            field(&p.address)
        ));
    }
    out.push_str("end\n");
    out
}

const UNREADABLE: &str = "The plans saved in this browser could not be read, so the list of saved plans starts empty.";
const KEPT: &str = "The stored text has been kept aside in this browser in case it can be recovered.";

/// Reads the storage entry (None when there is none). Never fails; see the module notes.
pub fn load(raw: Option<&str>) -> LoadOutcome {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return LoadOutcome::default();
    };
    let lost = |why: &str| LoadOutcome {
        plans: SavedPlans::default(),
        recovered: Some(raw.to_owned()),
        problems: vec![format!("{UNREADABLE} {why} {KEPT}")],
    };
    if raw.len() > MAX_STORAGE_BYTES {
        return lost("(It is too large.)");
    }
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if text.trim_start().starts_with('{') {
        return lost("(They were saved by an older version of Pathway Planner.)");
    }
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.trim().is_empty());
    let header = lines.next().unwrap_or("").trim();
    let Some(version) = header.strip_prefix(SAVED_FORMAT) else {
        return lost("(It is not in a format this app wrote.)");
    };
    match version.trim().parse::<i64>() {
        Ok(SAVED_VERSION) => {}
        Ok(n) if n > SAVED_VERSION => {
            return lost(&format!(
                "(They were saved by a newer version of Pathway Planner, storage version {n}; this version reads version {SAVED_VERSION}.)"
            ))
        }
        Ok(n) => {
            return lost(&format!(
                "(They were saved by an older version of Pathway Planner, storage version {n}.)"
            ))
        }
        Err(_) => return lost("(It has no version.)"),
    }

    let mut out = LoadOutcome::default();
    let mut damaged = false;
    let mut dropped = false;
    let mut ended = false;
    let mut number = 0;
    for line in lines {
        if ended {
            damaged = true;
            out.problems
                .push("Some stored text after the end of the list of saved plans was left out.".to_owned());
            break;
        }
        if line == "end" {
            ended = true;
            continue;
        }
        if let Some(rest) = line.strip_prefix("current") {
            match rest.strip_prefix('\t') {
                Some(address) => out.plans.current = Some(address.to_owned()),
                None => {
                    damaged = true;
                    out.problems
                        .push("The plan last on screen could not be read, so the planner starts afresh.".to_owned());
                }
            }
            continue;
        }
        number += 1;
        match entry(line) {
            Ok(mut p) => {
                if p.id.is_empty() || out.plans.get(&p.id).is_some() {
                    p.id = out.plans.next_id();
                }
                if out.plans.plans.iter().any(|q| same_name(&q.name, &p.name)) {
                    let base = p.name.clone();
                    let mut n = 2;
                    while out.plans.plans.iter().any(|q| same_name(&q.name, &p.name)) {
                        p.name = format!("{base} ({n})");
                        n += 1;
                    }
                    out.problems.push(format!(
                        "Two saved plans were called \"{base}\"; the second is now \"{}\".",
                        p.name
                    ));
                }
                out.plans.plans.push(p);
            }
            Err((name, why)) => {
                dropped = true;
                let which = match name {
                    Some(name) => format!("The saved plan \"{name}\""),
                    None => format!("Saved plan number {number}"),
                };
                out.problems
                    .push(format!("{which} could not be read ({why}) and was left out."));
            }
        }
    }
    if !ended {
        damaged = true;
        out.problems
            .push("The list of saved plans is cut short, so any plans after the ones shown are missing.".to_owned());
    }
    if dropped || damaged {
        out.recovered = Some(raw.to_owned());
        if out.plans.plans.is_empty() {
            out.problems.push(KEPT.to_owned());
        } else {
            out.problems.push(format!("The other saved plans are kept. {KEPT}"));
        }
    }
    out
}

/// One `plan` line, or its name (when it has one) and why it cannot be read.
fn entry(line: &str) -> Result<SavedPlan, (Option<&str>, &'static str)> {
    let Some(rest) = line.strip_prefix("plan\t") else {
        return Err((None, "it is not a plan"));
    };
    let fields: Vec<&str> = rest.split('\t').collect();
    let raw_name = fields.get(1).copied().filter(|n| !n.trim().is_empty());
    if fields.len() > 4 {
        return Err((raw_name, "it has too many parts"));
    }
    let name = match raw_name {
        Some(s) => clean_name(s).map_err(|_| (raw_name, "its name is too long"))?,
        None => return Err((None, "it has no name")),
    };
    let address = match fields.get(3) {
        Some(s) if s.starts_with("#/") => (*s).to_owned(),
        _ => return Err((raw_name, "it has no address")),
    };
    Ok(SavedPlan {
        id: fields[0].trim().to_owned(),
        name,
        address,
        saved: fields.get(2).copied().unwrap_or("").to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_and_unique() {
        let mut s = SavedPlans::default();
        assert_eq!(
            s.save_as("  Amira   year 1 ", "#/600-1136-1", "t1"),
            SaveOutcome::Saved { id: "p1".into() }
        );
        assert_eq!(s.plans[0].name, "Amira year 1");
        assert_eq!(
            s.save_as("AMIRA YEAR 1", "#/600-1136-1?do=204", "t2"),
            SaveOutcome::NameTaken { id: "p1".into() }
        );
        assert_eq!(s.plans.len(), 1);
        assert!(s.overwrite("p1", "#/600-1136-1?do=204", "t2"));
        assert_eq!(s.plans[0].address, "#/600-1136-1?do=204");
        assert_eq!(s.plans[0].saved, "t2");
        assert_eq!(s.save_as(" ", "#/", "t"), SaveOutcome::Invalid(NameError::Empty));
        assert_eq!(
            s.save_as(&"x".repeat(101), "#/", "t"),
            SaveOutcome::Invalid(NameError::TooLong)
        );
        assert_eq!(
            s.save_as(&"é".repeat(100), "#/", "t"),
            SaveOutcome::Saved { id: "p2".into() }
        );
    }

    #[test]
    fn rename_and_delete() {
        let mut s = SavedPlans::default();
        s.save_as("One", "#/a", "t");
        s.save_as("Two", "#/b", "t");
        assert_eq!(s.rename("p1", "two"), Err(NameError::Taken { id: "p2".into() }));
        assert_eq!(s.rename("p1", ""), Err(NameError::Empty));
        assert_eq!(s.rename("p9", "Nine"), Err(NameError::NotFound));
        assert_eq!(s.rename("p1", "ONE"), Ok(()));
        assert_eq!(s.plans[0].name, "ONE");
        assert_eq!(s.delete("p1").map(|p| p.name), Some("ONE".into()));
        assert_eq!(s.delete("p1"), None);
        assert_eq!(s.save_as("Three", "#/c", "t"), SaveOutcome::Saved { id: "p3".into() });
    }

    #[test]
    fn empty_storage_is_no_problem() {
        assert_eq!(load(None), LoadOutcome::default());
        assert_eq!(load(Some("  ")), LoadOutcome::default());
    }
}
