//! The cohort check on the real catalogue: reading what spreadsheets write, each kind of bad row
//! with its row number, the sample fixture's exact verdicts, the caps, and properties (no input
//! panics or runs away; every verdict is the single-plan engine's).

use std::cell::Cell;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use pathway_planner::address::{decode, Route};
use pathway_planner::catalogue::{shared, Catalogue};
use pathway_planner::cohort::{
    check_cohort, read_cohort, sample_cohort, view, Cohort, CohortRow, Column, Delimiter, Direction, Filter, Note,
    Outcome, Problem, ReadError, Sort, SortColumn, Summary, Verdict, MAX_COHORT_BYTES, MAX_LEARNERS,
};
use pathway_planner::date::Date;
use pathway_planner::engine::{Compiled, Plan};
use pathway_planner::solver::shortest_routes;

fn cat() -> &'static Catalogue {
    shared().expect("catalogue decodes")
}

fn check(text: &str) -> Cohort {
    check_cohort(cat(), text.as_bytes()).unwrap_or_else(|e| panic!("{}", e.message()))
}

fn refused(bytes: &[u8]) -> ReadError {
    match check_cohort(cat(), bytes) {
        Ok(c) => panic!("read: {:?}", c.rows),
        Err(e) => e,
    }
}

fn compiled(number: &str) -> Compiled {
    Compiled::new(cat().qualification(number).expect("qualification")).expect("compiles")
}

fn verdicts(c: &Cohort) -> Vec<(usize, Verdict)> {
    c.rows.iter().map(|r| (r.row, r.verdict())).collect()
}

fn problems(r: &CohortRow) -> &[Problem] {
    match &r.outcome {
        Outcome::Error(p) => p,
        Outcome::Checked(_) => panic!("row {} was checked: {r:?}", r.row),
    }
}

/// 600/1135/X by its fewest-credits route: mandatory 101 and 201, then 203, 204, 205, 308 and
/// 323: 28 of 28 credits.
const L2_MET: &str = "203 204 205 308 323";

#[test]
fn the_sample_fixture_has_the_verdicts_it_was_written_for() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cohort/sample.csv")).unwrap();
    assert!(
        bytes.starts_with(b"\xef\xbb\xbfQualification;Learner;"),
        "BOM, semicolons, columns out of order"
    );
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF");
    let c = check_cohort(cat(), &bytes).unwrap_or_else(|e| panic!("{}", e.message()));
    assert_eq!(c.delimiter, Delimiter::Semicolon);
    assert_eq!(c.notes, [Note::IgnoredColumns(vec!["Notes".to_owned()])]);
    let got: Vec<(usize, &str, &str, &str, String, &str)> = c
        .rows
        .iter()
        .map(|r| {
            (
                r.row,
                r.learner.as_str(),
                r.qualification.as_str(),
                r.verdict().label(),
                r.credits().map(|c| c.to_string()).unwrap_or_default(),
                r.message.as_str(),
            )
        })
        .collect();
    let expected: Vec<(usize, &str, &str, &str, String, &str)> =
        vec![
        (2, "Amira Khan", "600/1135/X", "met", "28 of 28".into(), ""),
        (3, "Khan; Bilal", "600/1136/1", "met", "42 of 42".into(), ""),
        (4, "Chloé Dupont", "601/3576/1", "met", "45 of 45".into(), ""),
        (
            6,
            "Dev Patel",
            "600/1135/X",
            "unmet",
            "15 of 28".into(),
            "Add at least 13 more credits: 15 of the 28 credits needed so far; at least 15 credits at level 2 or \
             above: 13 so far, 2 more needed; and 2 more rules not met.",
        ),
        (
            7,
            "Erin O'Neill",
            "600/1136/1",
            "unmet",
            "46 of 42".into(),
            "Unit 319 is only for learners registered before 1 July 2017; this learner registered on 1 September 2024.",
        ),
        (
            8,
            "Femi Adeyemi",
            "600/9999/9",
            "error",
            String::new(),
            "Row 8: Qualification \u{201c}600/9999/9\u{201d} is not one this app covers.",
        ),
        (
            9,
            "Grace Liu",
            "600/1135/X",
            "error",
            String::new(),
            "Row 9: In the units column, 999 is not a unit of 600/1135/X.",
        ),
        (
            10,
            "Hamid Rahimi",
            "600/1135/X",
            "error",
            String::new(),
            "Row 10: In the units column, L/503/0394 is printed for two units of 600/1135/X, 203 and 204: write \
             the unit number instead.",
        ),
        (
            11,
            "Isla Brown",
            "600/1135/X",
            "error",
            String::new(),
            "Row 11: The registered date \u{201c}31/02/2024\u{201d} is not a date: write it as 2024-09-01 or \
             01/09/2024 (day first).",
        ),
        (12, "", "600/1135/X", "error", String::new(), "Row 12: The learner's name is empty."),
    ];
    assert_eq!(got, expected);
    let s = c.summary();
    assert_eq!((s.met, s.unmet, s.errors), (3, 2, 5));
    let Outcome::Checked(bilal) = &c.rows[1].outcome else {
        unreachable!()
    };
    assert_eq!(
        bilal.link,
        "#/600-1136-1?do=303,309,316,404&done=207&registered=2024-09-02"
    );
    assert_eq!(
        c.rows[2].link(),
        Some("#/601-3576-1?do=A/506/2158,D/506/2119,D/506/2170,H/506/2154,K/503/0421,K/506/2155")
    );
}

