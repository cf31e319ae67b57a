//! The catalogue's data model, as written in `specs/` (JSON) and compiled into the app.
//!
//! Numbers are kept exactly as the source documents print them. Where a document is wrong
//! or ambiguous the printed value stays and the reading the engine uses is recorded as data
//! (`erratum` ids and `alternative` rules), so the page can say what it did.
//!
//! The same serde derives read the spec files (JSON, in `build.rs` and in native tests) and the
//! postcard bytes `build.rs` embeds in the app. Postcard is not self-describing: it writes every
//! field in declaration order with no names, so the types keep a plain shape that both formats
//! read the same way: no `#[serde(flatten)]`, no internally tagged enums (rule kinds are serde's
//! default, externally tagged: `{"min_total_credits": {"min": 42}}`), no `skip_serializing_if`.
//! `#[serde(default)]` only lets a spec file leave a field out; postcard always writes it.
//!
//! `build.rs` includes this file with `#[path]`, so it names nothing outside itself but std
//! and serde.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Everything in `specs/`, parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub documents: Vec<Document>,
    pub errata: Vec<Erratum>,
    pub qualifications: Vec<Qualification>,
    /// Unit content by document id, then unit key.
    pub details: BTreeMap<String, BTreeMap<String, UnitDetail>>,
}

/// The catalogue as embedded in the app: the same data, with the unit content as one list ordered
/// by unit reference, so that the same unit printed by several documents sits together in the
/// bytes and compression finds the repeats (about 8 KB less to download than map order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Packed {
    pub documents: Vec<Document>,
    pub errata: Vec<Erratum>,
    pub qualifications: Vec<Qualification>,
    /// (document id, unit content), ordered by the unit's reference, then the document.
    pub details: Vec<(String, UnitDetail)>,
}

impl From<Catalogue> for Packed {
    fn from(c: Catalogue) -> Packed {
        let mut details: Vec<(String, UnitDetail)> = c
            .details
            .into_iter()
            .flat_map(|(doc, units)| units.into_values().map(move |u| (doc.clone(), u)))
            .collect();
        details.sort_by(|(da, a), (db, b)| (&a.reference, da, &a.key).cmp(&(&b.reference, db, &b.key)));
        Packed {
            documents: c.documents,
            errata: c.errata,
            qualifications: c.qualifications,
            details,
        }
    }
}

impl From<Packed> for Catalogue {
    fn from(p: Packed) -> Catalogue {
        let mut details: BTreeMap<String, BTreeMap<String, UnitDetail>> = BTreeMap::new();
        for (doc, unit) in p.details {
            details.entry(doc).or_default().insert(unit.key.clone(), unit);
        }
        Catalogue {
            documents: p.documents,
            errata: p.errata,
            qualifications: p.qualifications,
            details,
        }
    }
}

/// A spec file that does not parse (which file, which field, what is wrong), or an embedded
/// catalogue that does not decode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueError {
    /// The path under `specs/`, or `(embedded catalogue)`.
    pub file: String,
    /// The field path, e.g. `groups[0].units[3].credits`; empty when the file as a whole is at fault.
    pub field: String,
    pub message: String,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "specs/{}: field `{}`: {}", self.file, self.field, self.message)
    }
}

impl std::error::Error for CatalogueError {}

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

/// A source document: a publisher's specification or handbook, kept as text in
/// `specs/sources/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Short stable id, e.g. `proqual-l2`.
    pub id: String,
    /// Where its text is, as a path under `specs/`: `sources/<name>.txt`. The integrity checks
    /// require that form, and the tests (and `build.rs`) that the file exists and that no other
    /// document names it.
    pub file: String,
    /// Title as the document gives it, with version and date where printed.
    pub title: String,
    pub publisher: String,
}

/// Where a value came from: a document id and the section (heading as printed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    pub document: String,
    pub section: String,
}

/// `specs/qualifications/*.json`: one qualification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    /// The regulator's qualification number as printed, e.g. `601/3576/1`.
    pub number: String,
    /// The title as printed in the document's qualification profile or structure heading.
    pub title: String,
    pub awarding_body: String,
    /// The awarding body's own product code where printed (City & Guilds `3412-03`).
    #[serde(default)]
    pub awarding_body_code: Option<String>,
    pub level: u8,
    /// The credit total the rules of combination state.
    pub total_credits: u32,
    /// Total qualification time in hours, where printed.
    #[serde(default)]
    pub tqt: Option<u32>,
    /// Qualification guided learning hours, where printed.
    #[serde(default)]
    pub glh: Option<u32>,
    /// Minimum age or other facts from the profile the page may show, as printed.
    #[serde(default)]
    pub facts: Vec<Fact>,
    pub source: Provenance,
    /// The rules of combination quoted word for word, one paragraph or bullet per entry.
    pub rules_text: Vec<String>,
    pub groups: Vec<Group>,
    /// The rules as data. Barred units and registration-date availability are stated on the
    /// unit entries instead, where the documents print them.
    pub rules: Vec<Rule>,
    /// Errata about the qualification as a whole, shown on its page.
    #[serde(default)]
    pub errata: Vec<String>,
}

