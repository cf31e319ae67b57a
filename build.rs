//! Packs the catalogue: parses every JSON file under `specs/` into the typed model (the same
//! model and the same rules as `catalogue::parse`), encodes the result in the compact binary form
//! of `src/catalogue/binary.rs`, and LZMA-compresses it into `OUT_DIR/catalogue.bin.lzma`, which
//! the app embeds. A new qualification is a new file, with no list to keep. A malformed file
//! fails the build with a message naming the file and the field, so the app never carries a JSON
//! parser; LZMA's large window finds the unit content that several documents print alike.

use std::io::Write;
use std::{env, fs, path::Path, path::PathBuf, process};

#[path = "src/catalogue/binary.rs"]
mod binary;
#[path = "src/catalogue/model.rs"]
mod model;
#[path = "src/catalogue/sorted_map.rs"]
mod sorted_map;

use model::{Document, Erratum, Qualification, UnitDetailFile};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let parts = parse(&root, &files).unwrap_or_else(|message| {
        println!("cargo::error={message}");
        process::exit(1);
    });
    let packed = binary::encode(&parts);
    // Preset 9 with the "extreme" flag (liblzma LZMA_PRESET_EXTREME); no position bits, as the
    // packed data has no alignment to exploit (about 250 bytes smaller).
    let mut options = xz2::stream::LzmaOptions::new_preset(9 | 0x8000_0000).expect("lzma preset");
    options.position_bits(0);
    let stream = xz2::stream::Stream::new_lzma_encoder(&options).expect("lzma encoder");
    let mut encoder = xz2::write::XzEncoder::new_stream(Vec::new(), stream);
    encoder.write_all(&packed).expect("compress");
    let compressed = encoder.finish().expect("finish compression");
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("catalogue.bin.lzma");
    fs::write(dest, compressed).expect("write catalogue.bin.lzma");
}

/// What `catalogue::parse` does (keep the two alike; a test checks they agree), with errors as
/// `specs/<file>: field `<path>`: <what is wrong>`.
fn parse(root: &Path, files: &[PathBuf]) -> Result<binary::Parts, String> {
    let mut documents = Vec::new();
    let mut errata = Vec::new();
    let mut qualifications = Vec::new();
    let mut details = sorted_map::SortedMap::new();
    for file in files {
        println!("cargo:rerun-if-changed={}", file.display());
        let path = file
            .strip_prefix(root)
            .expect("under specs")
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(file).map_err(|e| format!("specs/{path}: {e}"))?;
        if path == "documents.json" {
            documents = read::<Vec<Document>>(&path, &text)?;
        } else if path.starts_with("errata/") {
            errata.extend(read::<Vec<Erratum>>(&path, &text)?);
        } else if path.starts_with("qualifications/") {
            qualifications.push(read::<Qualification>(&path, &text)?);
        } else if path.starts_with("units/") {
            let file = read::<UnitDetailFile>(&path, &text)?;
            let mut by_key = sorted_map::SortedMap::new();
            for unit in file.units {
                let key = unit.key.clone();
                if by_key.insert(key.clone(), unit).is_some() {
                    return Err(format!(
                        "specs/{path}: field `units[key={key}]`: this key appears twice"
                    ));
                }
            }
            details.insert(file.document, by_key);
        } else {
            return Err(format!("specs/{path}: field ``: not a known kind of spec file"));
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
    Ok((documents, errata, qualifications, details))
}

fn read<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, String> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| format!("specs/{path}: field `{}`: {}", e.path(), e.inner()))
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
}
