//! Dates in Arabic news: day, month (both naming systems: آب/أغسطس), year, ranges
//! (من 14 إلى 19, بين 18 و21) and relative expressions (الشهر الماضي, أمس, الاثنين),
//! resolved against the publication date.

use crate::text::{Token, TokenKind};

/// A calendar date with optional parts (`year` unknown for an undated text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PartialDate {
    /// Year, when known.
    pub year: Option<i32>,
    /// Month 1–12.
    pub month: Option<u32>,
    /// Day 1–31.
    pub day: Option<u32>,
}

impl PartialDate {
    /// ISO form: `2023-08-14`, `2023-08`, `2023`, or `--08-14` / `--08` without a year
    /// (xsd:gMonthDay / gMonth).
    pub fn iso(&self) -> Option<String> {
        Some(match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), None, _) => format!("{y:04}"),
            (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
            (None, Some(m), None) => format!("--{m:02}"),
            _ => return None,
        })
    }
}

/// A date expression found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// Start of the period.
    pub start: PartialDate,
    /// End of the period (same as start for a day).
    pub end: PartialDate,
}

const MONTHS: &[(&str, u32)] = &[
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    ("تشرين الاول", 10),
    ("تشرين الثاني", 11),
    ("كانون الاول", 12),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويليه", 7),
    ("اوت", 8),
    ("شتنبر", 9),
    ("اكتوبر", 10),
    ("نونبر", 11),
    ("دجنبر", 12),
];

const WEEKDAYS: &[(&str, u32)] = &[
    ("الاثنين", 0),
    ("الثلاثاء", 1),
    ("الاربعاء", 2),
    ("الخميس", 3),
    ("الجمعه", 4),
    ("السبت", 5),
    ("الاحد", 6),
];

/// Strips a glued و / ف (and في for "in MONTH").
fn stem(w: &str) -> &str {
    for p in ["وفي", "في", "و", "ف"] {
        if let Some(r) = w.strip_prefix(p)
            && r.chars().count() >= 2
        {
            return r;
        }
    }
    w
}

/// Month names by first word: (second word, if any; month).
type MonthIndex = rustc_hash::FxHashMap<&'static str, Vec<(Option<&'static str>, u32)>>;

/// The month names, indexed once.
static MONTH_INDEX: std::sync::LazyLock<MonthIndex> = std::sync::LazyLock::new(|| {
    let mut map: MonthIndex = Default::default();
    for &(name, m) in MONTHS {
        let mut parts = name.split(' ');
        let first = parts.next().unwrap_or(name);
        map.entry(first).or_default().push((parts.next(), m));
    }
    map
});

/// Words a date expression can begin with, besides a number: every first word that
/// [`date_at`] looks for (a quick test, as most words begin none).
static DATE_STARTS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        let words = [
            "من",
            "بين",
            "الشهر",
            "الاسبوع",
            "العام",
            "السنه",
            "هذا",
            "امس",
            "اليوم",
            "غدا",
            "يوم",
        ];
        let months = MONTH_INDEX.keys().copied();
        let weekdays = WEEKDAYS.iter().map(|(n, _)| *n);
        words.into_iter().chain(months).chain(weekdays).collect()
    });

/// Reads a month name at `i` (one or two tokens, with an optional و/في glued on).
fn month_at(toks: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = toks.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    for cand in [t.norm.as_str(), stem(&t.norm)] {
        for &(second, m) in MONTH_INDEX.get(cand).into_iter().flatten() {
            match second {
                None => return Some((m, 1)),
                Some(w) if toks.get(i + 1).is_some_and(|n| n.norm == w) => return Some((m, 2)),
                Some(_) => {}
            }
        }
    }
    None
}

/// A month, possibly written twice (`آب/أغسطس`, `تشرين الأول (أكتوبر)`); returns month and tokens used.
fn month_expr(toks: &[Token], i: usize) -> Option<(u32, usize)> {
    let (m, n) = month_at(toks, i)?;
    if toks
        .get(i + n)
        .is_some_and(|t| t.norm == "/" || t.norm == "(")
        && let Some((m2, n2)) = month_at(toks, i + n + 1)
        && m2 == m
    {
        let close = usize::from(toks.get(i + n + 1 + n2).is_some_and(|t| t.norm == ")"));
        return Some((m, n + 1 + n2 + close));
    }
    Some((m, n))
}

