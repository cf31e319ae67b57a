//! Calendar dates for registration-date rules: ISO text in, plain English out.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Parses `YYYY-MM-DD`, checking the day exists in that month.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        (date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= days_in_month(date.year, date.month))
            .then_some(date)
    }

    /// Parses a British date, day first, as UK spreadsheets write it: `01/09/2024` or `1/9/2024`
    /// is 1 September 2024. The year has four digits; the day must exist in that month.
    pub fn parse_day_first(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '/');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        let short = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        if !short(d) || !short(m) || y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Date::parse_iso(&format!("{y}-{m:0>2}-{d:0>2}"))
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.day, MONTHS[usize::from(self.month - 1)], self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let d = Date::parse_iso("2017-07-01").unwrap();
        assert_eq!(d.to_string(), "1 July 2017");
        assert_eq!(d.iso(), "2017-07-01");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2017-02-29",
            "2017-13-01",
            "2017-00-10",
            "17-07-01",
            "2017-7-1",
            "",
            "2016-02-30",
            "abcd-ef-gh",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad}");
        }
        assert!(Date::parse_iso("2016-02-29").is_some());
    }

    #[test]
    fn reads_british_dates_day_first() {
        let first_sept = Date::parse_iso("2024-09-01");
        assert_eq!(Date::parse_day_first("01/09/2024"), first_sept);
        assert_eq!(Date::parse_day_first(" 1/9/2024 "), first_sept);
        assert_eq!(Date::parse_day_first("29/02/2016"), Date::parse_iso("2016-02-29"));
        for bad in [
            "31/02/2024",
            "09/13/2024",
            "2024/09/01",
            "1/9/24",
            "001/9/2024",
            "1/9/2024/1",
            "+1/9/2024",
            "1-9-2024",
            "",
        ] {
            assert_eq!(Date::parse_day_first(bad), None, "{bad}");
        }
    }

    #[test]
    fn orders_chronologically() {
        assert!(Date::parse_iso("2017-06-30").unwrap() < Date::parse_iso("2017-07-01").unwrap());
        assert!(Date::parse_iso("2016-12-31").unwrap() < Date::parse_iso("2017-01-01").unwrap());
    }
}
