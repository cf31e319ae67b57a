//! The plan as a JSON file that can be downloaded and opened again (in any browser, or read by
//! other programs), written and read with serde_json.
//!
//! The file's shape is fixed once, as the typed [`PlanFile`], and written from it; so a field
//! cannot be misspelt or left out in one place and not another.
//!
//! Reading is deliberately not "deserialise a [`PlanFile`]": a typed read refuses the whole file
//! for one stray entry, and cannot tell someone why. A file opened here was often edited by hand
//! or by another program, so it is read in two steps instead. First the text is read as JSON
//! ([`serde_json::Value`]), which separates a file cut off part-way (told apart by
//! [`serde_json::error::Category::Eof`]) from one that is not JSON at all. Then the fields that
//! decide whether this is a plan file this version reads at all (`format`, `version`, the
//! qualification) are checked before anything else, and only then is the plan part read, entry
//! by entry: an unknown unit, an entry of the wrong kind or an impossible date costs only
//! itself, and is listed in the result for the page to show. `totals` and `verdict` are never
//! read; they are worked out afresh from this app's data.
//!
//! The size is checked before any parsing, so an oversized file is refused unread. serde_json
//! limits nesting itself, so no input can exhaust the stack.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::error::Category;
use serde_json::Value;

use crate::catalogue::{Catalogue, Qualification};
use crate::date::Date;
use crate::engine::{Compiled, Plan};
use crate::words::{clip, first_few, thousands};

use super::{catalogue_version, find_qualification, tidy, unit_key};

/// The `format` of an exported plan.
pub const PLAN_FORMAT: &str = "pathway-planner-plan";
/// The plan file version this build writes and reads.
pub const PLAN_VERSION: i64 = 1;
/// Largest plan file read: far more than any real plan.
pub const MAX_PLAN_BYTES: usize = 256 * 1024;

/// A plan file as [`plan_json`] writes it, field by field in the order written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFile {
    /// Always [`PLAN_FORMAT`].
    pub format: String,
    /// Always [`PLAN_VERSION`].
    pub version: i64,
    /// [`catalogue_version`] of the data the plan was made with.
    pub catalogue: String,
    pub qualification: FileQualification,
    pub plan: FilePlan,
    pub totals: FileTotals,
    pub verdict: FileVerdict,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileQualification {
    /// As the catalogue prints it, e.g. `600/1136/1`.
    pub number: String,
    pub title: String,
}

/// The part of the file that is read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilePlan {
    /// Units to do, mandatory ones not listed.
    pub chosen: Vec<String>,
    pub achieved: Vec<String>,
    pub ruled_out: Vec<String>,
    /// `YYYY-MM-DD`, or null.
    pub registered: Option<String>,
}

/// For people and other programs; worked out afresh on import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileTotals {
    pub credits: u32,
    pub credits_needed: u32,
    pub credits_achieved: u32,
    pub credits_to_do: u32,
    pub glh: u32,
    pub glh_to_do: u32,
    pub glh_missing: Vec<String>,
    pub units: u32,
    pub units_achieved: u32,
}

/// For people and other programs; worked out afresh on import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileVerdict {
    pub met: bool,
    /// The sentence of every rule not met.
    pub unmet: Vec<String>,
}