fn number(t: Option<&Token>) -> Option<u32> {
    let t = t?;
    if t.kind == TokenKind::Number {
        t.norm.parse().ok()
    } else {
        None
    }
}

fn year_at(toks: &[Token], i: usize) -> Option<i32> {
    number(toks.get(i))
        .filter(|y| (1900..=2100).contains(y))
        .map(|y| y as i32)
}

/// True when a folded word may begin a date expression (numbers aside): the quick test
/// [`find`] asks of each word, so a caller can work it out once per distinct word.
pub fn may_start(w: &str) -> bool {
    DATE_STARTS.contains(stem(w)) || DATE_STARTS.contains(w)
}

/// Finds the date expressions of a sentence (tokens `first..last`), unresolved
/// relative parts left as markers for [`resolve`]. `starts(i)` is [`may_start`] of
/// word `i`.
pub fn find(
    toks: &[Token],
    first: usize,
    last: usize,
    starts: impl Fn(usize) -> bool,
) -> Vec<(DateExpr, Relative)> {
    let toks_s = &toks[..last];
    let mut out = Vec::new();
    let mut i = first;
    while i < last {
        if (toks[i].kind == TokenKind::Number || starts(i))
            && let Some(found) = date_at(toks_s, i, first)
        {
            i = found.0.last.max(i + 1);
            out.push(found);
        } else {
            i += 1;
        }
    }
    out
}

/// How a date expression relates to the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// Absolute (possibly without a year).
    None,
    /// A month or weekday "last" (الماضي).
    Past,
    /// A month or weekday "next" (المقبل, القادم).
    Next,
    /// Offset in days from the publication date (أمس = -1), as a range.
    Days(i32, i32),
    /// Offset in months (الشهر الماضي = -1).
    Months(i32),
    /// Offset in years (العام الماضي = -1).
    Years(i32),
    /// A weekday (0 = Monday), nearest to the publication date.
    Weekday(u32),
}

fn relative_word(t: Option<&Token>) -> Option<Relative> {
    match stem(&t?.norm) {
        "الماضي" | "الماضيه" | "المنصرم" | "الفائت" | "السابق" => {
            Some(Relative::Past)
        }
        "المقبل" | "المقبله" | "القادم" | "القادمه" => {
            Some(Relative::Next)
        }
        _ => None,
    }
}

