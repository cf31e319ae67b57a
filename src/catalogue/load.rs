use std::fmt;

use super::{binary, Catalogue};

#[cfg(not(target_arch = "wasm32"))]
pub use json::parse;

/// The whole catalogue, checked against the model, encoded (`binary`) and LZMA-compressed by
/// `build.rs`.
static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalogue.bin.lzma"));

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

/// The catalogue compiled into this build, decoded afresh. Every spec file was parsed and
/// checked when the app was built, so an error here means the embedded data is damaged.
pub fn embedded() -> Result<Catalogue, CatalogueError> {
    unpack(PACKED)
}

/// Decompresses and decodes a blob `build.rs` wrote.
fn unpack(packed: &[u8]) -> Result<Catalogue, CatalogueError> {
    let broken = |message: String| CatalogueError {
        file: "(embedded catalogue)".into(),
        field: String::new(),
        message,
    };
    let raw = super::lzma::decompress(packed).map_err(|e| broken(format!("cannot decompress: {e}")))?;
    let (documents, errata, qualifications, details) = binary::decode(&raw).map_err(|e| broken(e.to_string()))?;
    Ok(Catalogue {
        documents,
        errata,
        qualifications,
        details,
    })
}

/// The catalogue compiled into this build, decoded once per process.
pub fn shared() -> Result<&'static Catalogue, &'static CatalogueError> {
    static CATALOGUE: std::sync::OnceLock<Result<Catalogue, CatalogueError>> = std::sync::OnceLock::new();
    CATALOGUE.get_or_init(embedded).as_ref()
}

/// The JSON side, native only: `specs/` as written, for tools and tests. `build.rs` parses the same
/// way when it packs the catalogue (a test checks the two agree); the app only decodes.
#[cfg(not(target_arch = "wasm32"))]
mod json {
    use super::super::SortedMap;

    use serde::de::DeserializeOwned;

    use super::super::{Catalogue, Document, Erratum, Qualification, UnitDetailFile};
    use super::CatalogueError;

    /// Parses spec files given as (path under `specs/`, contents). A malformed file is an error
    /// naming the file and the field path.
    pub fn parse<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Catalogue, CatalogueError> {
        let mut documents = Vec::new();
        let mut errata = Vec::new();
        let mut qualifications = Vec::new();
        let mut details = SortedMap::new();
        for (path, text) in files {
            if path == "documents.json" {
                documents = read::<Vec<Document>>(path, text)?;
            } else if path.starts_with("errata/") {
                errata.extend(read::<Vec<Erratum>>(path, text)?);
            } else if path.starts_with("qualifications/") {
                qualifications.push(read::<Qualification>(path, text)?);
            } else if path.starts_with("units/") {
                let file = read::<UnitDetailFile>(path, text)?;
                let mut by_key = SortedMap::new();
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_blob_is_an_error_not_a_panic() {
        assert!(unpack(&[]).is_err());
        assert!(unpack(&PACKED[..PACKED.len() / 2]).is_err());
        let mut flipped = PACKED.to_vec();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x55;
        let _ = unpack(&flipped);
    }
}