#[test]
fn what_spreadsheets_write_is_read() {
    let plain = format!("learner,qualification,units\nAmira,600/1135/X,{L2_MET}\n");
    let variants = [
        ("plain", plain.clone(), Delimiter::Comma),
        ("BOM", format!("\u{feff}{plain}"), Delimiter::Comma),
        ("CRLF", plain.replace('\n', "\r\n"), Delimiter::Comma),
        ("CR", plain.replace('\n', "\r"), Delimiter::Comma),
        ("semicolons", plain.replace(',', ";"), Delimiter::Semicolon),
        ("tabs", plain.replace(',', "\t"), Delimiter::Tab),
        (
            "case, order, spaces, quotes",
            format!(
                " UNITS ;\"Learner\"; Qualification \r\n\"{}\";Amira;600-1135-x\r\n",
                L2_MET.replace(' ', "; ")
            ),
            Delimiter::Semicolon,
        ),
        ("no line end", plain.trim_end().to_owned(), Delimiter::Comma),
    ];
    for (what, text, delimiter) in variants {
        let c = check(&text);
        assert_eq!(c.delimiter, delimiter, "{what}");
        assert_eq!(verdicts(&c), [(2, Verdict::Met)], "{what}: {:?}", c.rows);
        assert_eq!(c.rows[0].learner, "Amira", "{what}");
        assert_eq!(c.rows[0].qualification, "600/1135/X", "{what}");
    }
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(plain.replace(',', "\t").encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(verdicts(&check_cohort(cat(), &utf16).unwrap()), [(2, Verdict::Met)]);
}

#[test]
fn quoted_cells_keep_delimiters_quotes_and_line_breaks() {
    let text = "learner,qualification,units,notes\n\
                \"Khan, \"\"Bilal\"\"\",600/1135/X,\"203, 204\n205,308;323\",\"a, b\"\n\
                Zoë,600/1135/X,203,\n";
    let c = check(text);
    assert_eq!(c.rows[0].learner, "Khan, \"Bilal\"");
    assert_eq!(
        verdicts(&c),
        [(2, Verdict::Met), (3, Verdict::Unmet)],
        "a quoted line break is one row"
    );
    assert_eq!(c.notes, [Note::IgnoredColumns(vec!["notes".to_owned()])]);
}

#[test]
fn optional_columns_short_rows_and_blank_rows() {
    let text = "learner,qualification,units,achieved,registered,extra\n\
                ,,,,,\n\
                A,600/1135/X,203 204 205,308 323\n\
                \n\
                B,600/1135/X,203 204 205 308 323,,,x,y,z\n";
    let c = check(text);
    assert_eq!(verdicts(&c), [(3, Verdict::Met), (5, Verdict::Met)]);
    let Outcome::Checked(a) = &c.rows[0].outcome else {
        unreachable!()
    };
    assert_eq!(a.plan.achieved, ["308", "323"].map(String::from).into());
    let without = check(&format!("units,qualification,learner\n{L2_MET},600/1135/X,C"));
    assert_eq!(verdicts(&without), [(2, Verdict::Met)]);
}

#[test]
fn each_bad_row_says_what_is_wrong_with_its_row_number_and_the_others_are_checked() {
    let text = format!(
        "learner,qualification,units,achieved,registered\n\
         Met,600/1135/X,{L2_MET},,\n\
         No qualification,,{L2_MET},,\n\
         Unknown qualification,999/9999/9,{L2_MET},,\n\
         Unknown unit,600/1135/X,{L2_MET} 9999,,\n\
         Unknown achieved,600/1135/X,{L2_MET},X/123/4567 Carry,\n\
         Ambiguous,600/1135/X,L/503/0394 205 308 323,,\n\
         Settled by number,600/1135/X,L/503/0394 203 204 205 308 323,,\n\
         Bad date,600/1135/X,{L2_MET},,2024-02-30\n\
         US date,600/1135/X,{L2_MET},,09/13/2024\n\
         ,600/1135/X,{L2_MET},,\n\
         Unmet,600/1135/X,203,,\n\
         ,nope,999,L/503/0394,tomorrow\n"
    );
    let c = check(&text);
    let expected_problems: Vec<(usize, Vec<Problem>)> = vec![
        (3, vec![Problem::MissingQualification]),
        (
            4,
            vec![Problem::UnknownQualification {
                typed: "999/9999/9".into(),
            }],
        ),
        (
            5,
            vec![Problem::UnknownUnits {
                column: Column::Units,
                qualification: "600/1135/X".into(),
                tokens: vec!["9999".into()],
            }],
        ),
        (
            6,
            vec![Problem::UnknownUnits {
                column: Column::Achieved,
                qualification: "600/1135/X".into(),
                tokens: vec!["X/123/4567".into(), "Carry".into()],
            }],
        ),
        (
            7,
            vec![Problem::AmbiguousUnit {
                column: Column::Units,
                qualification: "600/1135/X".into(),
                token: "L/503/0394".into(),
                candidates: vec!["203".into(), "204".into()],
            }],
        ),
        (
            9,
            vec![Problem::BadDate {
                typed: "2024-02-30".into(),
            }],
        ),
        (
            10,
            vec![Problem::BadDate {
                typed: "09/13/2024".into(),
            }],
        ),
        (11, vec![Problem::MissingLearner]),
        (
            13,
            vec![
                Problem::MissingLearner,
                Problem::UnknownQualification { typed: "nope".into() },
                Problem::BadDate {
                    typed: "tomorrow".into(),
                },
            ],
        ),
    ];
    for (row, want) in &expected_problems {
        let r = c.rows.iter().find(|r| r.row == *row).unwrap();
        assert_eq!(problems(r), want.as_slice(), "row {row}");
        assert!(r.message.starts_with(&format!("Row {row}: ")), "{}", r.message);
        assert_eq!(r.link(), None);
        assert_eq!(r.credits(), None);
    }
    assert_eq!(
        verdicts(&c)
            .into_iter()
            .filter(|(_, v)| *v != Verdict::Error)
            .collect::<Vec<_>>(),
        [(2, Verdict::Met), (8, Verdict::Met), (12, Verdict::Unmet)]
    );
    assert_eq!(
        c.rows.iter().find(|r| r.row == 6).unwrap().message,
        "Row 6: In the achieved column, X/123/4567 and Carry are not units of 600/1135/X."
    );
    assert_eq!(
        c.rows.iter().find(|r| r.row == 13).unwrap().message,
        "Row 13: The learner's name is empty. Qualification \u{201c}nope\u{201d} is not one this app covers. The \
         registered date \u{201c}tomorrow\u{201d} is not a date: write it as 2024-09-01 or 01/09/2024 (day first)."
    );
}

#[test]
fn what_is_not_a_cohort_file_is_refused_with_a_reason() {
    assert_eq!(refused(b""), ReadError::Empty);
    assert_eq!(refused(b" \r\n\t\n"), ReadError::Empty);
    assert_eq!(refused(b"PK\x03\x04\x14\x00\x06\x00"), ReadError::Workbook);
    assert_eq!(refused(b"learner,qualification,units\n\0\0\0"), ReadError::NotText);
    let e = refused(b"{\"format\": \"pathway-planner-plan\", \"version\": 1}");
    assert!(matches!(e, ReadError::NoHeader { .. }), "{e:?}");
    assert_eq!(
        e.message(),
        "No column names were found: the first row reads \u{201c}{\"format\": \"pathway-planner-plan\", \"vers\u{2026}\u{201d}. \
         The first row must name the columns learner, qualification and units (and, if you use them, achieved and registered)."
    );
    let e = refused(b"Learner;Qualification;Unit numbers;Notes\nA;600/1135/X;203\n");
    assert_eq!(
        e,
        ReadError::MissingColumns {
            missing: vec![Column::Units],
            found: ["Learner", "Qualification", "Unit numbers", "Notes"]
                .map(String::from)
                .to_vec(),
        }
    );
    assert_eq!(
        e.message(),
        "The file has no \u{201c}units\u{201d} column. Its first row names \u{201c}Learner\u{201d}, \
         \u{201c}Qualification\u{201d}, \u{201c}Unit numbers\u{201d} and \u{201c}Notes\u{201d}. The first row must name \
         the columns learner, qualification and units (and, if you use them, achieved and registered)."
    );
    let e = refused(b"registered,achieved\n");
    assert!(
        matches!(&e, ReadError::MissingColumns { missing, .. } if *missing == [Column::Learner, Column::Qualification, Column::Units]),
        "{e:?}"
    );
    assert!(e.message().starts_with(
        "The file has no \u{201c}learner\u{201d}, \u{201c}qualification\u{201d} and \u{201c}units\u{201d} columns."
    ));
    assert_eq!(
        refused(b"learner,units,qualification,Units\n"),
        ReadError::DuplicateColumn { column: Column::Units }
    );
    assert_eq!(
        refused(b"learner,qualification,units\r\n\r\n,,\r\n"),
        ReadError::NoLearners
    );
}

#[test]
fn caps_bound_the_work_with_clear_messages() {
    let huge = vec![b'a'; MAX_COHORT_BYTES + 1];
    let start = Instant::now();
    let e = refused(&huge);
    assert_eq!(
        e,
        ReadError::TooLarge {
            bytes: MAX_COHORT_BYTES + 1
        }
    );
    assert!(start.elapsed() < Duration::from_millis(50), "refused before reading");
    assert_eq!(
        e.message(),
        "The file is too large to check (5,242,881 bytes; at most 5,242,880 are read). Split the cohort into smaller files."
    );

    let at_cap = sample_cohort(cat(), MAX_LEARNERS);
    assert!(at_cap.len() < MAX_COHORT_BYTES);
    assert_eq!(read_cohort(at_cap.as_bytes()).unwrap().rows.len(), MAX_LEARNERS);
    let over = sample_cohort(cat(), MAX_LEARNERS + 1);
    let e = read_cohort(over.as_bytes()).unwrap_err();
    assert_eq!(e, ReadError::TooManyLearners { limit: MAX_LEARNERS });
    assert_eq!(
        e.message(),
        "The file has more than 20,000 learners, more than one check takes. Split the cohort into smaller files."
    );

    // One cell of a whole file's worth of different unknown tokens: one row, a short message.
    let mut text = "learner,qualification,units\nA,600/1135/X,".to_owned();
    let mut n = 100_000;
    while text.len() < MAX_COHORT_BYTES - 10 {
        text.push_str(&format!("{n} "));
        n += 1;
    }
    let c = check(&text);
    assert_eq!(c.rows.len(), 1);
    assert!(c.rows[0].message.len() < 200, "{}", c.rows[0].message);
    assert!(
        c.rows[0]
            .message
            .starts_with("Row 2: In the units column, 100000, 100001, 100002, 100003, 100004 and "),
        "{}",
        c.rows[0].message
    );
    assert!(c.rows[0].message.ends_with(" more are not units of 600/1135/X."));
}

#[test]
fn the_sample_cohort_is_deterministic_and_mixed() {
    let text = sample_cohort(cat(), 400);
    assert_eq!(text, sample_cohort(cat(), 400));
    let c = check(&text);
    assert_eq!(c.rows.len(), 400);
    let s = c.summary();
    assert!(s.met > 150 && s.unmet > 50 && s.errors > 10, "{s:?}");
    let numbers: BTreeSet<&str> = c.rows.iter().map(|r| r.qualification.as_str()).collect();
    assert_eq!(numbers.len(), cat().qualifications.len());
}

#[test]
fn sorting_is_by_any_column_both_ways_and_stable() {
    let text = format!(
        "learner,qualification,units,registered\n\
         bea,600/1135/X,{L2_MET},\n\
         Ada,600/1136/1,,\n\
         carl,600/1135/X,203,\n\
         ada,600/1135/X,{L2_MET},bad\n\
         Ben,600/1135/X,{L2_MET},\n"
    );
    let c = check(&text);
    let order = |column: SortColumn, direction: Direction, filter: Filter| -> Vec<usize> {
        view(&c.rows, filter, Sort { column, direction })
            .iter()
            .map(|r| r.row)
            .collect()
    };
    use Direction::{Ascending as Up, Descending as Down};
    assert_eq!(order(SortColumn::Row, Up, Filter::All), [2, 3, 4, 5, 6]);
    assert_eq!(order(SortColumn::Row, Down, Filter::All), [6, 5, 4, 3, 2]);
    assert_eq!(
        order(SortColumn::Learner, Up, Filter::All),
        [3, 5, 2, 6, 4],
        "case ignored, ties in file order"
    );
    assert_eq!(order(SortColumn::Learner, Down, Filter::All), [4, 6, 2, 3, 5]);
    assert_eq!(order(SortColumn::Qualification, Up, Filter::All), [2, 4, 5, 6, 3]);
    assert_eq!(order(SortColumn::Qualification, Down, Filter::All), [3, 2, 4, 5, 6]);
    assert_eq!(order(SortColumn::Verdict, Up, Filter::All), [2, 6, 3, 4, 5]);
    assert_eq!(order(SortColumn::Verdict, Down, Filter::All), [5, 3, 4, 2, 6]);
    // 600/1136/1 with only its mandatory units has fewer credits than 203 on 600/1135/X.
    let credits: Vec<u32> = [3, 4]
        .iter()
        .map(|&r| c.rows.iter().find(|x| x.row == r).unwrap().credits().unwrap().have)
        .collect();
    assert!(credits[0] < credits[1], "{credits:?}");
    assert_eq!(
        order(SortColumn::Credits, Up, Filter::All),
        [3, 4, 2, 6, 5],
        "errors last"
    );
    assert_eq!(order(SortColumn::Credits, Down, Filter::All), [5, 2, 6, 4, 3]);
    assert_eq!(
        order(SortColumn::Missing, Up, Filter::All)[..2],
        [2, 6],
        "met rows have nothing missing"
    );
    assert_eq!(order(SortColumn::Credits, Down, Filter::Unmet), [4, 3]);
    assert_eq!(order(SortColumn::Learner, Up, Filter::Errors), [5]);
    assert_eq!(Summary::of(&c.rows).sentence(), "5 learners: 2 met, 2 unmet, 1 error.");
}

/// Generated files: header names in any case and order with junk columns, cells from a
/// dictionary of what cohort files hold (and break with), any delimiter, quotes and line ends.
fn messy_file() -> impl Strategy<Value = Vec<u8>> {
    let cell = prop_oneof![
        Just(String::new()),
        Just("600/1135/X".to_owned()),
        Just("601/3576/1".to_owned()),
        Just("600-1136-1".to_owned()),
        Just("L/503/0394".to_owned()),
        Just("203 204;205".to_owned()),
        Just("D/506/2119 Unit 12".to_owned()),
        Just("01/09/2024".to_owned()),
        Just("2017-06-30".to_owned()),
        Just("\"".to_owned()),
        Just("\"a;b,\"\"c\"\"\"".to_owned()),
        Just("\r\n".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("none".to_owned()),
        "[ -~]{0,12}",
        "[0-9/;, ]{0,20}",
        "\\PC{0,8}",
    ];
    // Mostly a header the check reads, so that rows are checked too; otherwise any columns.
    let usable = Just(vec![
        "learner",
        "Qualification",
        "UNITS",
        "achieved",
        " registered ",
        "notes",
    ])
    .prop_shuffle();
    let any_columns = proptest::sample::subsequence(
        vec![
            "learner",
            "Qualification",
            "UNITS",
            "achieved",
            " registered ",
            "notes",
            "units",
        ],
        0..=7,
    )
    .prop_shuffle();
    let header = prop_oneof![3 => usable, 1 => any_columns];
    (
        header,
        proptest::collection::vec(proptest::collection::vec(cell, 0..8), 0..12),
        prop_oneof![Just(","), Just(";"), Just("\t")],
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
        any::<bool>(),
    )
        .prop_map(|(header, rows, d, end, bom)| {
            let mut text = if bom { "\u{feff}".to_owned() } else { String::new() };
            text.push_str(&header.join(d));
            for r in rows {
                text.push_str(end);
                text.push_str(&r.join(d));
            }
            text.into_bytes()
        })
}

fn assert_bounded(bytes: &[u8]) -> Result<(), TestCaseError> {
    let start = Instant::now();
    let result = check_cohort(cat(), bytes);
    let took = start.elapsed();
    prop_assert!(took < Duration::from_secs(2), "took {took:?}");
    match result {
        Err(e) => prop_assert!(e.message().chars().count() < 1_000, "{}", e.message()),
        Ok(c) => {
            for r in &c.rows {
                prop_assert!(r.message.chars().count() < 1_000, "{}", r.message);
                prop_assert!(r.row >= 2, "row {} is below the header", r.row);
            }
            let mut rows: Vec<usize> = c.rows.iter().map(|r| r.row).collect();
            rows.dedup();
            prop_assert_eq!(rows.len(), c.rows.len(), "row numbers rise");
            for n in &c.notes {
                prop_assert!(n.sentence().chars().count() < 1_000);
            }
        }
    }
    Ok(())
}

#[test]
fn no_input_panics_or_runs_away() {
    let mut runner = TestRunner::new(Config {
        cases: 600,
        failure_persistence: None,
        ..Config::default()
    });
    let (read, refused) = (Cell::new(0), Cell::new(0));
    runner
        .run(&messy_file(), |bytes| {
            let counter = if check_cohort(cat(), &bytes).is_ok() {
                &read
            } else {
                &refused
            };
            counter.set(counter.get() + 1);
            assert_bounded(&bytes)
        })
        .unwrap();
    assert!(
        read.get() > 50 && refused.get() > 50,
        "read {}, refused {}",
        read.get(),
        refused.get()
    );
    runner
        .run(&proptest::collection::vec(any::<u8>(), 0..600), |bytes| {
            assert_bounded(&bytes)
        })
        .unwrap();
}

/// One learner's plan on a real qualification, and how its row writes it.
#[derive(Debug, Clone)]
struct Case {
    number: String,
    plan: Plan,
    /// Units to do, as the row writes them.
    units: Vec<String>,
    achieved: Vec<String>,
    registered: String,
    learner: String,
    delimiter: u8,
}

/// Plans around each qualification's shortest routes (so many meet the rules) with units flipped
/// in and out at random, written by unit number, by reference (where it names one unit) or as
/// `Unit 204`, with a date in either form, under a name that needs quoting now and then.
fn case() -> impl Strategy<Value = Case> {
    let quals: Vec<(Compiled, Vec<pathway_planner::engine::UnitSet>)> = cat()
        .qualifications
        .iter()
        .map(|q| {
            let c = Compiled::new(q).unwrap();
            let r = shortest_routes(&c).unwrap();
            (c, vec![r.credits.units, r.units.units, r.hours.units])
        })
        .collect();
    let n = quals.len();
    (
        0..n,
        0..3usize,
        proptest::collection::vec((0..64usize, 0..4u8), 0..6),
        0..5usize,
        any::<bool>(),
        "[A-Za-z ,;\"']{1,12}",
        prop_oneof![Just(b','), Just(b';'), Just(b'\t')],
    )
        .prop_map(move |(qi, route, flips, date, uk, learner, delimiter)| {
            let (c, routes) = &quals[qi];
            let mut chosen = routes[route];
            let mut achieved = pathway_planner::engine::UnitSet::EMPTY;
            let mut style = Vec::new();
            for (u, how) in flips {
                let u = u % c.units.len();
                match how {
                    0 if chosen.contains(u) => chosen = chosen.without(u),
                    0 => chosen.insert(u),
                    1 => achieved.insert(u),
                    _ => style.push((u, how)),
                }
            }
            let name = |u: usize| {
                let unit = &c.units[u];
                let unique = c.units.iter().filter(|o| o.reference == unit.reference).count() == 1;
                match style.iter().find(|(s, _)| *s == u).map(|(_, h)| *h) {
                    Some(2) if unique => unit.reference.to_ascii_lowercase().replace('/', ""),
                    Some(3) if unit.number.is_some() => format!("Unit {}", unit.key),
                    _ => unit.key.clone(),
                }
            };
            let keys = |s: pathway_planner::engine::UnitSet| s.iter().map(|u| c.units[u].key.clone()).collect();
            let registered = [
                None,
                Some("2016-09-01"),
                Some("2017-07-01"),
                Some("2024-09-01"),
                Some("2017-06-30"),
            ][date]
                .and_then(Date::parse_iso);
            Case {
                number: c.number.clone(),
                plan: Plan {
                    chosen: keys(chosen),
                    achieved: keys(achieved),
                    registered,
                    ..Plan::default()
                },
                units: chosen.iter().map(name).collect(),
                achieved: achieved.iter().map(name).collect(),
                registered: match registered {
                    None => String::new(),
                    Some(d) if uk => format!("{}/{}/{}", d.day, d.month, d.year),
                    Some(d) => d.iso(),
                },
                learner: learner.trim().to_owned(),
                delimiter,
            }
        })
}

#[test]
fn every_verdict_is_the_single_plan_engines() {
    let mut runner = TestRunner::new(Config {
        cases: 400,
        failure_persistence: None,
        ..Config::default()
    });
    let (met, unmet) = (Cell::new(0), Cell::new(0));
    runner
        .run(&proptest::collection::vec(case(), 1..6), |cases| {
            let mut w = csv::WriterBuilder::new()
                .delimiter(cases[0].delimiter)
                .from_writer(Vec::new());
            w.write_record(["Registered", "units", "Learner", "ACHIEVED", "qualification"])
                .unwrap();
            for k in &cases {
                let sep = if k.delimiter == b';' { " " } else { "; " };
                w.write_record([
                    k.registered.as_str(),
                    &k.units.join(sep),
                    if k.learner.is_empty() { "x" } else { &k.learner },
                    &k.achieved.join(" "),
                    &k.number,
                ])
                .unwrap();
            }
            let bytes = w.into_inner().unwrap();
            let c = check_cohort(cat(), &bytes).map_err(|e| TestCaseError::fail(e.message()))?;
            prop_assert_eq!(c.rows.len(), cases.len());
            for (r, k) in c.rows.iter().zip(&cases) {
                let engine = compiled(&k.number);
                let v = engine.evaluate(&k.plan);
                let Outcome::Checked(checked) = &r.outcome else {
                    return Err(TestCaseError::fail(format!("{r:?} for {k:?}")));
                };
                prop_assert_eq!(checked.met, v.met(), "{:?}", k);
                let counter = if v.met() { &met } else { &unmet };
                counter.set(counter.get() + 1);
                prop_assert_eq!(r.verdict() == Verdict::Met, v.met());
                prop_assert_eq!(checked.credits.have, v.totals.credits);
                prop_assert_eq!(checked.credits.needed, engine.total_credits);
                prop_assert_eq!(&r.message, &pathway_planner::cohort::missing_sentence(&v));
                let Route::Planner { number, plan } = decode(&checked.link, cat()).route else {
                    return Err(TestCaseError::fail(format!("link {} opens no plan", checked.link)));
                };
                prop_assert_eq!(number, k.number.clone());
                prop_assert_eq!(engine.evaluate(&plan).met(), v.met(), "the link opens the same verdict");
                prop_assert_eq!(engine.evaluate(&plan).totals, v.totals);
            }
            Ok(())
        })
        .unwrap();
    assert!(
        met.get() > 100 && unmet.get() > 100,
        "met {}, unmet {}",
        met.get(),
        unmet.get()
    );
}

#[test]
fn the_example_the_page_offers_checks_as_met_and_is_the_readme_s() {
    let cat = pathway_planner::catalogue::shared().expect("catalogue");
    let cohort =
        pathway_planner::cohort::check_cohort(cat, pathway_planner::cohort::EXAMPLE_FILE.as_bytes()).expect("read");
    let verdicts: Vec<_> = cohort
        .rows
        .iter()
        .map(|r| (r.learner.as_str(), r.verdict().label()))
        .collect();
    assert_eq!(verdicts, [("Amira Khan", "met"), ("Khan, Bilal", "met")]);
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    assert!(
        readme.contains(&pathway_planner::cohort::EXAMPLE_FILE.replace('\r', "")),
        "the README prints the example"
    );
}