fn date_at(toks: &[Token], i: usize, first: usize) -> Option<(DateExpr, Relative)> {
    let t = &toks[i];
    let mk = |last: usize, start: PartialDate, end: PartialDate, rel: Relative| {
        Some((
            DateExpr {
                first: i,
                last,
                start,
                end,
            },
            rel,
        ))
    };
    let w = stem(&t.norm);
    // Ranges: من D1 إلى D2 MONTH / بين D1 و D2 MONTH
    if matches!(w, "من" | "بين")
        && let Some(d1) = number(toks.get(i + 1)).filter(|d| (1..=31).contains(d))
    {
        let mut j = i + 2;
        if toks
            .get(j)
            .is_some_and(|t| matches!(t.norm.as_str(), "الي" | "حتي" | "و" | "-"))
        {
            j += 1;
            if let Some(d2) = number(toks.get(j)).filter(|d| (1..=31).contains(d))
                && let Some((m, n)) = month_expr(toks, j + 1)
            {
                let mut last = j + 1 + n;
                let year = year_at(toks, last);
                if year.is_some() {
                    last += 1;
                }
                let s = PartialDate {
                    year,
                    month: Some(m),
                    day: Some(d1),
                };
                let e = PartialDate {
                    year,
                    month: Some(m),
                    day: Some(d2),
                };
                return mk(last, s, e, Relative::None);
            }
        }
    }
    if matches!(w, "من" | "بين") {
        // Nothing else begins with these (and they are in most sentences).
        return None;
    }
    // D MONTH [YEAR]
    if let Some(d) = number(Some(t)).filter(|d| (1..=31).contains(d))
        && let Some((m, n)) = month_expr(toks, i + 1)
    {
        let mut last = i + 1 + n;
        let year = year_at(toks, last);
        if year.is_some() {
            last += 1;
        }
        let p = PartialDate {
            year,
            month: Some(m),
            day: Some(d),
        };
        return mk(last, p, p, Relative::None);
    }
    // MONTH [YEAR | الماضي | المقبل | العام الماضي], only where a month name cannot be another word.
    if let Some((m, n)) = month_expr(toks, i) {
        let slashed = n > 1 && month_at(toks, i).is_some_and(|(_, k)| k < n);
        let prev = if i > first {
            Some(toks[i - 1].norm.as_str())
        } else {
            None
        };
        let glued_in = t.norm.starts_with("في") || t.norm.starts_with("وفي");
        let cue = prev.is_some_and(|p| {
            matches!(
                stem(p),
                "في" | "منذ"
                    | "خلال"
                    | "حتي"
                    | "شهر"
                    | "مطلع"
                    | "اواخر"
                    | "اوائل"
                    | "منتصف"
                    | "نهايه"
                    | "بدايه"
            )
        });
        let mut last = i + n;
        let year = year_at(toks, last);
        let rel = relative_word(toks.get(last));
        let unambiguous = n > 1 && month_at(toks, i).is_none_or(|(_, k)| k != n) || slashed;
        if !(year.is_some() || rel.is_some() || cue || glued_in || unambiguous) {
            return None;
        }
        if year.is_some() || rel.is_some() {
            last += 1;
        }
        let mut relative = rel.unwrap_or(Relative::None);
        if year.is_none()
            && toks.get(last).is_some_and(|t| stem(&t.norm) == "العام")
            && matches!(relative_word(toks.get(last + 1)), Some(Relative::Past))
        {
            relative = Relative::Years(-1);
            last += 2;
        }
        let p = PartialDate {
            year,
            month: Some(m),
            day: None,
        };
        return mk(last, p, p, relative);
    }
    // الشهر/الأسبوع/العام الماضي|المقبل, هذا الأسبوع
    if let Some(rel) = relative_word(toks.get(i + 1)) {
        let sign = if rel == Relative::Past { -1 } else { 1 };
        let r = match w {
            "الشهر" => Some(Relative::Months(sign)),
            "الاسبوع" => Some(if sign < 0 {
                Relative::Days(-7, -1)
            } else {
                Relative::Days(1, 7)
            }),
            "العام" | "السنه" => Some(Relative::Years(sign)),
            _ => None,
        };
        if let Some(r) = r {
            return mk(i + 2, PartialDate::default(), PartialDate::default(), r);
        }
    }
    if w == "هذا" && toks.get(i + 1).is_some_and(|t| t.norm == "الاسبوع") {
        return mk(
            i + 2,
            PartialDate::default(),
            PartialDate::default(),
            Relative::Days(0, 6),
        );
    }
    let days = match w {
        "امس" => Some(-1),
        "اليوم" => Some(0),
        "غدا" => Some(1),
        _ => None,
    };
    if let Some(d) = days {
        return mk(
            i + 1,
            PartialDate::default(),
            PartialDate::default(),
            Relative::Days(d, d),
        );
    }
    let wd_tok = if w == "يوم" { i + 1 } else { i };
    if let Some(t) = toks.get(wd_tok)
        && let day = stem(&t.norm)
        && let Some(&(_, wd)) = WEEKDAYS
            .iter()
            .find(|(n, _)| *n == day || *n == t.norm.as_str())
    {
        return mk(
            wd_tok + 1,
            PartialDate::default(),
            PartialDate::default(),
            Relative::Weekday(wd),
        );
    }
    None
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Civil date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

fn day(z: i64) -> PartialDate {
    let (y, m, d) = civil_from_days(z);
    PartialDate {
        year: Some(y),
        month: Some(m),
        day: Some(d),
    }
}

/// Resolves an expression against the publication date (`YYYY-MM-DD`), if any.
/// `future` says whether the fact is planned (a bare weekday or month then lies ahead).
pub fn resolve(
    e: &DateExpr,
    rel: Relative,
    pub_date: Option<&str>,
    future: bool,
) -> Option<(PartialDate, PartialDate)> {
    let anchor = pub_date.and_then(|d| {
        Some((
            d[0..4].parse::<i32>().ok()?,
            d[5..7].parse::<u32>().ok()?,
            d[8..10].parse::<u32>().ok()?,
        ))
    });
    let Some((y, m, d)) = anchor else {
        return match rel {
            Relative::None | Relative::Past | Relative::Next => Some((e.start, e.end)),
            _ => None,
        };
    };
    let today = days_from_civil(y, m, d);
    let month_shift = |k: i32| {
        let total = y * 12 + (m as i32 - 1) + k;
        PartialDate {
            year: Some(total.div_euclid(12)),
            month: Some(total.rem_euclid(12) as u32 + 1),
            day: None,
        }
    };
    Some(match rel {
        Relative::Days(a, b) => (day(today + a as i64), day(today + b as i64)),
        Relative::Months(k) => (month_shift(k), month_shift(k)),
        Relative::Years(k) => {
            let mut s = e.start;
            s.year = Some(y + k);
            let mut en = e.end;
            en.year = Some(y + k);
            if s.month.is_none() {
                s = PartialDate {
                    year: Some(y + k),
                    month: None,
                    day: None,
                };
                en = s;
            }
            (s, en)
        }
        Relative::Weekday(wd) => {
            let today_wd = (today + 3).rem_euclid(7) as u32; // 1970-01-01 was a Thursday (3)
            let delta = if future {
                (wd + 7 - today_wd) % 7
            } else {
                (today_wd + 7 - wd) % 7
            };
            let z = if future {
                today + delta as i64
            } else {
                today - delta as i64
            };
            (day(z), day(z))
        }
        Relative::None | Relative::Past | Relative::Next => {
            if e.start.year.is_some() {
                return Some((e.start, e.end));
            }
            let month = e.start.month?;
            let mut year = y;
            let back = rel == Relative::Past || (rel == Relative::None && !future);
            if back && month > m {
                year -= 1;
            }
            if (rel == Relative::Next || (rel == Relative::None && future)) && month < m {
                year += 1;
            }
            if rel == Relative::Past && month == m {
                year -= 1;
            }
            let mut s = e.start;
            let mut en = e.end;
            s.year = Some(year);
            en.year = Some(year);
            (s, en)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analyzed;

    fn dates(text: &str, pub_date: Option<&str>, future: bool) -> Vec<(String, String)> {
        let a = Analyzed::new(text);
        find(&a.tokens, 0, a.tokens.len(), |i| {
            may_start(&a.tokens[i].norm)
        })
        .into_iter()
        .filter_map(|(e, r)| resolve(&e, r, pub_date, future))
        .map(|(s, e)| (s.iso().unwrap(), e.iso().unwrap()))
        .collect()
    }

    #[test]
    fn ranges_with_both_month_names() {
        assert_eq!(
            dates("في الفترة من 14 إلى 19 آب/أغسطس", Some("2023-08-14"), true),
            vec![("2023-08-14".into(), "2023-08-19".into())]
        );
        assert_eq!(
            dates("بين ١٨ و٢١ سبتمبر", None, true),
            vec![("--09-18".into(), "--09-21".into())]
        );
    }

    #[test]
    fn months_resolve_against_the_publication_date() {
        assert_eq!(
            dates("في تشرين الأول/أكتوبر", Some("2023-08-14"), true),
            vec![("2023-10".into(), "2023-10".into())]
        );
        assert_eq!(
            dates("في شباط/فبراير العام الماضي", Some("2023-08-14"), false),
            vec![("2022-02".into(), "2022-02".into())]
        );
        assert_eq!(
            dates("في فبراير الماضي", Some("2023-09-18"), false),
            vec![("2023-02".into(), "2023-02".into())]
        );
        assert_eq!(
            dates("والشهر الماضي", Some("2023-09-18"), false),
            vec![("2023-08".into(), "2023-08".into())]
        );
    }

    #[test]
    fn month_names_that_are_words_need_context() {
        assert!(dates("مارس الضغط على الحكومة", Some("2023-09-18"), false).is_empty());
        assert_eq!(
            dates("زار موسكو في مارس", Some("2023-09-18"), false),
            vec![("2023-03".into(), "2023-03".into())]
        );
    }

    #[test]
    fn weekdays_and_days() {
        assert_eq!(
            dates("يبدأ اليوم", Some("2023-09-18"), false),
            vec![("2023-09-18".into(), "2023-09-18".into())]
        );
        assert_eq!(
            dates("يوم الجمعة", Some("2023-09-18"), false),
            vec![("2023-09-15".into(), "2023-09-15".into())]
        );
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }
}
