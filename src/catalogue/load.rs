//! The catalogue compiled into the app: `build.rs` parses and checks `specs/`, then writes the
//! result as minified JSON (`serde_json::to_string` of [`Catalogue`]), which is embedded here
//! and read back with the model's own serde derives.

use super::{Catalogue, CatalogueError};

/// The whole catalogue, as `build.rs` wrote it.
static JSON: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalogue.json"));

/// The catalogue compiled into this build, read afresh. Every spec file was parsed and checked
/// when the app was built, so an error here means the embedded data is damaged.
pub fn embedded() -> Result<Catalogue, CatalogueError> {
    read(JSON)
}

/// Reads JSON `build.rs` wrote; damaged input is an error, never a panic.
fn read(json: &[u8]) -> Result<Catalogue, CatalogueError> {
    serde_json::from_slice(json).map_err(|e| CatalogueError {
        file: "(embedded catalogue)".into(),
        field: String::new(),
        message: e.to_string(),
    })
}

/// The catalogue compiled into this build, read once per process.
pub fn shared() -> Result<&'static Catalogue, &'static CatalogueError> {
    static CATALOGUE: std::sync::OnceLock<Result<Catalogue, CatalogueError>> = std::sync::OnceLock::new();
    CATALOGUE.get_or_init(embedded).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_blob_is_an_error_not_a_panic() {
        assert!(read(&[]).is_err());
        assert!(read(&JSON[..JSON.len() / 2]).is_err());
        assert!(read(b"{\"documents\": 3}").is_err());
        let mut flipped = JSON.to_vec();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x55;
        let _ = read(&flipped);
        for cut in (0..JSON.len()).step_by(JSON.len() / 97 + 1) {
            assert!(read(&JSON[..cut]).is_err(), "a blob cut at byte {cut} was accepted");
        }
    }

    #[test]
    fn the_embedded_json_reads() {
        let cat = read(JSON).unwrap_or_else(|e| panic!("{e}"));
        assert!(!cat.qualifications.is_empty());
    }
}
