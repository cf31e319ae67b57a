//! Reading a cohort file: the bytes a spreadsheet wrote, a table of cells with each row's number
//! as the spreadsheet shows it, and the learner columns picked out of it by name.
//!
//! Quoting and delimiters are `csv-core`'s (see [`super::table`]); what is decided here is which
//! delimiter the file uses (the one that splits the header row into the most known column names),
//! how the bytes are decoded, and what is refused before any row is read.

use super::table::Records;
use crate::words::{and_list, clip, thousands};

/// The largest file read: 5 MB is about 50,000 learners with long unit lists, more than twice
/// [`MAX_LEARNERS`], and reads in well under a second.
pub const MAX_COHORT_BYTES: usize = 5 * 1024 * 1024;

/// The most learner rows read from one file: a large college's whole intake, checked in about
/// four seconds in the browser at the speed the issue sets for 5,000.
pub const MAX_LEARNERS: usize = 20_000;

/// A column the checker reads, by its name in the header row (any case, spaces around ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Learner,
    Qualification,
    /// Units still to do.
    Units,
    /// Units already achieved.
    Achieved,
    /// The registration date.
    Registered,
}

impl Column {
    pub const ALL: [Column; 5] = [
        Column::Learner,
        Column::Qualification,
        Column::Units,
        Column::Achieved,
        Column::Registered,
    ];

    /// The name the header row uses.
    pub fn name(self) -> &'static str {
        match self {
            Column::Learner => "learner",
            Column::Qualification => "qualification",
            Column::Units => "units",
            Column::Achieved => "achieved",
            Column::Registered => "registered",
        }
    }

    pub fn required(self) -> bool {
        matches!(self, Column::Learner | Column::Qualification | Column::Units)
    }
}

/// The character that separates cells, as the file uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    /// In the order a tie is settled: the common one first.
    pub const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];

    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Tab => "tab",
        }
    }
}

/// Why a file was not read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Over [`MAX_COHORT_BYTES`].
    TooLarge { bytes: usize },
    /// Nothing but spaces and line breaks.
    Empty,
    /// A spreadsheet workbook (`.xlsx`, `.ods`, `.xls`) rather than its CSV export.
    Workbook,
    /// Binary data: NUL bytes, control characters or bytes that are not text.
    NotText,
    /// The first row names none of the columns; `first_row` is its start, as written.
    NoHeader { first_row: String },
    /// Required columns the header row lacks, and the names it has, as written.
    MissingColumns { missing: Vec<Column>, found: Vec<String> },
    /// A column named twice.
    DuplicateColumn { column: Column },
    /// A header row and no learner below it.
    NoLearners,
    /// More than [`MAX_LEARNERS`] learner rows.
    TooManyLearners { limit: usize },
}

impl ReadError {
    /// What the page says, in one or two sentences.
    pub fn message(&self) -> String {
        let columns = "The first row must name the columns learner, qualification and units (and, if you use them, achieved and registered)";
        match self {
            ReadError::TooLarge { bytes } => format!(
                "The file is too large to check ({} bytes; at most {} are read). Split the cohort into smaller files.",
                thousands(*bytes),
                thousands(MAX_COHORT_BYTES)
            ),
            ReadError::Empty => "The file is empty.".to_owned(),
            ReadError::Workbook => {
                "This is a spreadsheet workbook, not a CSV file. Save it as CSV (in Excel: File, Save As, CSV UTF-8) and open that."
                    .to_owned()
            }
            ReadError::NotText => "This file is not text, so it is not CSV. Save the spreadsheet as CSV and open that.".to_owned(),
            ReadError::NoHeader { first_row } => {
                format!("No column names were found: the first row reads \u{201c}{first_row}\u{201d}. {columns}.")
            }
            ReadError::MissingColumns { missing, found } => {
                let names: Vec<String> = missing.iter().map(|c| c.name().to_owned()).collect();
                format!(
                    "The file has no {} column{}. Its first row names {}. {columns}.",
                    quoted_list(&names),
                    if missing.len() == 1 { "" } else { "s" },
                    quoted_list(found)
                )
            }
            ReadError::DuplicateColumn { column } => format!(
                "The first row names the column {} twice: name each column once.",
                quoted(column.name())
            ),
            ReadError::NoLearners => "The file has column names but no learners below them.".to_owned(),
            ReadError::TooManyLearners { limit } => format!(
                "The file has more than {} learners, more than one check takes. Split the cohort into smaller files.",
                thousands(*limit)
            ),
        }
    }
}