/// A labelled fact shown as printed, e.g. `{"label": "Age group approved", "value": "16+"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// `A`, `B`, `C`, `D`.
    pub id: String,
    /// The group heading as printed.
    pub title: String,
    /// Every unit in the group must be achieved.
    #[serde(default)]
    pub mandatory: bool,
    pub units: Vec<UnitEntry>,
}

/// A unit as a qualification's structure table prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitEntry {
    /// Unit reference (accreditation) number as printed, e.g. `L/503/0394`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The awarding body's unit number where the document numbers units (Pearson `1`..`45`,
    /// City & Guilds `101`..`619`), without footnote marks.
    #[serde(default)]
    pub number: Option<String>,
    pub title: String,
    pub level: u8,
    pub credits: u32,
    /// Unit guided learning hours where the structure table (or the unit's own section) prints them.
    #[serde(default)]
    pub glh: Option<u32>,
    /// Units this one cannot be taken with, by key (number where the document numbers units,
    /// otherwise reference), as printed in the table's "Barred units" column.
    #[serde(default)]
    pub barred: Vec<String>,
    /// Availability by the learner's registration date, where the document restricts it.
    #[serde(default)]
    pub availability: Option<Availability>,
    /// Ids of errata (in `specs/ERRATA.md`) that concern this entry.
    #[serde(default)]
    pub errata: Vec<String>,
    /// Where the unit's content (outcomes and criteria) is: a document id, `None` when no
    /// source document includes it.
    #[serde(default)]
    pub detail: Option<String>,
}

/// A registration-date window, ISO dates. `before` is exclusive, `from` inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub before: Option<String>,
    /// The document's words, quoted.
    pub text: String,
    #[serde(default)]
    pub errata: Vec<String>,
}

/// One rule of combination as data, e.g.
/// `{"id": "min-b", "kind": {"min_group_credits": {"groups": ["B"], "min": 3}}, "errata": ["PQ-01"]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable id within the qualification, e.g. `total`, `min-b`.
    pub id: String,
    /// What the rule requires: one key naming the kind, holding that kind's fields.
    pub kind: RuleKind,
    /// Errata behind the reading this rule encodes.
    #[serde(default)]
    pub errata: Vec<String>,
    /// Another reasonable reading of the same printed rule; the engine evaluates it too so
    /// the page can say whether the verdict depends on the reading. Written like `kind`.
    #[serde(default)]
    pub alternative: Option<Box<RuleKind>>,
}

/// A rule's kind with its fields, externally tagged (serde's default):
/// `{"max_units": {"units": ["112", "113"], "max": 1}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RuleKind {
    /// At least `min` credits in all.
    MinTotalCredits { min: u32 },
    /// At least `min` credits from units in `groups` together.
    MinGroupCredits { groups: Vec<String>, min: u32 },
    /// At most `max` credits from units in `groups` together.
    MaxGroupCredits { groups: Vec<String>, max: u32 },
    /// At least `min` credits from units at `level` (or above, when `or_above`), counted over
    /// `groups` (every group when empty).
    MinLevelCredits {
        level: u8,
        or_above: bool,
        min: u32,
        #[serde(default)]
        groups: Vec<String>,
    },
    /// At most `max` credits from units at `level` (or above, when `or_above`), counted over
    /// `groups` (every group when empty).
    MaxLevelCredits {
        level: u8,
        or_above: bool,
        max: u32,
        #[serde(default)]
        groups: Vec<String>,
    },
    /// No more than `max` of the listed units (by key).
    MaxUnits { units: Vec<String>, max: u32 },
}

/// `specs/units/<document>.json`: the unit content one document prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDetailFile {
    pub document: String,
    pub units: Vec<UnitDetail>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitDetail {
    /// The key the structure tables use: unit number where numbered, else reference.
    pub key: String,
    #[serde(rename = "ref")]
    pub reference: String,
    /// Title as printed in the unit's own section.
    pub title: String,
    /// Level, credits and GLH as printed in the unit's own section, where it prints them.
    #[serde(default)]
    pub level: Option<u8>,
    #[serde(default)]
    pub credits: Option<u32>,
    #[serde(default)]
    pub glh: Option<u32>,
    /// `competence` or `knowledge`, where stated.
    #[serde(default)]
    pub unit_type: Option<UnitType>,
    /// Unit aim, summary or introduction, as printed (may be shortened to its first paragraph).
    #[serde(default)]
    pub summary: Option<String>,
    pub outcomes: Vec<Outcome>,
    /// Assessment facts a planner needs, each a short statement close to the document's words.
    #[serde(default)]
    pub assessment: Vec<String>,
    pub section: String,
    #[serde(default)]
    pub errata: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitType {
    Competence,
    Knowledge,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// As printed: `1`, `2`, ...
    pub number: String,
    pub text: String,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// As printed: `1.1`, `1.2`, ...
    pub number: String,
    pub text: String,
}

/// An entry of `specs/errata/<publisher>.json`: the machine-readable side of `specs/ERRATA.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Erratum {
    /// Prefixed by publisher: `PQ-01`, `PE-01`, `CG-01`, ...
    pub id: String,
    pub document: String,
    pub section: String,
    /// The passage, quoted.
    pub quote: String,
    /// What is wrong or ambiguous.
    pub problem: String,
    /// Exactly how the app treats it.
    pub treatment: String,
}
