//! The catalogue's compact binary form: `build.rs` checks every spec file against the typed model,
//! encodes the result with this module and compresses it; the app decodes it with this module,
//! so the browser carries no JSON parser and no serde code. `build.rs` includes this same file
//! (`#[path]`) next to the model, so it names the model only as `super::model`.
//!
//! Format, all integers unsigned LEB128 varints unless said otherwise:
//! - the whole: magic `PPC1`, then documents, errata, qualifications, details, and nothing after;
//! - `u8`, `bool` (0 or 1), an enum's variant, an `Option`'s presence (0 none, 1 some): one byte;
//! - `u32` and counts: varint; a string: its UTF-8 bytes, then a NUL byte (a length up front
//!   would cost about 8% more once compressed: it breaks LZMA's matches and context);
//! - a list: count, then the items; a map: count, then key and value pairs, keys strictly
//!   ascending;
//! - a struct: its fields in declaration order; an enum: variant byte, then its fields.
//!
//! Decoding never panics: every read is bounds-checked and any malformed input is an error.

// Each side uses one half: the build script encodes, the app decodes; tests use both.
#![cfg_attr(not(test), allow(dead_code))]

use std::fmt;

use super::model::*;
use super::sorted_map::SortedMap;

/// Unit content by document id, then unit key.
pub type Details = SortedMap<SortedMap<UnitDetail>>;

/// The catalogue's parts in stored order: documents, errata, qualifications, details.
pub type Parts = (Vec<Document>, Vec<Erratum>, Vec<Qualification>, Details);

const MAGIC: &[u8; 4] = b"PPC1";

/// Encodes the catalogue's parts.
pub fn encode(parts: &Parts) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    parts.encode(&mut out);
    out
}

/// Decodes what `encode` wrote.
pub fn decode(bytes: &[u8]) -> Result<Parts, DecodeError> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return Err(r.error("not a packed catalogue"));
    }
    let parts = Parts::decode(&mut r)?;
    if r.pos != bytes.len() {
        return Err(r.error("trailing bytes"));
    }
    Ok(parts)
}

/// Where decoding stopped and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub offset: usize,
    pub what: &'static str,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "byte {}: {}", self.offset, self.what)
    }
}

pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, what: &'static str) -> DecodeError {
        DecodeError { offset: self.pos, what }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(self.error("truncated"))?;
        let slice = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    /// A byte that must be below `limit` (an enum's variant, an option's presence).
    fn tag(&mut self, limit: u8) -> Result<u8, DecodeError> {
        let tag = self.byte()?;
        if tag >= limit {
            self.pos -= 1;
            return Err(self.error("unknown tag"));
        }
        Ok(tag)
    }

    fn varint(&mut self) -> Result<u32, DecodeError> {
        let start = self.pos;
        let mut value: u32 = 0;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            let bits = u32::from(byte & 0x7f);
            if shift == 28 && bits > 0x0f {
                self.pos = start;
                return Err(self.error("number too large"));
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        self.pos = start;
        Err(self.error("number too large"))
    }

    /// A count of items that each take at least one byte, so it cannot exceed what is left.
    fn count(&mut self) -> Result<usize, DecodeError> {
        let n = self.varint()? as usize;
        if n > self.bytes.len() - self.pos {
            return Err(self.error("count longer than the data"));
        }
        Ok(n)
    }
}

fn varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn count(out: &mut Vec<u8>, n: usize) {
    varint(out, u32::try_from(n).expect("catalogue list too long to pack"));
}

pub trait Encode {
    fn encode(&self, out: &mut Vec<u8>);
}

pub trait Decode: Sized {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError>;
}

impl Encode for u8 {
    fn encode(&self, out: &mut Vec<u8>) {
        out.push(*self);
    }
}

impl Decode for u8 {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.byte()
    }
}

impl Encode for u32 {
    fn encode(&self, out: &mut Vec<u8>) {
        varint(out, *self);
    }
}

impl Decode for u32 {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.varint()
    }
}

impl Encode for bool {
    fn encode(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
}

impl Decode for bool {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(r.tag(2)? == 1)
    }
}

impl Encode for String {
    fn encode(&self, out: &mut Vec<u8>) {
        assert!(
            !self.contains('\0'),
            "cannot pack text holding a NUL character: {self:?}"
        );
        out.extend_from_slice(self.as_bytes());
        out.push(0);
    }
}

