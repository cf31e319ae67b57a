//! Named saved plans, kept in ONE browser storage entry under [`STORAGE_KEY`]. The page does
//! the storage calls; the format and the rules live here, in plain Rust, so they are tested
//! natively.
//!
//! The entry is JSON ([`to_storage`]), with `format` and `version` first so that a reader knows
//! what it is looking at before it reads any plan:
//!
//! ```json
//! {"format":"pathway-planner-saved","version":3,"plans":[{"id":"p1","name":"Amira, year 1","saved":"2026-11-23T10:15:00Z","address":"#/600-1136-1?do=204"}]}
//! ```
//!
//! Why JSON through serde: the browser build carries serde_json for plan files anyway, and a
//! format of our own (version 2 was tab-separated lines) then only adds a second reader and a
//! writer that has to bend names to fit it. Plans are kept by address (the URL fragment, see
//! `crate::address`), so a saved plan opens exactly as a shared link would; `saved` is whatever
//! timestamp text the page passed in.
//!
//! Why reading never fails: this entry is the only copy of an adviser's work, and it can be
//! damaged (storage full mid-write, an extension, a hand edit) or written by another version of
//! the app. So [`load`] reads as far as the text goes, keeping every plan it could read, and
//! whenever anything could not be read it hands the raw text back (`recovered`) for the page to
//! keep under [`RECOVERY_KEY`] before it writes the entry again. An older or newer version's
//! entry, or text that is not an entry at all, gives an empty list, a message and the raw text.
//! Repairs that lose nothing (a duplicate id, two plans with one name) are made in one pass with
//! sets, so even thousands of plans load at once.
//!
//! Why there is still a line reader: the previous release wrote version 2 lines, and those plans
//! must survive the upgrade. [`load`] reads exactly that format (nothing writes it any more) and
//! says so in `migrated_from`, so that the page can keep the old text under [`BACKUP_KEY`],
//! write the version 3 entry, and only then drop the backup: if the tab is closed or storage
//! fills up half-way, either the old entry or its backup is still there. A version 2 entry that
//! is itself damaged is treated like any damaged entry instead (kept under [`RECOVERY_KEY`],
//! rewritten at the next save). Version 2's `current` line, the plan last on screen, is dropped:
//! no page ever read it back. Version 1 was JSON without these fields, from before any release
//! that can still be found; it is kept aside as an older version's entry, not read.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_json::Value;

use crate::address::{decode, Route};
use crate::catalogue::Catalogue;

use crate::words::{clip, count_word, thousands};

/// The storage key for the saved plans.
pub const STORAGE_KEY: &str = "pathway-planner.saved";
/// Where the page keeps an entry [`load`] could not fully read, before overwriting it.
pub const RECOVERY_KEY: &str = "pathway-planner.saved.recovered";
/// Where the page keeps a version 2 entry while it replaces it with version 3 (see the module
/// notes); removed once the new entry is written.
pub const BACKUP_KEY: &str = "pathway-planner.saved.v2-backup";
/// The entry's `format`.
pub const SAVED_FORMAT: &str = "pathway-planner-saved";
/// The storage entry version this build writes and reads.
pub const SAVED_VERSION: i64 = 3;
/// The line format's version, read only to migrate it.
const LINES_VERSION: i64 = 2;
/// Longest plan name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Largest entry read: about 18,000 plans, far more than a centre keeps on one device, and little
/// enough to read within the 200 ms a page may spend on any input (a larger entry is kept aside
/// for recovery, never lost). Browser storage holds about 5 MB per site.
pub const MAX_STORAGE_BYTES: usize = 2 << 20;

/// Every saved plan: a plain value, changed only by the operations below, so a page can keep it
/// as state and compare it cheaply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SavedPlans {
    /// In the order first saved.
    pub plans: Vec<SavedPlan>,
}

/// One saved plan, as stored (fields in this order). A field the stored text lacks reads as
/// empty, and is then repaired or the plan left out by [`load`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SavedPlan {
    /// Stable within this storage entry: `p1`, `p2`, …
    pub id: String,
    pub name: String,
    /// When it was last saved, as the page gave it.
    pub saved: String,
    /// The plan's address, e.g. `#/600-1136-1?do=204,207`.
    pub address: String,
}

