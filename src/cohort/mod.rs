//! The cohort check: a spreadsheet of learners, one plan a row, each checked against its
//! qualification's rules by the same engine as the planner page.
//!
//! The file (CSV, or text pasted from a spreadsheet) has a header row naming its columns, in any
//! order and any case: `learner`, `qualification` (the number as printed, `600/1135/X`; hyphens
//! for slashes and any case are read too) and `units` (still to do), and optionally `achieved`
//! and `registered`. Other columns are ignored and listed in a note.
//!
//! - Cells are separated by commas, semicolons or tabs: whichever splits the header row into
//!   the most of those names. Quoted cells, a byte-order mark, CRLF, LF or CR line ends, and
//!   UTF-16 with its byte-order mark are read. Blank rows are skipped.
//! - Units in a cell are separated by spaces, semicolons or commas, named by unit number or
//!   reference as the paste box takes them (`204`, `Unit 204`, `L/503/0394`). A reference printed
//!   for two units (City & Guilds 600/1135/X prints L/503/0394 for 203 and 204) is an error unless
//!   the cell also names one of them by number. `none` or `n/a` is no units.
//! - A unit both to do and achieved counts once, as achieved, as the planner keeps it.
//! - `registered` is `2024-09-01` or, day first as in the UK, `01/09/2024` or `1/9/2024`.
//! - Row numbers are those the spreadsheet shows: the header row is row 1 when it is the first.
//!
//! A row that cannot be checked (no learner, an unknown qualification, an unknown or ambiguous
//! unit, a bad date) is an error row saying what is wrong; every other row is still checked. A
//! file that is not a cohort file is refused with a [`ReadError`].
//!
//! - [`read`]: the file into rows; [`check`](mod@check): each row's verdict;
//!   [`results`]: counts, filter, sort and the results CSV.

pub mod check;
pub mod read;
pub mod results;
mod table;

pub use check::{missing_sentence, Checked, Checker, CohortRow, Credits, Outcome, Problem, Verdict};
pub use read::{
    read_cohort, CohortFile, Column, Delimiter, LearnerRow, Note, ReadError, MAX_COHORT_BYTES, MAX_LEARNERS,
};
pub use results::{results_csv, sort_rows, view, Direction, Filter, Sort, SortColumn, Summary, RESULT_COLUMNS};

use crate::catalogue::Catalogue;

/// The example the cohort page shows and offers as a file, and the README prints: two learners
/// whose plans meet their rules, one name quoted because it holds a comma, both date forms.
pub const EXAMPLE_FILE: &str = "learner,qualification,units,achieved,registered\r\n\
Amira Khan,600/1135/X,203 204 205 308 323,,2024-09-02\r\n\
\"Khan, Bilal\",600/1136/1,303; 309; 404; 316,207,02/09/2024\r\n";

/// A cohort file checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    /// One a learner, in file order.
    pub rows: Vec<CohortRow>,
    /// What to say about the file itself (columns not used, characters not read).
    pub notes: Vec<Note>,
    pub delimiter: Delimiter,
}

impl Cohort {
    pub fn summary(&self) -> Summary {
        Summary::of(&self.rows)
    }
}

/// Reads and checks a cohort file (its bytes, or pasted text as bytes) against `cat`.
pub fn check_cohort(cat: &Catalogue, bytes: &[u8]) -> Result<Cohort, ReadError> {
    let file = read_cohort(bytes)?;
    let mut checker = Checker::new(cat);
    Ok(Cohort {
        rows: file.rows.iter().map(|r| checker.check(r)).collect(),
        notes: file.notes,
        delimiter: file.delimiter,
    })
}

/// A cohort file of `n` learners for benchmarks and tests, the same for the same `n`: every
/// qualification in turn, each learner on one of its shortest routes (some units written by
/// reference, some marked achieved), about three in ten one unit short of it, and one in ten
/// with an unknown unit or an impossible date. Names with commas make some cells quoted.
pub fn sample_cohort(cat: &Catalogue, n: usize) -> String {
    use crate::engine::Compiled;
    use crate::solver::shortest_routes;

    let routes: Vec<(Compiled, Vec<crate::solver::Route>)> = cat
        .qualifications
        .iter()
        .filter_map(|q| {
            let c = Compiled::new(q).ok()?;
            let r = shortest_routes(&c).ok()?;
            Some((c, vec![r.credits, r.units, r.hours]))
        })
        .collect();
    let mut out = String::new();
    let header = ["learner", "qualification", "units", "achieved", "registered"];
    crate::travel::csv::row(&mut out, header.map(str::to_owned));
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for i in 0..n {
        if routes.is_empty() {
            break;
        }
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let roll = (seed >> 33) % 20;
        let (c, rs) = &routes[i % routes.len()];
        let route = &rs[(i / routes.len()) % rs.len()];
        let mut names: Vec<String> = route
            .units
            .minus(c.mandatory)
            .iter()
            .map(|u| {
                let unit = &c.units[u];
                let shared = c.units.iter().filter(|o| o.reference == unit.reference).count();
                if (seed >> 40).is_multiple_of(3) && shared == 1 {
                    unit.reference.clone()
                } else {
                    unit.key.clone()
                }
            })
            .collect();
        if (12..18).contains(&roll) {
            names.pop();
        }
        if roll == 18 {
            names.push("9999".to_owned());
        }
        let achieved = if i % 2 == 1 && !names.is_empty() {
            names.remove(0)
        } else {
            String::new()
        };
        let registered = match (route.registered, roll) {
            (_, 19) => "31/02/2024".to_owned(),
            (Some(d), _) if i % 2 == 0 => d.iso(),
            (Some(d), _) => format!("{:02}/{:02}/{}", d.day, d.month, d.year),
            (None, _) if i % 3 == 0 => "2024-09-01".to_owned(),
            (None, _) => String::new(),
        };
        let learner = if i % 4 == 0 {
            format!("Learner, {}", i + 1)
        } else {
            format!("Learner {}", i + 1)
        };
        let separator = if i % 2 == 0 { " " } else { "; " };
        crate::travel::csv::row(
            &mut out,
            [learner, c.number.clone(), names.join(separator), achieved, registered],
        );
    }
    out
}
