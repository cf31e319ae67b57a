//! A small JSON writer and a strict JSON parser, hand-written so the browser build needs no
//! serde, and the plan as a JSON file built on them.
//!
//! The parser reads objects, arrays, strings (every escape, `\uXXXX` with surrogate pairs),
//! integers that fit an `i64`, `true`, `false` and `null`. It rejects what this app never
//! writes: fractions and exponents, duplicate keys, leading zeros, trailing commas, comments,
//! control characters in strings, and anything after the value. Input size and nesting depth
//! are limited, so no input can exhaust memory or the stack; every error is a [`JsonError`]
//! with the byte offset where reading stopped.

use std::collections::BTreeSet;
use std::fmt;

use crate::catalogue::Catalogue;
use crate::date::Date;
use crate::engine::{Compiled, Plan};

use super::{catalogue_version, find_qualification, tidy, unit_key};

/// A JSON value. Objects keep their keys in the order written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// Why a text is not JSON this parser reads, and where (a byte offset into the text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    /// The text is longer than the limit (in bytes).
    TooLarge { len: usize, limit: usize },
    /// Arrays and objects nest deeper than the limit.
    TooDeep { offset: usize, limit: usize },
    /// The text ends in the middle of a value: typically a file cut off.
    UnexpectedEnd { offset: usize },
    /// A character that cannot come here; `expected` says what could.
    Unexpected {
        offset: usize,
        found: char,
        expected: &'static str,
    },
    /// A backslash followed by something other than `" \ / b f n r t u`.
    BadEscape { offset: usize },
    /// `\u` not followed by four hex digits.
    BadUnicodeEscape { offset: usize },
    /// A `\uD800`–`\uDFFF` escape that is not half of a surrogate pair.
    LoneSurrogate { offset: usize },
    /// A raw control character (below U+0020) inside a string.
    ControlCharacter { offset: usize },
    /// A number with a fraction or exponent: only integers are read.
    UnsupportedNumber { offset: usize },
    /// A malformed number (`-`, `01`).
    BadNumber { offset: usize },
    /// An integer beyond the range of `i64`.
    NumberOutOfRange { offset: usize },
    /// The same key twice in one object.
    DuplicateKey { offset: usize, key: String },
    /// Something after the value.
    TrailingCharacters { offset: usize },
}

impl JsonError {
    /// The byte offset where reading stopped (0 for [`JsonError::TooLarge`]).
    pub fn offset(&self) -> usize {
        match self {
            JsonError::TooLarge { .. } => 0,
            JsonError::TooDeep { offset, .. }
            | JsonError::UnexpectedEnd { offset }
            | JsonError::Unexpected { offset, .. }
            | JsonError::BadEscape { offset }
            | JsonError::BadUnicodeEscape { offset }
            | JsonError::LoneSurrogate { offset }
            | JsonError::ControlCharacter { offset }
            | JsonError::UnsupportedNumber { offset }
            | JsonError::BadNumber { offset }
            | JsonError::NumberOutOfRange { offset }
            | JsonError::DuplicateKey { offset, .. }
            | JsonError::TrailingCharacters { offset } => *offset,
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::TooLarge { len, limit } => write!(f, "the text is {len} bytes long; at most {limit} are read"),
            JsonError::TooDeep { offset, limit } => {
                write!(f, "lists nest more than {limit} deep (at byte {offset})")
            }
            JsonError::UnexpectedEnd { offset } => write!(f, "the text ends too soon (at byte {offset})"),
            JsonError::Unexpected {
                offset,
                found,
                expected,
            } => {
                write!(
                    f,
                    "found \u{201c}{found}\u{201d} where {expected} should be (at byte {offset})"
                )
            }
            JsonError::BadEscape { offset } => write!(f, "a backslash escape is not valid (at byte {offset})"),
            JsonError::BadUnicodeEscape { offset } => {
                write!(f, "a \\u escape needs four hex digits (at byte {offset})")
            }
            JsonError::LoneSurrogate { offset } => {
                write!(f, "a \\u escape is half of a character (at byte {offset})")
            }
            JsonError::ControlCharacter { offset } => {
                write!(f, "a text has a raw control character in it (at byte {offset})")
            }
            JsonError::UnsupportedNumber { offset } => {
                write!(
                    f,
                    "a number has a fraction or exponent; only whole numbers are read (at byte {offset})"
                )
            }
            JsonError::BadNumber { offset } => write!(f, "a number is malformed (at byte {offset})"),
            JsonError::NumberOutOfRange { offset } => write!(f, "a number is too large (at byte {offset})"),
            JsonError::DuplicateKey { offset, key } => {
                write!(f, "the key \u{201c}{key}\u{201d} appears twice (at byte {offset})")
            }
            JsonError::TrailingCharacters { offset } => {
                write!(f, "there is more text after the end (at byte {offset})")
            }
        }
    }
}

