//! CSV records read with `csv-core`, the parser inside the `csv` crate without its I/O layer:
//! the text is already in memory, and the `csv` crate's readers and error types would add about
//! 9 KB to the wasm every visitor downloads. CSV is written by `travel::csv::row`, as the plan's
//! CSV is: a writer that can quote "non-numeric" fields (`csv`'s and `csv-core`'s) links float
//! and 128-bit integer parsing, 25 KB of wasm, to decide at run time what it never needs to.

use csv_core::{ReadRecordResult, ReaderBuilder};

/// The records of CSV text, in order: each is the byte offset where reading it began (before
/// any blank lines the parser skipped) and its fields, unquoted. Any text reads: the parser
/// prefers a parse to an error.
pub(crate) struct Records<'a> {
    core: csv_core::Reader,
    input: &'a [u8],
    at: usize,
    fields: Vec<u8>,
    ends: Vec<usize>,
    done: bool,
}

impl<'a> Records<'a> {
    pub(crate) fn new(text: &'a str, delimiter: u8) -> Records<'a> {
        Records {
            core: ReaderBuilder::new().delimiter(delimiter).build(),
            input: text.as_bytes(),
            at: 0,
            fields: vec![0; 1024],
            ends: vec![0; 16],
            done: false,
        }
    }
}

impl Iterator for Records<'_> {
    type Item = (usize, Vec<String>);

    fn next(&mut self) -> Option<(usize, Vec<String>)> {
        let start = self.at;
        let (mut written, mut ended) = (0, 0);
        while !self.done {
            // An empty input tells the parser the text has ended.
            let (result, nin, nout, nend) = self.core.read_record(
                &self.input[self.at..],
                &mut self.fields[written..],
                &mut self.ends[ended..],
            );
            self.at += nin;
            written += nout;
            ended += nend;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.fields.resize(self.fields.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => {
                    let mut from = 0;
                    let fields = self.ends[..ended]
                        .iter()
                        .map(|&end| {
                            // Only ASCII delimiters and quotes are taken out of UTF-8 text, so a
                            // field is always UTF-8; lossy only to need no panic.
                            let field = String::from_utf8_lossy(&self.fields[from..end]).into_owned();
                            from = end;
                            field
                        })
                        .collect();
                    return Some((start, fields));
                }
                ReadRecordResult::End => self.done = true,
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_where_each_began() {
        let text = "a,b\r\n\r\n\"x,\"\"y\"\"\nz\",\r\nlast";
        let got: Vec<(usize, Vec<String>)> = Records::new(text, b',').collect();
        assert_eq!(
            got,
            vec![
                (0, vec!["a".to_owned(), "b".to_owned()]),
                (4, vec!["x,\"y\"\nz".to_owned(), String::new()]),
                (20, vec!["last".to_owned()]),
            ]
        );
        assert_eq!(Records::new("", b',').count(), 0);
        let long = "é".repeat(5_000);
        let got: Vec<_> = Records::new(&format!("\"{long}\";{long}"), b';').collect();
        assert_eq!(got, vec![(0, vec![long.clone(), long])]);
    }

    #[test]
    fn rows_written_as_the_app_writes_them_read_back() {
        let long = "x".repeat(1_500);
        let rows: Vec<Vec<String>> = [
            vec!["plain", "with, comma", "with \"quotes\"", ""],
            vec!["line\r\nbreak", " padded ", "é", &long],
        ]
        .iter()
        .map(|r| r.iter().map(|f| f.to_string()).collect())
        .collect();
        let mut text = String::new();
        for r in &rows {
            crate::travel::csv::row(&mut text, r.clone());
        }
        let back: Vec<Vec<String>> = Records::new(&text, b',').map(|(_, f)| f).collect();
        assert_eq!(back, rows);
    }
}