/// What [`SavedPlans::save_as`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Saved as a new plan with this id.
    Saved { id: String },
    /// A plan already has this name (ignoring case and outer spaces); nothing was changed. The
    /// page asks for another name (or for that plan to be renamed or deleted first).
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
    /// The stored text, when it was a complete entry in the version 2 line format: the page
    /// keeps it under [`BACKUP_KEY`], writes [`to_storage`] of `plans` under [`STORAGE_KEY`], and
    /// removes the backup once that write succeeded. Never set together with `recovered`.
    pub migrated_from: Option<String>,
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

/// The number in an id `p<n>`.
fn id_number(id: &str) -> Option<u64> {
    id.strip_prefix('p')?.parse().ok()
}

/// `p<n>` for the first `n` from `from` on that `taken` does not hold.
fn free_id(from: u64, taken: impl Fn(&str) -> bool) -> String {
    let mut n = from;
    loop {
        let id = format!("p{n}");
        if !taken(&id) {
            return id;
        }
        n = n.wrapping_add(1);
    }
}

impl SavedPlans {
    pub fn get(&self, id: &str) -> Option<&SavedPlan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// An id no plan has: one more than the largest `p<n>`.
    fn next_id(&self) -> String {
        let max = self.plans.iter().filter_map(|p| id_number(&p.id)).max().unwrap_or(0);
        free_id(max.saturating_add(1), |id| self.get(id).is_some())
    }

    /// Saves `address` under a new name. Names are trimmed (inner runs of spaces become one)
    /// and must be unique ignoring case: a taken name changes nothing and returns
    /// [`SaveOutcome::NameTaken`].
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
            saved: now.to_owned(),
            address: address.to_owned(),
        });
        SaveOutcome::Saved { id }
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

    /// The plan with this name, ignoring case and outer spaces, as [`SavedPlans::save_as`] compares.
    pub fn named(&self, name: &str) -> Option<&SavedPlan> {
        let name = clean_name(name).ok()?;
        self.plans.iter().find(|p| same_name(&p.name, &name))
    }

    /// Puts `address` in the saved plan `id`, keeping its name, as of `now`.
    pub fn update(&mut self, id: &str, address: &str, now: &str) -> Result<(), NameError> {
        let p = self.plans.iter_mut().find(|p| p.id == id).ok_or(NameError::NotFound)?;
        p.address = address.to_owned();
        p.saved = now.to_owned();
        Ok(())
    }

    /// Puts back a deleted plan at `index` (or last), under its own id when that is still free.
    /// Refused when another plan has taken its name meanwhile.
    pub fn restore(&mut self, mut plan: SavedPlan, index: usize) -> Result<(), NameError> {
        if let Some(other) = self.plans.iter().find(|p| same_name(&p.name, &plan.name)) {
            return Err(NameError::Taken { id: other.id.clone() });
        }
        if self.get(&plan.id).is_some() {
            plan.id = self.next_id();
        }
        self.plans.insert(index.min(self.plans.len()), plan);
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
                        clip(&requested.replace('-', "/"))
                    )),
                    Route::Home | Route::Compare { .. } | Route::Units { .. } | Route::Cohort => {
                        e.problems.push("This saved plan names no qualification.".to_owned())
                    }
                }
                e
            })
            .collect()
    }
}

/// The entry as written: `format` and `version` first.
#[derive(Serialize)]
struct Entry<'a> {
    format: &'a str,
    version: i64,
    plans: &'a [SavedPlan],
}

/// The storage entry for these plans: version 3 JSON, on one line.
pub fn to_storage(plans: &SavedPlans) -> String {
    let entry = Entry {
        format: SAVED_FORMAT,
        version: SAVED_VERSION,
        plans: &plans.plans,
    };
    // Only strings in structs and a list: serialising this cannot fail.
    serde_json::to_string(&entry).unwrap_or_default()
}

const UNREADABLE: &str = "The plans saved in this browser could not be read, so the list of saved plans starts empty.";
const KEPT: &str = "The stored text has been kept aside in this browser in case it can be recovered.";
const CUT_SHORT: &str = "The list of saved plans is cut short, so any plans after the ones shown are missing.";

/// Reads the storage entry (None when there is none). Never fails; see the module notes.
pub fn load(raw: Option<&str>) -> LoadOutcome {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return LoadOutcome::default();
    };
    if raw.len() > MAX_STORAGE_BYTES {
        return unreadable(raw, "(It is too large.)");
    }
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if text.trim_start().starts_with('{') {
        read_json(raw, text)
    } else if text.trim_start().starts_with(SAVED_FORMAT) {
        read_lines(raw, text)
    } else {
        unreadable(raw, "(It is not in a format this app wrote.)")
    }
}