/// The plan as a JSON file, pretty-printed (two-space indent, one list item a line) and ending
/// in a newline:
///
/// ```json
/// {
///   "format": "pathway-planner-plan",
///   "version": 1,
///   "catalogue": "8q-…",
///   "qualification": {"number": "600/1136/1", "title": "…"},
///   "plan": {"chosen": ["204"], "achieved": [], "ruled_out": [], "registered": "2017-09-04"},
///   "totals": {"credits": 42, "credits_needed": 42, "credits_achieved": 0, "credits_to_do": 42,
///              "glh": 200, "glh_to_do": 200, "glh_missing": [], "units": 9, "units_achieved": 0},
///   "verdict": {"met": true, "unmet": []}
/// }
/// ```
///
/// Mandatory units are not listed in `chosen` (they are always in the plan). `catalogue` is
/// [`catalogue_version`] of the catalogue the page uses. `c` must be `q` compiled.
pub fn plan_json(c: &Compiled, q: &Qualification, plan: &Plan, catalogue_version: &str) -> String {
    let v = c.evaluate(plan);
    let t = &v.totals;
    let list = |keys: &std::collections::BTreeSet<String>| keys.iter().cloned().collect();
    let file = PlanFile {
        format: PLAN_FORMAT.to_owned(),
        version: PLAN_VERSION,
        catalogue: catalogue_version.to_owned(),
        qualification: FileQualification {
            number: q.number.clone(),
            title: q.title.clone(),
        },
        plan: FilePlan {
            chosen: list(&plan.chosen),
            achieved: list(&plan.achieved),
            ruled_out: list(&plan.ruled_out),
            registered: plan.registered.map(|d| d.iso()),
        },
        totals: FileTotals {
            credits: t.credits,
            credits_needed: q.total_credits,
            credits_achieved: t.credits_achieved,
            credits_to_do: t.credits_to_do,
            glh: t.glh,
            glh_to_do: t.glh_to_do,
            glh_missing: t.glh_missing.clone(),
            units: t.units,
            units_achieved: t.units_achieved,
        },
        verdict: FileVerdict {
            met: v.met(),
            unmet: v.unmet().map(|r| r.sentence()).collect(),
        },
    };
    // Strings, numbers, booleans and lists of them: serialising this cannot fail.
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}

/// A plan read from a file, with what could not be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPlan {
    /// The qualification number as the catalogue prints it.
    pub number: String,
    pub plan: Plan,
    /// Plain-English notes about what was left out or may differ; the plan is still usable.
    pub problems: Vec<String>,
}