impl std::error::Error for JsonError {}

/// How much the parser will read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest text, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of arrays and objects.
    pub max_depth: usize,
}

impl Default for Limits {
    /// 1 MiB, 32 levels: far beyond any plan file.
    fn default() -> Limits {
        Limits {
            max_bytes: 1 << 20,
            max_depth: 32,
        }
    }
}

/// Parses one JSON value with the default [`Limits`].
pub fn parse(text: &str) -> Result<Value, JsonError> {
    parse_with(text, Limits::default())
}

/// Parses one JSON value, whitespace around it allowed.
pub fn parse_with(text: &str, limits: Limits) -> Result<Value, JsonError> {
    if text.len() > limits.max_bytes {
        return Err(JsonError::TooLarge {
            len: text.len(),
            limit: limits.max_bytes,
        });
    }
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
        max_depth: limits.max_depth,
    };
    let v = p.value()?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(JsonError::TrailingCharacters { offset: p.pos });
    }
    Ok(v)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    max_depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// The error for the current position: the end, or the character here.
    fn unexpected(&self, expected: &'static str) -> JsonError {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            Some(found) => JsonError::Unexpected {
                offset: self.pos,
                found,
                expected,
            },
            None => JsonError::UnexpectedEnd { offset: self.pos },
        }
    }

    fn value(&mut self) -> Result<Value, JsonError> {
        self.skip_ws();
        match self.peek() {
            None => Err(JsonError::UnexpectedEnd { offset: self.pos }),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Value::Str),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.unexpected("a value")),
        }
    }

    fn literal(&mut self, word: &'static str, v: Value) -> Result<Value, JsonError> {
        for &w in word.as_bytes() {
            if self.peek() != Some(w) {
                return Err(self.unexpected(word));
            }
            self.pos += 1;
        }
        Ok(v)
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(JsonError::TooDeep {
                offset: self.pos,
                limit: self.max_depth,
            });
        }
        self.pos += 1;
        Ok(())
    }

    fn array(&mut self) -> Result<Value, JsonError> {
        self.enter()?;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.unexpected("',' or ']'")),
            }
        }
    }

    fn object(&mut self) -> Result<Value, JsonError> {
        self.enter()?;
        let mut entries: Vec<(String, Value)> = Vec::new();
        let mut seen = BTreeSet::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Value::Object(entries));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a key in quotes"));
            }
            let at = self.pos;
            let key = self.string()?;
            if !seen.insert(key.clone()) {
                return Err(JsonError::DuplicateKey { offset: at, key });
            }
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("':'"));
            }
            self.pos += 1;
            let v = self.value()?;
            entries.push((key, v));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Value::Object(entries));
                }
                _ => return Err(self.unexpected("',' or '}'")),
            }
        }
    }

    /// A string; `pos` is at the opening quote.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            // A run of ordinary characters; it ends at an ASCII byte, so on a char boundary.
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                None => return Err(JsonError::UnexpectedEnd { offset: self.pos }),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => return Err(JsonError::ControlCharacter { offset: self.pos }),
            }
        }
    }

    /// An escape; `pos` is at the backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let at = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            None => return Err(JsonError::UnexpectedEnd { offset: self.pos }),
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(
                                if self.pos + 2 > self.bytes.len() && self.bytes[self.pos..].iter().all(|&b| b == b'\\')
                                {
                                    JsonError::UnexpectedEnd {
                                        offset: self.bytes.len(),
                                    }
                                } else {
                                    JsonError::LoneSurrogate { offset: at }
                                },
                            );
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(JsonError::LoneSurrogate { offset: at });
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(JsonError::LoneSurrogate { offset: at }),
                    c => c,
                };
                out.push(char::from_u32(code).ok_or(JsonError::LoneSurrogate { offset: at })?);
                return Ok(());
            }
            Some(_) => return Err(JsonError::BadEscape { offset: at }),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                None => return Err(JsonError::UnexpectedEnd { offset: self.pos }),
                Some(b) => (b as char)
                    .to_digit(16)
                    .ok_or(JsonError::BadUnicodeEscape { offset: self.pos })?,
            };
            code = code * 16 + d;
            self.pos += 1;
        }
        Ok(code)
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        match self.peek() {
            None => return Err(JsonError::UnexpectedEnd { offset: self.pos }),
            Some(b'0'..=b'9') => {}
            Some(_) => return Err(JsonError::BadNumber { offset: start }),
        }
        if self.peek() == Some(b'0') && matches!(self.bytes.get(self.pos + 1), Some(b'0'..=b'9')) {
            return Err(JsonError::BadNumber { offset: start });
        }
        let mut n: i64 = 0;
        while let Some(b @ b'0'..=b'9') = self.peek() {
            let d = i64::from(b - b'0');
            n = n
                .checked_mul(10)
                .and_then(|n| if negative { n.checked_sub(d) } else { n.checked_add(d) })
                .ok_or(JsonError::NumberOutOfRange { offset: start })?;
            self.pos += 1;
        }
        if matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return Err(JsonError::UnsupportedNumber { offset: self.pos });
        }
        Ok(Value::Int(n))
    }
}