/// Nothing read: an empty list, why, and the text to keep aside.
fn unreadable(raw: &str, why: &str) -> LoadOutcome {
    LoadOutcome {
        recovered: Some(raw.to_owned()),
        problems: vec![format!("{UNREADABLE} {why} {KEPT}")],
        ..LoadOutcome::default()
    }
}

fn older(version: Option<i64>) -> String {
    match version {
        Some(n) => format!("(They were saved by an older version of Pathway Planner, storage version {n}.)"),
        None => "(They were saved by an older version of Pathway Planner.)".to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Version 3: JSON.

/// What a version 3 entry held, as far as its text could be read: its `format` and `version`,
/// and each complete item of `plans`. Filled in as the text is read, so a text cut off or
/// damaged part-way still yields whatever came before the damage.
#[derive(Default)]
struct Seen {
    format: Option<Value>,
    version: Option<Value>,
    /// None when the entry has no `plans`.
    plans: Option<Vec<Value>>,
}

impl<'de> DeserializeSeed<'de> for &mut Seen {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut Seen {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a saved-plans entry")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => self.format = Some(map.next_value()?),
                "version" => self.version = Some(map.next_value()?),
                "plans" => map.next_value_seed(Items(self.plans.get_or_insert_with(Vec::new)))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// The items of a list, each pushed as soon as it is read.
struct Items<'a>(&'a mut Vec<Value>);

impl<'de> DeserializeSeed<'de> for Items<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of saved plans")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element()? {
            self.0.push(item);
        }
        Ok(())
    }
}

fn read_json(raw: &str, text: &str) -> LoadOutcome {
    let mut seen = Seen::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let read = (&mut seen).deserialize(&mut de).and_then(|()| de.end());

    if let Some(format) = seen.format.as_ref().filter(|f| f.as_str() != Some(SAVED_FORMAT)) {
        return unreadable(
            raw,
            &format!(
                "(It is not in a format this app wrote: its format is {}.)",
                format
                    .as_str()
                    .map_or_else(|| clip(&format.to_string()), |s| format!("\"{}\"", clip(s)))
            ),
        );
    }
    let version = seen.version.as_ref().and_then(Value::as_i64);
    match version {
        Some(SAVED_VERSION) if seen.format.is_some() => {}
        Some(n) if n > SAVED_VERSION => {
            return unreadable(
                raw,
                &format!(
                    "(They were saved by a newer version of Pathway Planner, storage version {n}; this version reads version {SAVED_VERSION}.)"
                ),
            )
        }
        // Version 1, and any text that starts as JSON but never says it is version 3.
        _ => return unreadable(raw, &older(version.filter(|&n| n < SAVED_VERSION))),
    }

    let mut reader = Reader::default();
    for item in seen.plans.iter().flatten() {
        let name = item.get("name").and_then(Value::as_str).map(str::to_owned);
        reader.add(
            SavedPlan::deserialize(item)
                .map_err(|_| (name, "it is not a saved plan"))
                .and_then(checked),
        );
    }
    match read {
        Err(e) if e.classify() == Category::Eof => reader.damaged(CUT_SHORT),
        Err(_) => reader.damaged(
            "Part of the stored list of saved plans is damaged, so any plans after the ones shown are missing.",
        ),
        Ok(()) if seen.plans.is_none() => reader.damaged("The stored text has no list of saved plans in it."),
        Ok(()) => {}
    }
    reader.finish(raw)
}

/// A plan as read, checked: a name (cleaned), an address; or its name, if it has one, and why
/// it cannot be kept.
fn checked(mut p: SavedPlan) -> Result<SavedPlan, (Option<String>, &'static str)> {
    let raw_name = Some(p.name.trim()).filter(|n| !n.is_empty()).map(str::to_owned);
    p.name = match clean_name(&p.name) {
        Ok(name) => name,
        Err(NameError::TooLong) => return Err((raw_name, "its name is too long")),
        Err(_) => return Err((None, "it has no name")),
    };
    if !p.address.starts_with("#/") {
        return Err((raw_name, "it has no address"));
    }
    p.id = p.id.trim().to_owned();
    Ok(p)
}

/// Problems of one kind (plans left out, names repeated) listed one by one; any more are counted
/// in one more message, so thousands of them still make a short list.
const LISTED: usize = 10;

