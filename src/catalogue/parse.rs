//! Reading `specs/`: finding the spec files and parsing them into a [`Catalogue`].
//!
//! This is the only place that knows how the spec files are laid out. `build.rs` includes this
//! file (with `model.rs` and `validate.rs`) by `#[path]` to check the specs and write the
//! embedded catalogue; the crate compiles it for native targets only, for tests and tools. So it
//! names nothing outside `super::model`, std, serde, serde_json and serde_path_to_error.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::model::{Catalogue, CatalogueError, Document, Erratum, Qualification, UnitDetailFile};

/// The folder under `specs/` that holds the source documents' text, which is not spec data.
const SOURCES: &str = "sources";

/// Every spec file under `root` (the `specs/` folder): each `.json` file at any depth, except
/// in `sources/`, as (path under `specs/` with `/` between folders, contents), sorted by path.
pub fn read_specs(root: &Path) -> Result<Vec<(String, String)>, CatalogueError> {
    let mut found = Vec::new();
    walk(root, "", &mut found)?;
    found.sort();
    found
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(root.join(&path)).map_err(|e| whole_file(&path, e))?;
            Ok((path, text))
        })
        .collect()
}

fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<(), CatalogueError> {
    let entries = fs::read_dir(dir).map_err(|e| whole_file(prefix, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| whole_file(prefix, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{prefix}{name}");
        let kind = entry.file_type().map_err(|e| whole_file(&path, e))?;
        if kind.is_dir() {
            if path != SOURCES {
                walk(&entry.path(), &format!("{path}/"), out)?;
            }
        } else if name.ends_with(".json") {
            out.push(path);
        }
    }
    Ok(())
}

/// Every file in `root/sources/`, as a path under `specs/` (`sources/<name>`), sorted: what
/// [`super::validate::source_problems`] checks the documents against.
pub fn source_files(root: &Path) -> Result<Vec<String>, CatalogueError> {
    let entries = fs::read_dir(root.join(SOURCES)).map_err(|e| whole_file(SOURCES, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| whole_file(SOURCES, e))?;
        files.push(format!("{SOURCES}/{}", entry.file_name().to_string_lossy()));
    }
    files.sort();
    Ok(files)
}

/// Parses spec files given as (path under `specs/`, contents), as [`read_specs`] returns them.
/// The path says what a file holds: `documents.json`, `errata/*`, `qualifications/*`, `units/*`.
/// A malformed file is an error naming the file and the field path.
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
            if details.insert(file.document.clone(), by_key).is_some() {
                return Err(CatalogueError {
                    file: path.to_owned(),
                    field: "document".to_owned(),
                    message: format!("another file in units/ already holds {}", file.document),
                });
            }
        } else {
            return Err(CatalogueError {
                file: path.to_owned(),
                field: String::new(),
                message: "not a known kind of spec file".to_owned(),
            });
        }
    }
    errata.sort_by(|a: &Erratum, b: &Erratum| a.id.cmp(&b.id));
    qualifications.sort_by(|a, b| {
        (a.awarding_body.as_str(), a.level, a.number.as_str()).cmp(&(
            b.awarding_body.as_str(),
            b.level,
            b.number.as_str(),
        ))
    });
    Ok(Catalogue {
        documents,
        errata,
        qualifications,
        details,
    })
}

fn read<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, CatalogueError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| CatalogueError {
        file: path.to_owned(),
        field: e.path().to_string(),
        message: e.inner().to_string(),
    })
}

fn whole_file(path: &str, e: std::io::Error) -> CatalogueError {
    CatalogueError {
        file: path.to_owned(),
        field: String::new(),
        message: e.to_string(),
    }
}
