//! Plans that travel: in and out of the app other than by the address.
//!
//! - [`paste`]: a pasted list of unit numbers or reference numbers, resolved against one
//!   qualification, with what was not recognised and what is ambiguous;
//! - [`csv`]: the plan as a spreadsheet (one unit a row);
//! - [`json`]: the plan as a JSON file that can be downloaded and opened again;
//! - [`saved`]: named plans kept in one browser storage entry (the page does the storage calls),
//!   and [`saved_ops`]: the changes a person makes to them, as values;
//! - [`names`]: names for downloaded files;
//! - [`print`](mod@print): the errata behind a plan, for the printed learning plan.
//!
//! Everything here is plain Rust with no browser dependency, so it is tested natively, and
//! nothing here panics on any input. The two JSON formats (plan files and the saved-plans
//! entry) are read and written with serde_json: a hand-written parser was smaller in the
//! browser build, but it was a thousand lines of our own to keep correct for two small formats.

pub mod csv;
pub mod json;
pub mod names;
pub mod paste;
pub mod print;
pub mod saved;
pub mod saved_ops;

pub use csv::plan_csv;
pub use json::{plan_json, read_plan_json, ImportError, ImportedPlan, PlanFile};
pub use paste::{resolve_list, resolve_paste, Ambiguity, PasteResult, UnitLookup};
pub use print::{plan_errata, PrintErratum};
pub use saved::{load, to_storage, LoadOutcome, NameError, SaveOutcome, SavedEntry, SavedPlan, SavedPlans};

use std::collections::BTreeSet;

use crate::catalogue::{Catalogue, Qualification};
use crate::engine::{describe_rule_kind, Plan};

/// Identifies the catalogue a plan was made against, so an imported plan can say when it was
/// exported with different data: `"<qualifications>q-<FNV-1a 64 hash, 16 hex digits>"`, e.g.
/// `"8q-3f2a…"`.
///
/// Computed at run time from what a plan depends on, in catalogue order: each qualification's
/// number and credit total; each group's id and whether it is mandatory; each unit's key,
/// reference, level, credits, GLH, barred units and registration window; each printed rule's id
/// and wording ([`describe_rule_kind`]). Titles, quotations, unit content and errata do not
/// change it. The same catalogue always gives the same string, on every platform.
pub fn catalogue_version(cat: &Catalogue) -> String {
    let mut h = Fnv::new();
    for q in &cat.qualifications {
        h.field(&q.number);
        h.field(&q.total_credits.to_string());
        for g in &q.groups {
            h.field(&g.id);
            h.field(if g.mandatory { "m" } else { "o" });
            for u in &g.units {
                h.field(&u.key());
                h.field(&u.reference);
                h.field(&u.level.to_string());
                h.field(&u.credits.to_string());
                h.field(&u.glh.map(|n| n.to_string()).unwrap_or_default());
                for b in &u.barred {
                    h.field(b);
                }
                if let Some(a) = &u.availability {
                    h.field(a.from.as_deref().unwrap_or(""));
                    h.field(a.before.as_deref().unwrap_or(""));
                }
                h.field("|u");
            }
            h.field("|g");
        }
        for r in &q.rules {
            h.field(&r.id);
            h.field(&describe_rule_kind(&r.kind));
            if let Some(alt) = &r.alternative {
                h.field(&describe_rule_kind(alt));
            }
        }
        h.field("|q");
    }
    format!("{}q-{:016x}", cat.qualifications.len(), h.0)
}

/// FNV-1a, 64 bits: tiny, fast and the same everywhere.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// A field followed by a separator byte no text contains, so fields cannot run together.
    fn field(&mut self, s: &str) {
        self.bytes(s.as_bytes());
        self.bytes(&[0xff]);
    }
}

/// The qualification with this number, read leniently: any case, hyphens for slashes (as in
/// the address), surrounding spaces ignored.
pub fn find_qualification<'a>(cat: &'a Catalogue, number: &str) -> Option<&'a Qualification> {
    let wanted = number.trim().replace('-', "/").to_ascii_uppercase();
    cat.qualifications
        .iter()
        .find(|q| q.number.to_ascii_uppercase() == wanted)
}

/// The key of the unit this text names, exactly or ignoring case (as the address does).
fn unit_key(q: &Qualification, key: &str) -> Option<String> {
    let key = key.trim();
    q.unit(key)
        .or_else(|| q.units().map(|(_, u)| u).find(|u| u.key().eq_ignore_ascii_case(key)))
        .map(|u| u.key())
}

/// Keys of the units in mandatory groups.
fn mandatory_keys(q: &Qualification) -> BTreeSet<String> {
    q.groups
        .iter()
        .filter(|g| g.mandatory)
        .flat_map(|g| g.units.iter().map(|u| u.key()))
        .collect()
}

/// Keeps a plan in the shape the planner stores: mandatory units are never listed as chosen,
/// an achieved unit is not also to do, and a unit to do or achieved is not ruled out.
pub(crate) fn tidy(q: &Qualification, plan: &mut Plan) {
    let mandatory = mandatory_keys(q);
    plan.chosen
        .retain(|k| !mandatory.contains(k) && !plan.achieved.contains(k));
    plan.ruled_out
        .retain(|k| !mandatory.contains(k) && !plan.achieved.contains(k) && !plan.chosen.contains(k));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat() -> &'static Catalogue {
        crate::catalogue::shared().unwrap()
    }

    #[test]
    fn catalogue_version_is_stable_and_shaped() {
        let v = catalogue_version(cat());
        assert_eq!(v, catalogue_version(cat()));
        let (count, hash) = v.split_once("q-").unwrap();
        assert_eq!(count, cat().qualifications.len().to_string());
        assert_eq!(hash.len(), 16);
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn catalogue_version_changes_with_credits() {
        let mut changed = cat().clone();
        changed.qualifications[0].groups[0].units[0].credits += 1;
        assert_ne!(catalogue_version(cat()), catalogue_version(&changed));
        let mut retitled = cat().clone();
        retitled.qualifications[0].title.push_str(" (new title)");
        assert_eq!(catalogue_version(cat()), catalogue_version(&retitled));
    }

    #[test]
    fn qualifications_are_found_leniently() {
        for n in ["600/1135/X", "600/1135/x", " 600-1135-X ", "600-1135-x"] {
            assert_eq!(
                find_qualification(cat(), n).map(|q| q.number.as_str()),
                Some("600/1135/X"),
                "{n}"
            );
        }
        assert!(find_qualification(cat(), "123/4567/8").is_none());
        assert!(find_qualification(cat(), "").is_none());
    }
}