/// Collects the plans read, in one pass, repairing what can be repaired without loss and
/// noting what was left out.
#[derive(Default)]
struct Reader {
    plans: Vec<SavedPlan>,
    /// Why plans were left out: the first [`LISTED`], and how many in all.
    left_out: Vec<String>,
    left_out_count: usize,
    /// What else could not be read.
    problems: Vec<String>,
    ids: BTreeSet<String>,
    /// The largest `p<n>` so far.
    max_id: u64,
    /// Once `max_id` is `p18446744073709551615`, new ids count up from 0: the next `n` to try
    /// (every `p<n>` below it is taken), so each one is found without counting up from 0 again.
    wrapped_id: u64,
    /// Names so far, in ASCII lower case (names are unique ignoring case).
    names: BTreeSet<String>,
    /// Per stem a copy's name is made from (lower case): the number to try next. Per stem, not
    /// per name: long names share a stem once shortened to make room for the number, and each
    /// `stem (n)` is tried once in all, so thousands of such names still load in one pass.
    next_copy: BTreeMap<String, u64>,
    /// Per name found more than once (lower case): its place in `copies`.
    copy_at: BTreeMap<String, usize>,
    /// Per name found more than once: the name as first repeated, how many copies, and what the
    /// first copy is now called; in the order found.
    copies: Vec<(String, usize, String)>,
    /// How many plans the text held, read or not.
    count: usize,
    lost: bool,
}