fn quoted(s: &str) -> String {
    format!("\u{201c}{s}\u{201d}")
}

/// How many names from the file a message quotes before "and N more".
const NAMES_SHOWN: usize = 10;

/// "“a”, “b” and “c”", each cut short, the first few of a long list and how many more.
fn quoted_list(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(NAMES_SHOWN).map(|n| quoted(&clip(n))).collect();
    if names.len() <= NAMES_SHOWN {
        and_list(&shown)
    } else {
        format!("{} and {} more", shown.join(", "), thousands(names.len() - NAMES_SHOWN))
    }
}

/// Something about a file that was read, worth saying above the results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Columns other than the five the check reads, as written in the header row.
    IgnoredColumns(Vec<String>),
    /// Some bytes were not UTF-8 and read as `\u{fffd}` (a file saved in an older encoding).
    NotUtf8,
}

impl Note {
    pub fn sentence(&self) -> String {
        match self {
            Note::IgnoredColumns(names) => {
                let names: Vec<String> = names.iter().map(|n| quoted(&clip(n))).collect();
                format!(
                    "Not used: the column{} {}.",
                    if names.len() == 1 { "" } else { "s" },
                    if names.len() <= 10 {
                        and_list(&names)
                    } else {
                        crate::words::first_few(&names, 10)
                    }
                )
            }
            Note::NotUtf8 => {
                "Some characters could not be read and show as \u{fffd}: save the file as CSV UTF-8 to keep them."
                    .to_owned()
            }
        }
    }
}

/// One learner's row as the file has it, each cell trimmed (empty where the row is short).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LearnerRow {
    /// The row number the spreadsheet shows (the header row is usually 1).
    pub row: usize,
    pub learner: String,
    pub qualification: String,
    pub units: String,
    pub achieved: String,
    pub registered: String,
}

/// A cohort file read: its learner rows in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortFile {
    pub delimiter: Delimiter,
    pub rows: Vec<LearnerRow>,
    pub notes: Vec<Note>,
}

/// Reads a cohort file's bytes. Refuses, with a reason, what is not a cohort file; otherwise
/// every non-blank row below the header is a learner row, however wrong its cells.
pub fn read_cohort(bytes: &[u8]) -> Result<CohortFile, ReadError> {
    let names: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
    let table = read_table(bytes, &names, MAX_LEARNERS)?;
    let mut at: [Option<usize>; 5] = [None; 5];
    let mut ignored = Vec::new();
    for (i, name) in table.header.iter().enumerate() {
        match Column::ALL.iter().position(|c| c.name().eq_ignore_ascii_case(name)) {
            Some(c) if at[c].is_some() => return Err(ReadError::DuplicateColumn { column: Column::ALL[c] }),
            Some(c) => at[c] = Some(i),
            None if name.is_empty() => {}
            None => ignored.push(name.clone()),
        }
    }
    let missing: Vec<Column> = Column::ALL
        .iter()
        .zip(at)
        .filter(|(c, i)| c.required() && i.is_none())
        .map(|(c, _)| *c)
        .collect();
    if !missing.is_empty() {
        return Err(ReadError::MissingColumns {
            missing,
            found: table.header.into_iter().filter(|h| !h.is_empty()).collect(),
        });
    }
    if table.rows.is_empty() {
        return Err(ReadError::NoLearners);
    }
    let cell = |cells: &[String], c: Column| at[c as usize].and_then(|i| cells.get(i)).cloned().unwrap_or_default();
    let rows = table
        .rows
        .iter()
        .map(|(row, cells)| LearnerRow {
            row: *row,
            learner: cell(cells, Column::Learner),
            qualification: cell(cells, Column::Qualification),
            units: cell(cells, Column::Units),
            achieved: cell(cells, Column::Achieved),
            registered: cell(cells, Column::Registered),
        })
        .collect();
    let mut notes = Vec::new();
    if !ignored.is_empty() {
        notes.push(Note::IgnoredColumns(ignored));
    }
    if table.lossy {
        notes.push(Note::NotUtf8);
    }
    Ok(CohortFile {
        delimiter: table.delimiter,
        rows,
        notes,
    })
}

