//! The results table: counts, the filter, sorting by any column and the results as CSV.

use std::cmp::Ordering;

use super::check::{CohortRow, Verdict};
use crate::travel::csv::row;
use crate::words::plural;

/// How many learners have each verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub met: usize,
    pub unmet: usize,
    pub errors: usize,
}

impl Summary {
    pub fn of(rows: &[CohortRow]) -> Summary {
        let mut s = Summary::default();
        for r in rows {
            match r.verdict() {
                Verdict::Met => s.met += 1,
                Verdict::Unmet => s.unmet += 1,
                Verdict::Error => s.errors += 1,
            }
        }
        s
    }

    pub fn total(&self) -> usize {
        self.met + self.unmet + self.errors
    }

    /// "120 learners: 97 met, 20 unmet, 3 errors."
    pub fn sentence(&self) -> String {
        format!(
            "{}: {} met, {} unmet, {}.",
            plural(self.total() as u32, "learner", "learners"),
            self.met,
            self.unmet,
            plural(self.errors as u32, "error", "errors")
        )
    }
}

/// Which rows the table shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    Unmet,
    Errors,
}

impl Filter {
    pub fn keeps(self, row: &CohortRow) -> bool {
        match self {
            Filter::All => true,
            Filter::Unmet => row.verdict() == Verdict::Unmet,
            Filter::Errors => row.verdict() == Verdict::Error,
        }
    }
}

/// A column of the results, in the table's order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortColumn {
    #[default]
    Row,
    Learner,
    Qualification,
    Verdict,
    Credits,
    Missing,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Direction {
    #[default]
    Ascending,
    Descending,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub direction: Direction,
}

impl SortColumn {
    /// Ascending order. Learners compare ignoring ASCII case; verdicts go met, unmet, error;
    /// credits by the credits in the plan, then the total needed, with error rows (no credits)
    /// last; missing by its text.
    pub fn compare(self, a: &CohortRow, b: &CohortRow) -> Ordering {
        match self {
            SortColumn::Row => a.row.cmp(&b.row),
            SortColumn::Learner => folded(&a.learner).cmp(&folded(&b.learner)),
            SortColumn::Qualification => a.qualification.cmp(&b.qualification),
            SortColumn::Verdict => a.verdict().cmp(&b.verdict()),
            SortColumn::Credits => match (a.credits(), b.credits()) {
                (Some(x), Some(y)) => x.cmp(&y),
                (x, y) => y.is_some().cmp(&x.is_some()),
            },
            SortColumn::Missing => a.message.cmp(&b.message),
        }
    }
}

/// ASCII case only, as elsewhere in the app: full Unicode case tables would cost the download.
fn folded(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// Sorts rows in place, stably: rows that compare equal keep their order in either direction.
pub fn sort_rows(rows: &mut [&CohortRow], sort: Sort) {
    if sort.column == SortColumn::Learner {
        // Each name folded once rather than at every comparison: 5,000 names took 27 ms the other way.
        let mut keyed: Vec<(String, &CohortRow)> = rows.iter().map(|r| (folded(&r.learner), *r)).collect();
        match sort.direction {
            Direction::Ascending => keyed.sort_by(|a, b| a.0.cmp(&b.0)),
            Direction::Descending => keyed.sort_by(|a, b| b.0.cmp(&a.0)),
        }
        for (slot, (_, r)) in rows.iter_mut().zip(keyed) {
            *slot = r;
        }
        return;
    }
    match sort.direction {
        Direction::Ascending => rows.sort_by(|a, b| sort.column.compare(a, b)),
        Direction::Descending => rows.sort_by(|a, b| sort.column.compare(b, a)),
    }
}

/// The rows the table shows, in the order it shows them: those `filter` keeps, sorted from file
/// order, so equal rows stay in file order.
pub fn view(rows: &[CohortRow], filter: Filter, sort: Sort) -> Vec<&CohortRow> {
    let mut shown: Vec<&CohortRow> = rows.iter().filter(|r| filter.keeps(r)).collect();
    sort_rows(&mut shown, sort);
    shown
}

/// The results CSV's header row: the learner's own five columns, so the file opens again in the
/// cohort check (which ignores the rest), then the results.
pub const RESULT_COLUMNS: [&str; 10] = [
    "row",
    "learner",
    "qualification",
    "units",
    "achieved",
    "registered",
    "verdict",
    "credits",
    "missing",
    "link",
];

/// The results as CSV, one learner a row in the order given: comma-separated, quoted where
/// needed, CRLF, with a UTF-8 byte-order mark so that Excel shows names in any alphabet. `base`
/// is put before each plan's address to make the link open in a browser (the page's own address
/// without its `#…`; empty keeps `#/…`). Error rows have no credits and no link.
///
/// A cell from the file that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// `'` in front, so that a spreadsheet shows it rather than running it as a formula.
pub fn results_csv<'a>(rows: impl IntoIterator<Item = &'a CohortRow>, base: &str) -> String {
    let mut out = String::from("\u{feff}");
    row(&mut out, RESULT_COLUMNS.map(str::to_owned));
    for r in rows {
        row(
            &mut out,
            [
                r.row.to_string(),
                inert(&r.learner),
                inert(&r.qualification),
                inert(&r.units),
                inert(&r.achieved),
                inert(&r.registered),
                r.verdict().label().to_owned(),
                r.credits().map(|c| c.to_string()).unwrap_or_default(),
                r.message.clone(),
                r.link().map(|l| format!("{base}{l}")).unwrap_or_default(),
            ],
        );
    }
    out
}