impl Value {
    /// An object from key–value pairs, in order.
    pub fn object<'k>(entries: impl IntoIterator<Item = (&'k str, Value)>) -> Value {
        Value::Object(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }

    /// An array of strings.
    pub fn strings<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> Value {
        Value::Array(items.into_iter().map(|s| Value::Str(s.as_ref().to_owned())).collect())
    }

    /// The value under `key` in an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// "a string", "a list", … for messages.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "true or false",
            Value::Int(_) => "a number",
            Value::Str(_) => "a text",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }

    /// Compact JSON.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, None);
        out
    }

    /// JSON indented by two spaces, lists of plain values on one line; ends with a newline.
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, Some(0));
        out.push('\n');
        out
    }

    fn write(&self, out: &mut String, indent: Option<usize>) {
        let newline = |out: &mut String, level: usize| {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', level * 2));
        };
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(n) => out.push_str(&n.to_string()),
            Value::Str(s) => write_string(out, s),
            Value::Array(items) => {
                let flat = items.iter().all(|v| !matches!(v, Value::Array(_) | Value::Object(_)));
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                        if flat && indent.is_some() {
                            out.push(' ');
                        }
                    }
                    match indent {
                        Some(level) if !flat => {
                            newline(out, level + 1);
                            v.write(out, Some(level + 1));
                        }
                        _ => v.write(out, indent),
                    }
                }
                if let Some(level) = indent.filter(|_| !flat && !items.is_empty()) {
                    newline(out, level);
                }
                out.push(']');
            }
            Value::Object(entries) => {
                out.push('{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if let Some(level) = indent {
                        newline(out, level + 1);
                    }
                    write_string(out, k);
                    out.push(':');
                    if indent.is_some() {
                        out.push(' ');
                    }
                    v.write(out, indent.map(|l| l + 1));
                }
                if let Some(level) = indent.filter(|_| !entries.is_empty()) {
                    newline(out, level);
                }
                out.push('}');
            }
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Str(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Str(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}

impl From<u32> for Value {
    fn from(n: u32) -> Value {
        Value::Int(i64::from(n))
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// Writes `s` as a JSON string: quotes, backslashes and control characters escaped, everything
/// else as is (UTF-8).
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

// ---------------------------------------------------------------------------------------------
// The plan file.

/// The `format` of an exported plan.
pub const PLAN_FORMAT: &str = "pathway-planner-plan";
/// The plan file version this build writes and reads.
pub const PLAN_VERSION: i64 = 1;
/// Largest plan file read: far more than any real plan.
pub const MAX_PLAN_BYTES: usize = 256 * 1024;

/// The plan as a JSON file (pretty-printed, ending in a newline):
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
/// `plan` is what is read back; `totals` and `verdict` are for people and other programs, and
/// are worked out afresh on import. Mandatory units are not listed in `chosen` (they are
/// always in the plan). `catalogue` is [`catalogue_version`] of the catalogue the page uses.
pub fn plan_json(c: &Compiled, q: &crate::catalogue::Qualification, plan: &Plan, catalogue_version: &str) -> String {
    let v = c.evaluate(plan);
    let t = &v.totals;
    Value::object([
        ("format", PLAN_FORMAT.into()),
        ("version", PLAN_VERSION.into()),
        ("catalogue", catalogue_version.into()),
        (
            "qualification",
            Value::object([("number", q.number.as_str().into()), ("title", q.title.as_str().into())]),
        ),
        (
            "plan",
            Value::object([
                ("chosen", Value::strings(&plan.chosen)),
                ("achieved", Value::strings(&plan.achieved)),
                ("ruled_out", Value::strings(&plan.ruled_out)),
                ("registered", plan.registered.map(|d| d.iso()).into()),
            ]),
        ),
        (
            "totals",
            Value::object([
                ("credits", t.credits.into()),
                ("credits_needed", q.total_credits.into()),
                ("credits_achieved", t.credits_achieved.into()),
                ("credits_to_do", t.credits_to_do.into()),
                ("glh", t.glh.into()),
                ("glh_to_do", t.glh_to_do.into()),
                ("glh_missing", Value::strings(&t.glh_missing)),
                ("units", t.units.into()),
                ("units_achieved", t.units_achieved.into()),
            ]),
        ),
        (
            "verdict",
            Value::object([
                ("met", v.met().into()),
                ("unmet", Value::strings(v.unmet().map(|r| r.sentence()))),
            ]),
        ),
    ])
    .to_json_pretty()
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
    /// Not JSON, or cut off ([`JsonError::UnexpectedEnd`]), or too large.
    Malformed(JsonError),
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
            ImportError::Malformed(JsonError::UnexpectedEnd { .. }) => {
                write!(f, "The file ends too soon: it looks cut off, so no plan was read from it.")
            }
            ImportError::Malformed(e @ JsonError::TooLarge { .. }) => {
                write!(f, "The file is too large to be a plan ({e}).")
            }
            ImportError::Malformed(e) => {
                write!(f, "The file is not a plan file this app can read: {e}.")
            }
            ImportError::WrongFormat { found: Some(s) } if s == super::saved::SAVED_FORMAT => write!(
                f,
                "This is a browser's list of saved plans, not an exported plan. Export a plan from the planner and import that file."
            ),
            ImportError::WrongFormat { found: Some(s) } => {
                write!(f, "This is not a Pathway Planner plan file (its format is \u{201c}{s}\u{201d}).")
            }
            ImportError::WrongFormat { found: None } => write!(f, "This is not a Pathway Planner plan file."),
            ImportError::UnsupportedVersion { found } => match found.parse::<i64>() {
                Ok(n) if n > PLAN_VERSION => write!(
                    f,
                    "This plan was exported by a newer version of Pathway Planner (plan file version {n}); this version reads version {PLAN_VERSION}. Open it with the newer version."
                ),
                _ => write!(
                    f,
                    "This plan file's version ({found}) is not one this app reads; it reads version {PLAN_VERSION}."
                ),
            },
            ImportError::Missing(field) => {
                write!(f, "This plan file is incomplete: it has no \u{201c}{field}\u{201d}, so no plan was read from it.")
            }
            ImportError::UnknownQualification(n) => write!(
                f,
                "The plan is for qualification {n}, which this app does not have, so it cannot be opened."
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads a plan file written by [`plan_json`]. Accepts a leading byte-order mark. The file's
/// `format` must be `pathway-planner-plan` and its `version` 1; its qualification must be in the
/// catalogue (matched as the address does: any case, hyphens for slashes). Within the plan,
/// units the qualification does not have, unreadable entries and a date that is not a real date
/// are left out and listed in `problems`, as the address does; `totals` and `verdict` are
/// ignored (they are worked out afresh), and so are fields this version does not know.
pub fn read_plan_json(cat: &Catalogue, text: &str) -> Result<ImportedPlan, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = parse_with(
        text,
        Limits {
            max_bytes: MAX_PLAN_BYTES,
            ..Limits::default()
        },
    )
    .map_err(ImportError::Malformed)?;
    let format = root.get("format");
    if format.and_then(Value::as_str) != Some(PLAN_FORMAT) {
        return Err(ImportError::WrongFormat {
            found: format.map(|f| f.as_str().map_or_else(|| f.to_json(), str::to_owned)),
        });
    }
    match root.get("version") {
        None => return Err(ImportError::Missing("version")),
        Some(Value::Int(PLAN_VERSION)) => {}
        Some(v) => return Err(ImportError::UnsupportedVersion { found: v.to_json() }),
    }
    let number = root
        .get("qualification")
        .and_then(|q| q.get("number"))
        .and_then(Value::as_str)
        .ok_or(ImportError::Missing("qualification.number"))?;
    let q = find_qualification(cat, number).ok_or_else(|| ImportError::UnknownQualification(number.to_owned()))?;
    let body = root
        .get("plan")
        .filter(|p| matches!(p, Value::Object(_)))
        .ok_or(ImportError::Missing("plan"))?;

    let mut problems = Vec::new();
    if let Some(exported) = root.get("catalogue").and_then(Value::as_str) {
        if exported != catalogue_version(cat) {
            problems.push(format!(
                "This plan was exported with different qualification data (catalogue {exported}); its units were checked against the data in this app."
            ));
        }
    }
    let mut plan = Plan::default();
    let mut unknown = Vec::new();
    for (field, words) in [
        ("chosen", "to do"),
        ("achieved", "achieved"),
        ("ruled_out", "ruled out"),
    ] {
        let list = match body.get(field) {
            None | Some(Value::Null) => continue,
            Some(Value::Array(items)) => items,
            Some(other) => {
                problems.push(format!(
                    "The plan's list of units {words} is {} instead of a list, so it was left out.",
                    other.kind_name()
                ));
                continue;
            }
        };
        for item in list {
            let Some(raw) = item.as_str() else {
                problems.push(format!(
                    "An entry in the plan's list of units {words} is {} instead of a unit, so it was left out.",
                    item.kind_name()
                ));
                continue;
            };
            let Some(key) = unit_key(q, raw) else {
                if !unknown.iter().any(|u| u == raw.trim()) {
                    unknown.push(raw.trim().to_owned());
                }
                continue;
            };
            match field {
                "chosen" => plan.chosen.insert(key),
                "achieved" => plan.achieved.insert(key),
                _ => plan.ruled_out.insert(key),
            };
        }
    }
    match body.get("registered") {
        None | Some(Value::Null) => {}
        Some(v) => match v.as_str().and_then(Date::parse_iso) {
            Some(d) => plan.registered = Some(d),
            None => problems.push(format!(
                "The registration date in the file ({}) is not a real date, so it was left out.",
                v.to_json()
            )),
        },
    }
    if !unknown.is_empty() {
        problems.push(format!(
            "The file names {} that {} does not have: {}. {} left out.",
            if unknown.len() == 1 { "a unit" } else { "units" },
            q.number,
            unknown.join(", "),
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

    fn ok(s: &str) -> Value {
        parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    #[test]
    fn parses_every_kind_of_value() {
        assert_eq!(ok("null"), Value::Null);
        assert_eq!(ok(" true "), Value::Bool(true));
        assert_eq!(ok("false"), Value::Bool(false));
        assert_eq!(ok("-0"), Value::Int(0));
        assert_eq!(ok("9223372036854775807"), Value::Int(i64::MAX));
        assert_eq!(ok("-9223372036854775808"), Value::Int(i64::MIN));
        assert_eq!(ok("[]"), Value::Array(vec![]));
        assert_eq!(ok("{}"), Value::Object(vec![]));
        assert_eq!(
            ok(r#"{"a": [1, "x", {"b": null}], "c": false}"#),
            Value::object([
                (
                    "a",
                    Value::Array(vec![Value::Int(1), "x".into(), Value::object([("b", Value::Null)])])
                ),
                ("c", false.into())
            ])
        );
    }

    #[test]
    fn string_escapes() {
        assert_eq!(
            ok(r#""a\"b\\c\/d\b\f\n\r\t""#),
            Value::Str("a\"b\\c/d\u{8}\u{c}\n\r\t".into())
        );
        assert_eq!(ok(r#""\u00e9\u20AC""#), Value::Str("é€".into()));
        assert_eq!(ok(r#""\ud83d\ude00""#), Value::Str("😀".into()));
        assert_eq!(ok("\"raw é 😀\""), Value::Str("raw é 😀".into()));
    }

    #[test]
    fn errors_say_what_and_where() {
        let err = |s: &str| parse(s).unwrap_err();
        assert_eq!(err(""), JsonError::UnexpectedEnd { offset: 0 });
        assert_eq!(err("[1, 2"), JsonError::UnexpectedEnd { offset: 5 });
        assert_eq!(err("{\"a\": \"b"), JsonError::UnexpectedEnd { offset: 8 });
        assert_eq!(err("tru"), JsonError::UnexpectedEnd { offset: 3 });
        assert_eq!(
            err("[1,]"),
            JsonError::Unexpected {
                offset: 3,
                found: ']',
                expected: "a value"
            }
        );
        assert_eq!(
            err("{a: 1}"),
            JsonError::Unexpected {
                offset: 1,
                found: 'a',
                expected: "a key in quotes"
            }
        );
        assert_eq!(err("1.5"), JsonError::UnsupportedNumber { offset: 1 });
        assert_eq!(err("1e3"), JsonError::UnsupportedNumber { offset: 1 });
        assert_eq!(err("01"), JsonError::BadNumber { offset: 0 });
        assert_eq!(err("-"), JsonError::UnexpectedEnd { offset: 1 });
        assert_eq!(err("-x"), JsonError::BadNumber { offset: 0 });
        assert_eq!(err("9223372036854775808"), JsonError::NumberOutOfRange { offset: 0 });
        assert_eq!(err(r#""\x""#), JsonError::BadEscape { offset: 1 });
        assert_eq!(err(r#""\u12G4""#), JsonError::BadUnicodeEscape { offset: 5 });
        assert_eq!(err(r#""\ud83d""#), JsonError::LoneSurrogate { offset: 1 });
        assert_eq!(err(r#""\ud83dx""#), JsonError::LoneSurrogate { offset: 1 });
        assert_eq!(err(r#""\ude00""#), JsonError::LoneSurrogate { offset: 1 });
        assert_eq!(err(r#""\ud83d\u0041""#), JsonError::LoneSurrogate { offset: 1 });
        assert_eq!(err("\"a\nb\""), JsonError::ControlCharacter { offset: 2 });
        assert_eq!(
            err(r#"{"a":1,"a":2}"#),
            JsonError::DuplicateKey {
                offset: 7,
                key: "a".into()
            }
        );
        assert_eq!(err("1 2"), JsonError::TrailingCharacters { offset: 2 });
        assert_eq!(
            err("é"),
            JsonError::Unexpected {
                offset: 0,
                found: 'é',
                expected: "a value"
            }
        );
        assert_eq!(
            err("// comment\n1"),
            JsonError::Unexpected {
                offset: 0,
                found: '/',
                expected: "a value"
            }
        );
    }

    #[test]
    fn depth_and_size_are_limited() {
        let deep = "[".repeat(10_000);
        assert!(matches!(parse(&deep), Err(JsonError::TooDeep { limit: 32, .. })));
        let ok_depth = format!("{}{}", "[".repeat(32), "]".repeat(32));
        assert!(parse(&ok_depth).is_ok());
        let too_deep = format!("{}{}", "[".repeat(33), "]".repeat(33));
        assert!(matches!(parse(&too_deep), Err(JsonError::TooDeep { .. })));
        let limits = Limits {
            max_bytes: 4,
            max_depth: 4,
        };
        assert_eq!(
            parse_with("12345", limits),
            Err(JsonError::TooLarge { len: 5, limit: 4 })
        );
    }

    #[test]
    fn writer_round_trips() {
        let v = Value::object([
            ("text", "quote \" backslash \\ newline \n tab \t bell \u{7} é 😀".into()),
            ("list", Value::strings(["a", "b"])),
            (
                "nested",
                Value::Array(vec![Value::object([("n", (-5i64).into())]), Value::Array(vec![])]),
            ),
            ("empty", Value::object([])),
            ("none", Value::Null),
        ]);
        assert_eq!(parse(&v.to_json()).unwrap(), v);
        assert_eq!(parse(&v.to_json_pretty()).unwrap(), v);
        assert!(v.to_json().contains(r#"bell \u0007 é 😀""#));
        assert_eq!(
            Value::object([("a", Value::strings(["x", "y"]))]).to_json_pretty(),
            "{\n  \"a\": [\"x\", \"y\"]\n}\n"
        );
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(s in ".{0,300}") {
            let _ = parse(&s);
        }

        #[test]
        fn parsing_json_like_text_never_panics(s in r#"[\[\]{}",:0-9a-z\\ \-.eEuUdD]{0,200}"#) {
            let _ = parse(&s);
        }

        #[test]
        fn strings_round_trip(s in "\\PC{0,100}|[\u{0}-\u{1f}\"\\\\]{0,20}") {
            let v = Value::Str(s);
            proptest::prop_assert_eq!(parse(&v.to_json()).unwrap(), v);
        }

        #[test]
        fn integers_round_trip(n in proptest::num::i64::ANY) {
            proptest::prop_assert_eq!(parse(&n.to_string()).unwrap(), Value::Int(n));
        }
    }
}