/// A CSV file as a table: the header row's cells and every non-blank row below it, cells trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub delimiter: Delimiter,
    pub header: Vec<String>,
    /// Each row's number as a spreadsheet shows it, and its cells.
    pub rows: Vec<(usize, Vec<String>)>,
    /// Some bytes were not UTF-8.
    pub lossy: bool,
}

/// Reads CSV text whose first non-blank row names columns, some of them among `known` (lower
/// case): the delimiter is the one that splits that row into the most known names. At most
/// `max_rows` rows are read below the header.
pub(crate) fn read_table(bytes: &[u8], known: &[&str], max_rows: usize) -> Result<Table, ReadError> {
    if bytes.len() > MAX_COHORT_BYTES {
        return Err(ReadError::TooLarge { bytes: bytes.len() });
    }
    let (text, lossy) = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    let known_count = |record: &[String]| {
        record
            .iter()
            .filter(|f| known.iter().any(|k| k.eq_ignore_ascii_case(f.trim())))
            .count()
    };
    let mut best: Option<(Delimiter, usize)> = None;
    for d in Delimiter::ALL {
        let header = Records::new(&text, d.byte())
            .map(|(_, fields)| fields)
            .find(|r| !is_blank(r));
        let count = header.as_deref().map_or(0, known_count);
        if count > best.map_or(0, |(_, n)| n) {
            best = Some((d, count));
        }
    }
    let Some((delimiter, _)) = best else {
        let first_row = text.trim().lines().next().unwrap_or_default();
        return Err(ReadError::NoHeader {
            first_row: clip(first_row),
        });
    };
    let mut rows = RowNumbers::new(&text);
    let mut header: Option<Vec<String>> = None;
    let mut out = Vec::new();
    for (start, record) in Records::new(&text, delimiter.byte()) {
        let row = rows.row_at(start, &record);
        if is_blank(&record) {
            continue;
        }
        let cells: Vec<String> = record.iter().map(|f| f.trim().to_owned()).collect();
        if header.is_none() {
            header = Some(cells);
        } else if out.len() == max_rows {
            return Err(ReadError::TooManyLearners { limit: max_rows });
        } else {
            out.push((row, cells));
        }
    }
    Ok(Table {
        delimiter,
        header: header.unwrap_or_default(),
        rows: out,
        lossy,
    })
}

fn is_blank(record: &[String]) -> bool {
    record.iter().all(|f| f.trim().is_empty())
}