fn inert(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::super::read::read_table;
    use super::*;
    use crate::cohort::{check_cohort, Outcome};

    fn cohort() -> Vec<CohortRow> {
        let text = "learner,qualification,units,achieved,registered\n\
                    \"=HYPERLINK(\"\"x\"\")\",600/1135/X,203 204 205 308 323,,\n\
                    \"Khan, \"\"Bilal\"\"\",600/1135/X,203,,\n\
                    Zoë,600/1135/X,999,,\n";
        check_cohort(crate::catalogue::shared().unwrap(), text.as_bytes())
            .unwrap()
            .rows
    }

    #[test]
    fn results_csv_reads_back_the_same_with_the_same_reader() {
        let rows = cohort();
        let text = results_csv(&rows, "https://example.org/planner/");
        assert!(text.starts_with(
            "\u{feff}row,learner,qualification,units,achieved,registered,verdict,credits,missing,link\r\n"
        ));
        let table = read_table(text.as_bytes(), &RESULT_COLUMNS, 10).unwrap();
        assert_eq!(table.header, RESULT_COLUMNS);
        assert_eq!(table.delimiter, super::super::Delimiter::Comma);
        let back: Vec<Vec<String>> = table.rows.iter().map(|(_, cells)| cells.clone()).collect();
        let expected: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.row.to_string(),
                    r.learner.clone(),
                    r.qualification.clone(),
                    r.units.clone(),
                    r.achieved.clone(),
                    r.registered.clone(),
                    r.verdict().label().to_owned(),
                    r.credits().map(|c| c.to_string()).unwrap_or_default(),
                    r.message.clone(),
                    r.link()
                        .map(|l| format!("https://example.org/planner/{l}"))
                        .unwrap_or_default(),
                ]
            })
            .collect();
        assert_eq!(back[1..], expected[1..]);
        assert_eq!(back[0][1], "'=HYPERLINK(\"x\")", "a formula is written inert");
        assert_eq!(back[0][6], "met");
        assert_eq!(back[1][1], "Khan, \"Bilal\"");
        assert_eq!(back[1][3], "203");
        assert_eq!(back[1][7], "11 of 28");
        assert!(
            back[2][8].starts_with("Row 4: In the units column, 999 is"),
            "{:?}",
            back[2]
        );
        assert_eq!(back[2][9], "", "an error row has no link");
        assert!(matches!(rows[2].outcome, Outcome::Error(_)));
    }

    #[test]
    fn the_results_file_checks_again_to_the_same_verdicts() {
        let cat = crate::catalogue::shared().unwrap();
        let sample = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cohort/sample.csv")).unwrap();
        let first = check_cohort(cat, &sample).unwrap();
        let again = check_cohort(cat, results_csv(&first.rows, "").as_bytes()).unwrap();
        let verdicts = |c: &crate::cohort::Cohort| -> Vec<(String, String, Verdict)> {
            c.rows
                .iter()
                .map(|r| (r.learner.clone(), r.qualification.clone(), r.verdict()))
                .collect()
        };
        assert_eq!(verdicts(&again), verdicts(&first));
        let links = |c: &crate::cohort::Cohort| c.rows.iter().map(|r| r.link().map(str::to_owned)).collect::<Vec<_>>();
        assert_eq!(links(&again), links(&first));
        assert_eq!(
            again.notes,
            [crate::cohort::Note::IgnoredColumns(
                ["row", "verdict", "credits", "missing", "link"]
                    .map(str::to_owned)
                    .to_vec()
            )]
        );
    }

    #[test]
    fn summary_and_filters() {
        let rows = cohort();
        let s = Summary::of(&rows);
        assert_eq!((s.met, s.unmet, s.errors, s.total()), (1, 1, 1, 3));
        assert_eq!(s.sentence(), "3 learners: 1 met, 1 unmet, 1 error.");
        let rows_of = |f: Filter| {
            view(&rows, f, Sort::default())
                .iter()
                .map(|r| r.row)
                .collect::<Vec<_>>()
        };
        assert_eq!(rows_of(Filter::All), [2, 3, 4]);
        assert_eq!(rows_of(Filter::Unmet), [3]);
        assert_eq!(rows_of(Filter::Errors), [4]);
    }
}
