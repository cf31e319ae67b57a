//! Units that more than one qualification includes, found by their unit reference number (the
//! regulator's number printed for each unit), the one name every document uses.
//!
//! Nothing is merged: each qualification's entry is kept as printed (its unit number, group,
//! level and credits). A reference that one qualification prints for two different units
//! (L/503/0394, City & Guilds units 203 and 204; erratum CG-06) is [ambiguous]: all its entries
//! are listed and marked, and no reading of which unit it "really" names is chosen.
//!
//! [ambiguous]: ambiguous_references

use std::collections::BTreeSet;

use crate::catalogue::{Catalogue, Group, Qualification, UnitEntry};

/// One qualification's entry for a unit, as its structure table prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// The qualification's number, as printed.
    pub qualification: String,
    pub awarding_body: String,
    /// The unit's key in that qualification (its number where numbered, else its reference).
    pub key: String,
    pub number: Option<String>,
    pub reference: String,
    pub title: String,
    /// The group's id, and whether the group is mandatory.
    pub group: String,
    pub mandatory: bool,
    pub level: u8,
    pub credits: u32,
    pub glh: Option<u32>,
    /// Errata about the entry, by id.
    pub errata: Vec<String>,
}

impl Placement {
    pub fn new(q: &Qualification, g: &Group, u: &UnitEntry) -> Placement {
        Placement {
            qualification: q.number.clone(),
            awarding_body: q.awarding_body.clone(),
            key: u.key(),
            number: u.number.clone(),
            reference: u.reference.clone(),
            title: u.title.clone(),
            group: g.id.clone(),
            mandatory: g.mandatory,
            level: u.level,
            credits: u.credits,
            glh: u.glh,
            errata: u.errata.clone(),
        }
    }

    /// "unit 310" where the document numbers its units, otherwise the reference.
    pub fn name(&self) -> String {
        match &self.number {
            Some(n) => format!("unit {n}"),
            None => self.reference.clone(),
        }
    }
}

/// A unit reference number and every entry printed under it in the qualifications looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedReference {
    pub reference: String,
    /// In the order the qualifications were given, then document order.
    pub placements: Vec<Placement>,
    /// Some qualification in the catalogue prints this reference for more than one unit.
    pub ambiguous: bool,
}

impl SharedReference {
    /// The numbers of the qualifications that include it, each once.
    pub fn qualifications(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in &self.placements {
            if !out.contains(&p.qualification.as_str()) {
                out.push(&p.qualification);
            }
        }
        out
    }

    /// The titles printed for it, case aside, each once, as first printed.
    pub fn titles(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for p in &self.placements {
            if !out.iter().any(|t| t.eq_ignore_ascii_case(&p.title)) {
                out.push(&p.title);
            }
        }
        out
    }

    /// Errata about any of its entries, each once.
    pub fn errata(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in self.placements.iter().flat_map(|p| p.errata.iter()) {
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
        out
    }

    /// The entries of one qualification (two for an ambiguous reference, otherwise one).
    pub fn in_qualification<'a>(&'a self, number: &'a str) -> impl Iterator<Item = &'a Placement> + 'a {
        self.placements.iter().filter(move |p| p.qualification == number)
    }
}

/// References that one qualification prints for more than one unit, over the whole catalogue.
pub fn ambiguous_references(cat: &Catalogue) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for q in &cat.qualifications {
        let mut seen = BTreeSet::new();
        for (_, u) in q.units() {
            if !seen.insert(u.reference.as_str()) {
                out.insert(u.reference.clone());
            }
        }
    }
    out
}

/// Every reference that two or more of the qualifications numbered `numbers` include, with
/// all their entries, by title (case aside) and then reference. Unknown numbers are skipped.
pub fn shared_units(cat: &Catalogue, numbers: &[String]) -> Vec<SharedReference> {
    let ambiguous = ambiguous_references(cat);
    let mut all: Vec<SharedReference> = Vec::new();
    for number in numbers {
        let Some(q) = cat.qualification(number) else { continue };
        for g in &q.groups {
            for u in &g.units {
                let p = Placement::new(q, g, u);
                match all.iter_mut().find(|s| s.reference == u.reference) {
                    Some(s) => s.placements.push(p),
                    None => all.push(SharedReference {
                        reference: u.reference.clone(),
                        placements: vec![p],
                        ambiguous: ambiguous.contains(&u.reference),
                    }),
                }
            }
        }
    }
    all.retain(|s| s.qualifications().len() >= 2);
    super::sorted(all, |s| {
        (s.placements[0].title.to_ascii_lowercase(), s.reference.clone())
    })
}

/// The references that qualifications of two or more awarding bodies include.
pub fn across_awarding_bodies(cat: &Catalogue) -> Vec<SharedReference> {
    let every: Vec<String> = cat.qualifications.iter().map(|q| q.number.clone()).collect();
    shared_units(cat, &every)
        .into_iter()
        .filter(|s| {
            let first = &s.placements[0].awarding_body;
            s.placements.iter().any(|p| p.awarding_body != *first)
        })
        .collect()
}
