//! The catalogue compiled into the app: `build.rs` parses and checks `specs/`, then writes the
//! result in postcard (`postcard::to_allocvec` of [`Packed`], the catalogue with its unit content
//! as one list), which is embedded here and read back with the model's own serde derives. Postcard is compact and quick to read, but not
//! self-describing, which is why the model keeps a plain shape (see `model`).

use super::{Catalogue, CatalogueError, Packed};

/// The whole catalogue, as `build.rs` wrote it.
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/catalogue.postcard"));

/// The catalogue compiled into this build, read afresh. Every spec file was parsed and checked
/// when the app was built, so an error here means the embedded data is damaged.
pub fn embedded() -> Result<Catalogue, CatalogueError> {
    read(BLOB)
}

/// Reads bytes `build.rs` wrote; damaged input (cut short, bytes left over, a bad tag, length
/// or UTF-8) is an error, never a panic.
fn read(bytes: &[u8]) -> Result<Catalogue, CatalogueError> {
    let error = |message: String| CatalogueError {
        file: "(embedded catalogue)".into(),
        field: String::new(),
        message,
    };
    let (packed, rest) = postcard::take_from_bytes::<Packed>(bytes).map_err(|e| error(e.to_string()))?;
    if !rest.is_empty() {
        return Err(error(format!("{} bytes left over after the catalogue", rest.len())));
    }
    Ok(packed.into())
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
        assert!(read(&BLOB[..BLOB.len() / 2]).is_err());
        assert!(read(b"{\"documents\": 3}").is_err());
        let mut longer = BLOB.to_vec();
        longer.push(0);
        assert!(read(&longer).is_err(), "a byte left over was accepted");
        for cut in (0..BLOB.len()).step_by(BLOB.len() / 97 + 1) {
            assert!(read(&BLOB[..cut]).is_err(), "a blob cut at byte {cut} was accepted");
        }
        // A changed byte may still decode (a different credit value, say), but must not panic
        // or run away: lengths and tags are checked against the bytes that are there.
        for at in (0..BLOB.len()).step_by(BLOB.len() / 211 + 1) {
            for flip in [0x01, 0x55, 0x80, 0xff] {
                let mut changed = BLOB.to_vec();
                changed[at] ^= flip;
                let _ = read(&changed);
            }
        }
    }

    #[test]
    fn the_embedded_blob_reads() {
        let cat = read(BLOB).unwrap_or_else(|e| panic!("{e}"));
        assert!(!cat.qualifications.is_empty());
    }
}
