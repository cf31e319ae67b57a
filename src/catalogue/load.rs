use std::collections::BTreeMap;
use std::fmt;

use serde::de::DeserializeOwned;

use super::{Catalogue, Document, Erratum, Qualification, UnitDetailFile};

include!(concat!(env!("OUT_DIR"), "/spec_files.rs"));

/// A spec file that does not parse: which file, which field, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueError {
    pub file: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "specs/{}: field `{}`: {}", self.file, self.field, self.message)
    }
}

impl std::error::Error for CatalogueError {}

/// The catalogue compiled into this build, parsed afresh.
pub fn embedded() -> Result<Catalogue, CatalogueError> {
    parse(SPEC_FILES.iter().copied())
}

/// The catalogue compiled into this build, parsed once per process.
pub fn shared() -> Result<&'static Catalogue, &'static CatalogueError> {
    static CATALOGUE: std::sync::OnceLock<Result<Catalogue, CatalogueError>> = std::sync::OnceLock::new();
    CATALOGUE.get_or_init(embedded).as_ref()
}

/// Parses spec files given as (path under `specs/`, contents).
pub fn parse<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Catalogue, CatalogueError> {
    let mut documents = Vec::new();
    let mut errata = Vec::new();
    let mut qualifications = Vec::new();
    let mut details = BTreeMap::new();
    for (path, text) in files {
        if path == "documents.json" {
            documents = read::<Vec<Document>>(path, text)?;
        } else if path.starts_with("errata/") {
            errata.extend(read::<Vec<Erratum>>(path, text)?);
        } else if path.starts_with("qualifications/") {
            qualifications.push(read::<Qualification>(path, text)?);
        } else if path.starts_with("units/") {
            let file = read::<UnitDetailFile>(path, text)?;
            let mut by_key = BTreeMap::new();
            for unit in file.units {
                let key = unit.key.clone();
                if by_key.insert(key.clone(), unit).is_some() {
                    return Err(CatalogueError {
                        file: path.to_owned(),
                        field: format!("units[key={key}]"),
                        message: "this key appears twice".to_owned(),
                    });
                }
            }
            details.insert(file.document, by_key);
        } else {
            return Err(CatalogueError {
                file: path.to_owned(),
                field: String::new(),
                message: "not a known kind of spec file".to_owned(),
            });
        }
    }
    errata.sort_by(|a: &Erratum, b: &Erratum| a.id.cmp(&b.id));
    qualifications.sort_by(|a, b| (a.awarding_body.as_str(), a.level, a.number.as_str()).cmp(&(b.awarding_body.as_str(), b.level, b.number.as_str())));
    Ok(Catalogue { documents, errata, qualifications, details })
}

fn read<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, CatalogueError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| CatalogueError {
        file: path.to_owned(),
        field: e.path().to_string(),
        message: e.inner().to_string(),
    })
}
