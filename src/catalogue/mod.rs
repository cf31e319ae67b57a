//! The qualification catalogue: the JSON in `specs/`, embedded at compile time, parsed into
//! typed data and checked for integrity.

mod binary;
mod load;
mod lzma;
mod model;
mod sorted_map;
pub(crate) mod validate;

#[cfg(not(target_arch = "wasm32"))]
pub use load::parse;
pub use load::{embedded, shared, CatalogueError};
pub use model::*;
pub use sorted_map::SortedMap;
pub use validate::{integrity_problems, source_problems, IntegrityProblem};

/// Everything in `specs/`, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    pub documents: Vec<Document>,
    pub errata: Vec<Erratum>,
    pub qualifications: Vec<Qualification>,
    /// Unit content by document id, then unit key.
    pub details: SortedMap<SortedMap<UnitDetail>>,
}

impl Catalogue {
    pub fn qualification(&self, number: &str) -> Option<&Qualification> {
        self.qualifications.iter().find(|q| q.number == number)
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    pub fn erratum(&self, id: &str) -> Option<&Erratum> {
        self.errata.iter().find(|e| e.id == id)
    }

    /// The content of a unit entry, from the document its entry names.
    pub fn detail(&self, entry: &UnitEntry) -> Option<&UnitDetail> {
        let doc = entry.detail.as_ref()?;
        self.details.get(doc)?.get(&entry.key())
    }
}

impl UnitEntry {
    /// How plans, rules and addresses name the unit: the awarding body's unit number where the
    /// document numbers units, otherwise the reference number.
    pub fn key(&self) -> String {
        self.number.clone().unwrap_or_else(|| self.reference.clone())
    }
}

impl Qualification {
    /// Every unit entry with the group it sits in, in document order.
    pub fn units(&self) -> impl Iterator<Item = (&Group, &UnitEntry)> {
        self.groups.iter().flat_map(|g| g.units.iter().map(move |u| (g, u)))
    }

    pub fn unit(&self, key: &str) -> Option<&UnitEntry> {
        self.units().map(|(_, u)| u).find(|u| u.key() == key)
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }
}