impl Decode for String {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let (bytes, start) = (r.bytes, r.pos);
        let rest = &bytes[start..];
        let len = rest.iter().position(|&b| b == 0).ok_or(r.error("unterminated text"))?;
        let text = std::str::from_utf8(&rest[..len]).map_err(|_| r.error("text is not UTF-8"))?;
        r.pos += len + 1;
        Ok(text.to_owned())
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.encode(out);
            }
        }
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(match r.tag(2)? {
            0 => None,
            _ => Some(T::decode(r)?),
        })
    }
}

impl<T: Encode> Encode for Box<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        (**self).encode(out);
    }
}

impl<T: Decode> Decode for Box<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        T::decode(r).map(Box::new)
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, out: &mut Vec<u8>) {
        count(out, self.len());
        for item in self {
            item.encode(out);
        }
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        // A plain loop: collecting an iterator of results costs a separate adapter per element
        // type in the browser build.
        let n = r.count()?;
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(T::decode(r)?);
        }
        Ok(items)
    }
}

impl<V: Encode> Encode for SortedMap<V> {
    fn encode(&self, out: &mut Vec<u8>) {
        count(out, self.len());
        for (key, value) in self {
            key.encode(out);
            value.encode(out);
        }
    }
}

impl<V: Decode> Decode for SortedMap<V> {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        let mut map = SortedMap::new();
        for _ in 0..r.count()? {
            let at = r.pos;
            let key = String::decode(r)?;
            let value = V::decode(r)?;
            if map.push_last(key, value).is_err() {
                return Err(DecodeError {
                    offset: at,
                    what: "map keys out of order",
                });
            }
        }
        Ok(map)
    }
}

impl<A: Encode, B: Encode, C: Encode, D: Encode> Encode for (A, B, C, D) {
    fn encode(&self, out: &mut Vec<u8>) {
        self.0.encode(out);
        self.1.encode(out);
        self.2.encode(out);
        self.3.encode(out);
    }
}

impl<A: Decode, B: Decode, C: Decode, D: Decode> Decode for (A, B, C, D) {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok((A::decode(r)?, B::decode(r)?, C::decode(r)?, D::decode(r)?))
    }
}

/// `Encode` and `Decode` for a struct, its fields in the order listed (declaration order).
macro_rules! record {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl Encode for $ty {
            fn encode(&self, out: &mut Vec<u8>) {
                $(self.$field.encode(out);)*
            }
        }

        impl Decode for $ty {
            fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                Ok($ty { $($field: Decode::decode(r)?),* })
            }
        }
    };
}

record!(Document {
    id,
    file,
    title,
    publisher
});
record!(Provenance { document, section });
record!(Qualification {
    number,
    title,
    awarding_body,
    awarding_body_code,
    level,
    total_credits,
    tqt,
    glh,
    facts,
    source,
    rules_text,
    groups,
    rules,
    errata,
});
record!(Fact { label, value });
record!(Group {
    id,
    title,
    mandatory,
    units
});
record!(UnitEntry {
    reference,
    number,
    title,
    level,
    credits,
    glh,
    barred,
    availability,
    errata,
    detail
});
record!(Availability {
    from,
    before,
    text,
    errata
});
record!(Rule {
    id,
    kind,
    errata,
    alternative
});
record!(UnitDetail {
    key,
    reference,
    title,
    level,
    credits,
    glh,
    unit_type,
    summary,
    outcomes,
    assessment,
    section,
    errata,
});
record!(Outcome { number, text, criteria });
record!(Criterion { number, text });
record!(Erratum {
    id,
    document,
    section,
    quote,
    problem,
    treatment
});

impl Encode for UnitType {
    fn encode(&self, out: &mut Vec<u8>) {
        out.push(match self {
            UnitType::Competence => 0,
            UnitType::Knowledge => 1,
        });
    }
}

impl Decode for UnitType {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(match r.tag(2)? {
            0 => UnitType::Competence,
            _ => UnitType::Knowledge,
        })
    }
}