/// Why a file cannot be imported as a plan at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Longer than [`MAX_PLAN_BYTES`] (its length in bytes); it was not read.
    TooLarge { len: usize },
    /// The text ends in the middle of the JSON: typically a file cut off.
    CutOff,
    /// Not JSON; where reading stopped (1-based line and column).
    NotJson { line: usize, column: usize },
    /// JSON, but not a plan file: `found` is its `format`, if it has one.
    WrongFormat { found: Option<String> },
    /// A plan file of a version this build does not read; `found` is the version as written in
    /// the file (JSON: `2`, `"1"`).
    UnsupportedVersion { found: String },
    /// A plan file without a field it needs (dotted path, e.g. `qualification.number`).
    Missing(&'static str),
    /// A qualification this catalogue does not have, as the file names it.
    UnknownQualification(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { len } => write!(
                f,
                "The file is too large to be a plan (it is {len} bytes long; at most {MAX_PLAN_BYTES} are read)."
            ),
            ImportError::CutOff => {
                write!(f, "The file ends too soon: it looks cut off, so no plan was read from it.")
            }
            ImportError::NotJson { line, column } => write!(
                f,
                "The file is not a plan file this app can read: it stops making sense at line {line}, column {column}."
            ),
            ImportError::WrongFormat { found: Some(s) } if s == super::saved::SAVED_FORMAT => write!(
                f,
                "This is a browser's list of saved plans, not an exported plan. Export a plan from the planner and import that file."
            ),
            ImportError::WrongFormat { found: Some(s) } => write!(
                f,
                "This is not a Pathway Planner plan file (its format is \u{201c}{}\u{201d}).",
                clip(s)
            ),
            ImportError::WrongFormat { found: None } => write!(f, "This is not a Pathway Planner plan file."),
            ImportError::UnsupportedVersion { found } => match found.parse::<i64>() {
                Ok(n) if n > PLAN_VERSION => write!(
                    f,
                    "This plan was exported by a newer version of Pathway Planner (plan file version {n}); this version reads version {PLAN_VERSION}. Open it with the newer version."
                ),
                _ => write!(
                    f,
                    "This plan file's version ({}) is not one this app reads; it reads version {PLAN_VERSION}.",
                    clip(found)
                ),
            },
            ImportError::Missing(field) => {
                write!(f, "This plan file is incomplete: it has no \u{201c}{field}\u{201d}, so no plan was read from it.")
            }
            ImportError::UnknownQualification(n) => write!(
                f,
                "The plan is for qualification {}, which this app does not have, so it cannot be opened.",
                clip(n)
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// The plan part as read: each field any JSON at all (absent reads as null), checked entry by
/// entry afterwards.
#[derive(Deserialize, Default)]
#[serde(default)]
struct PlanPart {
    chosen: Value,
    achieved: Value,
    ruled_out: Value,
    registered: Value,
}

/// "a text", "a list", … for messages.
fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Reads a plan file written by [`plan_json`]. Accepts a leading byte-order mark. The file's
/// `format` must be `pathway-planner-plan` and its `version` 1; its qualification must be in the
/// catalogue (matched as the address does: any case, hyphens for slashes). Within the plan,
/// units the qualification does not have, unreadable entries and a date that is not a real date
/// are left out and listed in `problems`, as the address does; `totals` and `verdict` are
/// ignored (they are worked out afresh), and so are fields this version does not know.
pub fn read_plan_json(cat: &Catalogue, text: &str) -> Result<ImportedPlan, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_PLAN_BYTES {
        return Err(ImportError::TooLarge { len: text.len() });
    }
    // Step one: is it JSON, and a plan file of this version, for a qualification we have?
    let root: Value = serde_json::from_str(text).map_err(|e| match e.classify() {
        Category::Eof => ImportError::CutOff,
        _ => ImportError::NotJson {
            line: e.line(),
            column: e.column(),
        },
    })?;
    let Value::Object(mut root) = root else {
        return Err(ImportError::WrongFormat { found: None });
    };
    let format = root.get("format");
    if format.and_then(Value::as_str) != Some(PLAN_FORMAT) {
        return Err(ImportError::WrongFormat {
            found: format.map(|f| f.as_str().map_or_else(|| f.to_string(), str::to_owned)),
        });
    }
    match root.get("version") {
        None => return Err(ImportError::Missing("version")),
        Some(v) if v.as_i64() == Some(PLAN_VERSION) => {}
        Some(v) => return Err(ImportError::UnsupportedVersion { found: v.to_string() }),
    }
    let number = root
        .get("qualification")
        .and_then(|q| q.get("number"))
        .and_then(Value::as_str)
        .ok_or(ImportError::Missing("qualification.number"))?;
    let q = find_qualification(cat, number).ok_or_else(|| ImportError::UnknownQualification(number.to_owned()))?;

    let mut problems = Vec::new();
    if let Some(exported) = root.get("catalogue").and_then(Value::as_str) {
        if exported != catalogue_version(cat) {
            problems.push(format!(
                "This plan was exported with different qualification data (catalogue {}); its units were checked against the data in this app.",
                clip(exported)
            ));
        }
    }

    // Step two: the plan, entry by entry.
    let body = match root.remove("plan") {
        Some(body @ Value::Object(_)) => body,
        _ => return Err(ImportError::Missing("plan")),
    };
    // Any object reads as a PlanPart (every field is any JSON, absent is null).
    let body = PlanPart::deserialize(body).unwrap_or_default();
    let mut plan = Plan::default();
    // Seen as a set, listed in the order first met: a hostile file may name thousands.
    let mut unknown: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (list, words, into) in [
        (&body.chosen, "to do", &mut plan.chosen),
        (&body.achieved, "achieved", &mut plan.achieved),
        (&body.ruled_out, "ruled out", &mut plan.ruled_out),
    ] {
        let items = match list {
            Value::Null => continue,
            Value::Array(items) => items,
            other => {
                problems.push(format!(
                    "The plan's list of units {words} is {} instead of a list, so it was left out.",
                    kind_name(other)
                ));
                continue;
            }
        };
        let mut not_units = Vec::new();
        for item in items {
            let Some(raw) = item.as_str() else {
                not_units.push(kind_name(item));
                continue;
            };
            match unit_key(q, raw) {
                Some(key) => {
                    into.insert(key);
                }
                None if seen.insert(raw.trim()) => unknown.push(raw.trim().to_owned()),
                None => {}
            }
        }
        match not_units.as_slice() {
            [] => {}
            [kind] => problems.push(format!(
                "An entry in the plan's list of units {words} is {kind} instead of a unit, so it was left out."
            )),
            many => problems.push(format!(
                "{} entries in the plan's list of units {words} are not units (the first is {}), so they were left out.",
                thousands(many.len()),
                many[0]
            )),
        }
    }
    match &body.registered {
        Value::Null => {}
        v => match v.as_str().and_then(Date::parse_iso) {
            Some(d) => plan.registered = Some(d),
            None => problems.push(format!(
                "The registration date in the file ({}) is not a real date, so it was left out.",
                clip(&v.to_string())
            )),
        },
    }
    if !unknown.is_empty() {
        problems.push(format!(
            "The file names {} that {} does not have: {}. {} left out.",
            if unknown.len() == 1 {
                "a unit".to_owned()
            } else {
                format!("{} units", thousands(unknown.len()))
            },
            q.number,
            first_few(&unknown, 10),
            if unknown.len() == 1 { "It was" } else { "They were" }
        ));
    }
    tidy(q, &mut plan);
    Ok(ImportedPlan {
        number: q.number.clone(),
        plan,
        problems,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat() -> &'static Catalogue {
        crate::catalogue::shared().unwrap()
    }

    #[test]
    fn the_file_has_its_fields_in_order_and_ends_in_a_newline() {
        let q = cat().qualification("600/1136/1").unwrap();
        let c = Compiled::new(q).unwrap();
        let text = plan_json(&c, q, &Plan::with_chosen(["204"]), "v");
        assert!(text.starts_with("{\n  \"format\": \"pathway-planner-plan\",\n  \"version\": 1,\n  \"catalogue\": \"v\",\n  \"qualification\": {\n    \"number\": \"600/1136/1\","), "{text}");
        assert!(text.ends_with("}\n") && !text.ends_with("\n\n"), "{text}");
        let keys: Vec<usize> = [
            "\"format\"",
            "\"version\"",
            "\"catalogue\"",
            "\"qualification\"",
            "\"plan\"",
            "\"totals\"",
            "\"verdict\"",
        ]
        .iter()
        .map(|k| text.find(k).unwrap())
        .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{text}");
    }

    #[test]
    fn not_json_says_where() {
        assert_eq!(
            read_plan_json(cat(), "{\n  \"format\": nope\n}"),
            Err(ImportError::NotJson { line: 2, column: 14 })
        );
        assert_eq!(read_plan_json(cat(), "   "), Err(ImportError::CutOff));
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(read_plan_json(cat(), &deep), Err(ImportError::NotJson { .. })));
    }

    #[test]
    fn odd_versions_are_reported_as_written() {
        let file = |version: &str| {
            format!(
                r#"{{"format":"pathway-planner-plan","version":{version},"qualification":{{"number":"600/1136/1"}},"plan":{{}}}}"#
            )
        };
        assert!(read_plan_json(cat(), &file("1")).is_ok());
        for v in ["1.0", "null", "[1]", "-1"] {
            assert_eq!(
                read_plan_json(cat(), &file(v)),
                Err(ImportError::UnsupportedVersion { found: v.to_owned() }),
                "{v}"
            );
        }
    }
}