/// The text of a file: UTF-8 (a byte-order mark dropped, bytes that are not UTF-8 read as
/// `\u{fffd}`, saying so) or UTF-16 with its byte-order mark, as Excel's "Unicode text" writes.
fn decode(bytes: &[u8]) -> Result<(String, bool), ReadError> {
    const WORKBOOKS: [&[u8]; 2] = [b"PK\x03\x04", b"\xd0\xcf\x11\xe0"];
    if WORKBOOKS.iter().any(|sig| bytes.starts_with(sig)) {
        return Err(ReadError::Workbook);
    }
    let (text, lossy) = match bytes {
        [0xff, 0xfe, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xfe, 0xff, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => {
            let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
            match String::from_utf8_lossy(bytes) {
                std::borrow::Cow::Borrowed(s) => (s.to_owned(), false),
                std::borrow::Cow::Owned(s) => (s, true),
            }
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    // Text has line breaks and tabs; binary has NULs, other control bytes and, read as UTF-8,
    // replacement characters. A stray few are a damaged export; many are not a CSV file at all.
    let odd = text
        .chars()
        .filter(|&c| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')))
        .count();
    if text.contains('\0') || odd * 20 > text.chars().count().max(400) {
        return Err(ReadError::NotText);
    }
    Ok((text, lossy))
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, bool) {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut lossy = bytes.len() % 2 == 1;
    let text = char::decode_utf16(units)
        .map(|c| {
            c.unwrap_or_else(|_| {
                lossy = true;
                '\u{fffd}'
            })
        })
        .collect();
    (text, lossy)
}

/// Row numbers as a spreadsheet shows them: every line break outside a quoted cell starts a row
/// (blank lines included, as they are rows in the sheet), and `\r\n`, `\n` or `\r` alone is one
/// line break. A parser's line count is of `\n` only and counts the line breaks inside quoted
/// cells, so it is not the row an adviser looks for.
struct RowNumbers<'a> {
    text: &'a [u8],
    /// How far line breaks have been counted, and how many there were.
    counted_to: usize,
    breaks: usize,
    /// Line breaks inside the cells of the records already read.
    inside: usize,
}

impl<'a> RowNumbers<'a> {
    fn new(text: &'a str) -> RowNumbers<'a> {
        RowNumbers {
            text: text.as_bytes(),
            counted_to: 0,
            breaks: 0,
            inside: 0,
        }
    }

    /// The row of a record the reader started reading at byte `from` (before any blank lines it
    /// skipped). Records must come in order.
    fn row_at(&mut self, from: usize, record: &[String]) -> usize {
        let from = from.clamp(self.counted_to, self.text.len());
        let start = from
            + self.text[from..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        self.breaks += line_breaks(self.text, self.counted_to, start);
        self.counted_to = start;
        let row = 1 + self.breaks - self.inside.min(self.breaks);
        self.inside += record
            .iter()
            .map(|f| line_breaks(f.as_bytes(), 0, f.len()))
            .sum::<usize>();
        row
    }
}

/// Line breaks in `text[from..to]`; a `\r` followed by `\n` (even past `to`) is counted at the `\n`.
fn line_breaks(text: &[u8], from: usize, to: usize) -> usize {
    (from..to)
        .filter(|&i| text[i] == b'\n' || (text[i] == b'\r' && text.get(i + 1) != Some(&b'\n')))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
        read_table(text.as_bytes(), &["a", "b"], 100).unwrap().rows
    }

    fn numbers(text: &str) -> Vec<usize> {
        rows(text).into_iter().map(|(n, _)| n).collect()
    }

    #[test]
    fn row_numbers_are_the_spreadsheets() {
        assert_eq!(numbers("a,b\n1,2\n3,4\n"), [2, 3]);
        assert_eq!(numbers("a,b\r\n1,2\r\n3,4"), [2, 3]);
        assert_eq!(numbers("a,b\r1,2\r3,4\r"), [2, 3]);
        assert_eq!(numbers("\n\na,b\n\n1,2\n\r\n\r\n3,4\n"), [5, 8]);
        assert_eq!(numbers("a,b\n\"x\ny\",2\n3,\"p\r\nq\r\nr\"\n5,6"), [2, 3, 4]);
        assert_eq!(numbers("a,b\n,\n  \t \n1,2"), [4]);
    }

    #[test]
    fn cells_are_trimmed_and_short_rows_kept() {
        assert_eq!(
            rows("A , B\n x ,\"y, \"\"z\"\"\" \n7"),
            vec![
                (2, vec!["x".to_owned(), "y, \"z\"".to_owned()]),
                (3, vec!["7".to_owned()])
            ]
        );
    }

    #[test]
    fn the_delimiter_is_the_one_that_finds_column_names() {
        for (text, d) in [
            ("a,b\n1;2,3", Delimiter::Comma),
            ("a;b\n1,2;3", Delimiter::Semicolon),
            ("a\tb\n1,2\t3", Delimiter::Tab),
            ("\"a;b\",a\n1", Delimiter::Comma),
            ("\"a,b\";x;b\n1", Delimiter::Semicolon),
        ] {
            assert_eq!(
                read_table(text.as_bytes(), &["a", "b"], 10).unwrap().delimiter,
                d,
                "{text}"
            );
        }
    }

    #[test]
    fn encodings() {
        let utf16le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("a\tb\nZo\u{eb}\t1".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let t = read_table(&utf16le, &["a", "b"], 10).unwrap();
        assert_eq!(t.rows[0].1[0], "Zo\u{eb}");
        assert!(!t.lossy);
        let latin1 = b"a,b\nZo\xeb,1\n";
        let t = read_table(latin1, &["a", "b"], 10).unwrap();
        assert_eq!(t.rows[0].1[0], "Zo\u{fffd}");
        assert!(t.lossy);
        assert_eq!(read_table(b"PK\x03\x04\x14\0", &["a"], 10), Err(ReadError::Workbook));
        assert_eq!(read_table(b"a,b\n1\x002", &["a"], 10), Err(ReadError::NotText));
        let junk: Vec<u8> = (0..1_000).map(|i| 0x80 + (i % 0x40) as u8).collect();
        assert_eq!(read_table(&junk, &["a"], 10), Err(ReadError::NotText));
    }
}