impl Encode for RuleKind {
    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            RuleKind::MinTotalCredits { min } => {
                out.push(0);
                min.encode(out);
            }
            RuleKind::MinGroupCredits { groups, min } => {
                out.push(1);
                groups.encode(out);
                min.encode(out);
            }
            RuleKind::MaxGroupCredits { groups, max } => {
                out.push(2);
                groups.encode(out);
                max.encode(out);
            }
            RuleKind::MinLevelCredits {
                level,
                or_above,
                min,
                groups,
            } => {
                out.push(3);
                level.encode(out);
                or_above.encode(out);
                min.encode(out);
                groups.encode(out);
            }
            RuleKind::MaxLevelCredits {
                level,
                or_above,
                max,
                groups,
            } => {
                out.push(4);
                level.encode(out);
                or_above.encode(out);
                max.encode(out);
                groups.encode(out);
            }
            RuleKind::MaxUnits { units, max } => {
                out.push(5);
                units.encode(out);
                max.encode(out);
            }
        }
    }
}

impl Decode for RuleKind {
    fn decode(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(match r.tag(6)? {
            0 => RuleKind::MinTotalCredits {
                min: Decode::decode(r)?,
            },
            1 => RuleKind::MinGroupCredits {
                groups: Decode::decode(r)?,
                min: Decode::decode(r)?,
            },
            2 => RuleKind::MaxGroupCredits {
                groups: Decode::decode(r)?,
                max: Decode::decode(r)?,
            },
            3 => RuleKind::MinLevelCredits {
                level: Decode::decode(r)?,
                or_above: Decode::decode(r)?,
                min: Decode::decode(r)?,
                groups: Decode::decode(r)?,
            },
            4 => RuleKind::MaxLevelCredits {
                level: Decode::decode(r)?,
                or_above: Decode::decode(r)?,
                max: Decode::decode(r)?,
                groups: Decode::decode(r)?,
            },
            _ => RuleKind::MaxUnits {
                units: Decode::decode(r)?,
                max: Decode::decode(r)?,
            },
        })
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn s(text: &str) -> String {
        text.to_owned()
    }

    /// A catalogue touching every type, variant and option of the format.
    fn small() -> Parts {
        let documents = vec![Document {
            id: s("d"),
            file: s("d.pdf"),
            title: s("Dé"),
            publisher: s("P"),
        }];
        let errata = vec![Erratum {
            id: s("E01"),
            document: s("d"),
            section: s("§1"),
            quote: s("“quoted”"),
            problem: s(""),
            treatment: s("t"),
        }];
        let entry = UnitEntry {
            reference: s("R/1"),
            number: Some(s("101")),
            title: s("One"),
            level: 255,
            credits: u32::MAX,
            glh: Some(0),
            barred: vec![s("102")],
            availability: Some(Availability {
                from: None,
                before: Some(s("2017-07-01")),
                text: s("before"),
                errata: vec![s("E01")],
            }),
            errata: vec![],
            detail: Some(s("d")),
        };
        let kinds = [
            RuleKind::MinTotalCredits { min: 128 },
            RuleKind::MinGroupCredits {
                groups: vec![s("A")],
                min: 16_384,
            },
            RuleKind::MaxGroupCredits {
                groups: vec![s("A"), s("B")],
                max: 2_097_152,
            },
            RuleKind::MinLevelCredits {
                level: 3,
                or_above: true,
                min: 268_435_456,
                groups: vec![],
            },
            RuleKind::MaxLevelCredits {
                level: 0,
                or_above: false,
                max: 0,
                groups: vec![s("B")],
            },
            RuleKind::MaxUnits {
                units: vec![s("101")],
                max: 1,
            },
        ];
        let rules = kinds
            .iter()
            .enumerate()
            .map(|(n, kind)| Rule {
                id: format!("r{n}"),
                kind: kind.clone(),
                errata: vec![s("E01")],
                alternative: (n % 2 == 0).then(|| Box::new(kinds[(n + 1) % kinds.len()].clone())),
            })
            .collect();
        let qualifications = vec![Qualification {
            number: s("1/2/3"),
            title: s("Q"),
            awarding_body: s("B"),
            awarding_body_code: None,
            level: 2,
            total_credits: 37,
            tqt: Some(370),
            glh: None,
            facts: vec![Fact {
                label: s("Age"),
                value: s("16+"),
            }],
            source: Provenance {
                document: s("d"),
                section: s("Structure"),
            },
            rules_text: vec![s("Learners must…")],
            groups: vec![
                Group {
                    id: s("A"),
                    title: s("Mandatory"),
                    mandatory: true,
                    units: vec![entry.clone()],
                },
                Group {
                    id: s("B"),
                    title: s("Optional"),
                    mandatory: false,
                    units: vec![],
                },
            ],
            rules,
            errata: vec![s("E01")],
        }];
        let detail = |key: &str, unit_type| UnitDetail {
            key: s(key),
            reference: s("R/1"),
            title: s("One"),
            level: Some(1),
            credits: None,
            glh: Some(300),
            unit_type,
            summary: Some(s("Aim.")),
            outcomes: vec![Outcome {
                number: s("1"),
                text: s("Know"),
                criteria: vec![Criterion {
                    number: s("1.1"),
                    text: s("Describe"),
                }],
            }],
            assessment: vec![s("Portfolio")],
            section: s("Unit 101"),
            errata: vec![],
        };
        let mut details = Details::new();
        details.insert(
            s("d"),
            [
                ("101", Some(UnitType::Competence)),
                ("102", Some(UnitType::Knowledge)),
                ("103", None),
            ]
            .into_iter()
            .map(|(key, t)| (s(key), detail(key, t)))
            .collect(),
        );
        details.insert(s("e"), SortedMap::new());
        (documents, errata, qualifications, details)
    }

    /// The catalogue in `specs/`, read from disk and parsed from JSON.
    fn from_disk() -> Parts {
        fn walk(dir: &std::path::Path, root: &std::path::Path, out: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).expect("read specs") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    walk(&path, root, out);
                } else if path.extension().is_some_and(|e| e == "json") {
                    let rel = path
                        .strip_prefix(root)
                        .expect("under specs")
                        .to_string_lossy()
                        .replace('\\', "/");
                    out.push((rel, std::fs::read_to_string(&path).expect("read spec")));
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("specs");
        let mut files = Vec::new();
        walk(&root, &root, &mut files);
        let cat = crate::catalogue::parse(files.iter().map(|(p, t)| (p.as_str(), t.as_str()))).expect("specs parse");
        (cat.documents, cat.errata, cat.qualifications, cat.details)
    }

    #[test]
    fn a_small_catalogue_round_trips() {
        let parts = small();
        assert_eq!(decode(&encode(&parts)), Ok(parts));
    }

    #[test]
    fn the_real_catalogue_round_trips() {
        let parts = from_disk();
        assert_eq!(decode(&encode(&parts)).expect("decodes"), parts);
    }

    #[test]
    fn every_truncation_is_an_error() {
        let bytes = encode(&small());
        for len in 0..bytes.len() {
            assert!(decode(&bytes[..len]).is_err(), "prefix of {len} bytes decoded");
        }
    }

    #[test]
    fn malformed_input_is_named() {
        let mut bytes = encode(&small());
        assert_eq!(decode(b"JSON").unwrap_err().what, "not a packed catalogue");
        bytes.push(0);
        assert_eq!(
            decode(&bytes).unwrap_err(),
            DecodeError {
                offset: bytes.len() - 1,
                what: "trailing bytes"
            }
        );
        assert_eq!(
            decode(b"PPC1\xff\xff\xff\xff\x7f").unwrap_err(),
            DecodeError {
                offset: 4,
                what: "number too large"
            }
        );
        assert_eq!(decode(b"PPC1\x05").unwrap_err().what, "count longer than the data");
        assert_eq!(decode(b"PPC1\x01\xc3\x28\0").unwrap_err().what, "text is not UTF-8");
        assert_eq!(decode(b"PPC1\x01abc").unwrap_err().what, "unterminated text");
        // Details with keys out of order.
        assert_eq!(
            decode(b"PPC1\0\0\0\x02b\0\0a\0\0").unwrap_err(),
            DecodeError {
                offset: 11,
                what: "map keys out of order"
            }
        );
    }

    #[test]
    #[should_panic(expected = "NUL")]
    fn text_holding_nul_is_refused_when_packing() {
        let mut parts = small();
        parts.0[0].title = s("a\0b");
        encode(&parts);
    }

    proptest! {
        #[test]
        fn random_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = decode(&body);
            let mut bytes = MAGIC.to_vec();
            bytes.extend_from_slice(&body);
            let _ = decode(&bytes);
        }

        #[test]
        fn corrupted_encodings_never_panic(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
            cut in any::<prop::sample::Index>(),
        ) {
            let mut bytes = encode(&small());
            for (at, value) in edits {
                let at = at.index(bytes.len());
                bytes[at] = value;
            }
            let _ = decode(&bytes);
            let _ = decode(&bytes[..cut.index(bytes.len())]);
        }
    }
}