impl Reader {
    fn add(&mut self, read: Result<SavedPlan, (Option<String>, &'static str)>) {
        self.count += 1;
        let mut p = match read {
            Ok(p) => p,
            Err((name, why)) => {
                self.lost = true;
                self.left_out_count += 1;
                if self.left_out_count <= LISTED {
                    let which = match name {
                        Some(name) => format!("The saved plan \"{}\"", clip(&name)),
                        None => format!("Saved plan number {}", self.count),
                    };
                    self.left_out
                        .push(format!("{which} could not be read ({why}) and was left out."));
                }
                return;
            }
        };
        if p.id.is_empty() || self.ids.contains(&p.id) {
            if self.max_id < u64::MAX {
                p.id = free_id(self.max_id + 1, |id| self.ids.contains(id));
            } else {
                p.id = free_id(self.wrapped_id, |id| self.ids.contains(id));
                self.wrapped_id = id_number(&p.id).unwrap_or(0).wrapping_add(1);
            }
        }
        self.max_id = self.max_id.max(id_number(&p.id).unwrap_or(0));
        self.ids.insert(p.id.clone());

        let key = p.name.to_ascii_lowercase();
        if self.names.contains(&key) {
            let base = p.name.clone();
            let fresh = self.copies.len();
            let at = *self.copy_at.entry(key).or_insert(fresh);
            let mut n: u64 = 2;
            p.name = loop {
                // Shortened if need be, so the new name is still a name this module accepts.
                let suffix = format!(" ({n})");
                let room = MAX_NAME_CHARS.saturating_sub(suffix.chars().count());
                let stem: String = base.chars().take(room).collect();
                let stem = stem.trim_end();
                let next = self.next_copy.entry(stem.to_ascii_lowercase()).or_insert(2);
                if *next > n {
                    // Tried already. More digits may shorten the stem: work it out again.
                    n = *next;
                    continue;
                }
                *next = n.wrapping_add(1);
                let name = format!("{stem}{suffix}");
                n = n.wrapping_add(1);
                if !self.names.contains(&name.to_ascii_lowercase()) {
                    break name;
                }
            };
            match self.copies.get_mut(at) {
                Some((_, count, _)) => *count += 1,
                None => self.copies.push((base, 1, p.name.clone())),
            }
        }
        self.names.insert(p.name.to_ascii_lowercase());
        self.plans.push(p);
    }

    /// Part of the text could not be read at all; `why` says what that means for the list.
    fn damaged(&mut self, why: &str) {
        self.lost = true;
        self.problems.push(why.to_owned());
    }

    fn finish(mut self, raw: &str) -> LoadOutcome {
        let mut problems = self.left_out;
        if self.left_out_count > LISTED {
            problems.push(format!(
                "{} more saved plans could not be read and were left out.",
                thousands(self.left_out_count - LISTED)
            ));
        }
        problems.append(&mut self.problems);
        for (base, count, first) in self.copies.iter().take(LISTED) {
            problems.push(match count {
                1 => format!("Two saved plans were called \"{base}\"; the second is now \"{first}\"."),
                n => {
                    let mut how_many = count_word(n + 1);
                    how_many[..1].make_ascii_uppercase();
                    format!(
                        "{how_many} saved plans were called \"{base}\"; all but the first now have a number after the name, starting with \"{first}\"."
                    )
                }
            });
        }
        if self.copies.len() > LISTED {
            problems.push(format!(
                "{} more names were each used by more than one saved plan; all but the first of each now have a number after the name.",
                thousands(self.copies.len() - LISTED)
            ));
        }
        let mut out = LoadOutcome {
            plans: SavedPlans { plans: self.plans },
            problems,
            ..LoadOutcome::default()
        };
        if self.lost {
            out.recovered = Some(raw.to_owned());
            out.problems.push(if out.plans.plans.is_empty() {
                KEPT.to_owned()
            } else {
                format!("The other saved plans are kept. {KEPT}")
            });
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Version 2: tab-separated lines, read only to migrate them. As the previous release wrote it
// (`→` is a tab):
//
//     pathway-planner-saved 2
//     current→#/600-1136-1?do=204
//     plan→p1→Amira, year 1→2026-11-23T10:15:00Z→#/600-1136-1?do=204,207
//     end
//
// A `plan` line is its id, name, saved time and address; the closing `end` line shows the entry
// was not cut short.

fn read_lines(raw: &str, text: &str) -> LoadOutcome {
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.trim().is_empty());
    let header = lines.next().unwrap_or("").trim();
    let version = header.strip_prefix(SAVED_FORMAT).unwrap_or("").trim();
    match version.parse::<i64>() {
        Ok(LINES_VERSION) => {}
        Ok(n) if n < LINES_VERSION => return unreadable(raw, &older(Some(n))),
        Ok(_) => return unreadable(raw, "(It is not in a format this app wrote.)"),
        Err(_) => return unreadable(raw, "(It has no version.)"),
    }

    let mut reader = Reader::default();
    let mut ended = false;
    for line in lines {
        if ended {
            reader.damaged("Some stored text after the end of the list of saved plans was left out.");
            break;
        }
        if line == "end" {
            ended = true;
        } else if !line.starts_with("current") {
            reader.add(plan_line(line).and_then(checked));
        }
    }
    if !ended {
        reader.damaged(CUT_SHORT);
    }
    let mut out = reader.finish(raw);
    if out.recovered.is_none() {
        out.migrated_from = Some(raw.to_owned());
    }
    out
}

/// One `plan` line, or its name (when it has one) and why it cannot be read.
fn plan_line(line: &str) -> Result<SavedPlan, (Option<String>, &'static str)> {
    let Some(rest) = line.strip_prefix("plan\t") else {
        return Err((None, "it is not a plan"));
    };
    let fields: Vec<&str> = rest.split('\t').collect();
    if fields.len() > 4 {
        let name = fields.get(1).map(|n| n.trim()).filter(|n| !n.is_empty());
        return Err((name.map(str::to_owned), "it has too many parts"));
    }
    let field = |i: usize| fields.get(i).copied().unwrap_or("").to_owned();
    Ok(SavedPlan {
        id: field(0),
        name: field(1),
        saved: field(2),
        address: field(3),
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
        assert_eq!(s.plans[0].address, "#/600-1136-1");
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
    fn new_ids_never_repeat_one_in_use() {
        let mut s = SavedPlans {
            plans: vec![SavedPlan {
                id: format!("p{}", u64::MAX),
                name: "Last".into(),
                ..SavedPlan::default()
            }],
        };
        assert_eq!(s.save_as("Next", "#/", "t"), SaveOutcome::Saved { id: "p0".into() });
    }

    #[test]
    fn empty_storage_is_no_problem() {
        assert_eq!(load(None), LoadOutcome::default());
        assert_eq!(load(Some("  ")), LoadOutcome::default());
    }

    #[test]
    fn copies_of_a_long_name_stay_within_the_limit() {
        let long = "x".repeat(MAX_NAME_CHARS);
        let plan = |id: &str| format!(r##"{{"id":"{id}","name":"{long}","saved":"","address":"#/"}}"##);
        let raw = format!(
            r#"{{"format":"pathway-planner-saved","version":3,"plans":[{},{}]}}"#,
            plan("p1"),
            plan("p2")
        );
        let got = load(Some(&raw));
        assert_eq!(got.plans.plans.len(), 2);
        let copy = &got.plans.plans[1].name;
        assert_eq!(copy.chars().count(), MAX_NAME_CHARS);
        assert!(copy.ends_with("x (2)"), "{copy}");
        assert_eq!(load(Some(&to_storage(&got.plans))).plans, got.plans);
    }
}
