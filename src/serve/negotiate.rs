//! HTTP content negotiation: picks the media type to answer with from an `Accept` header.

/// One media range of an `Accept` header with its quality.
#[derive(Debug, Clone, PartialEq)]
struct Range {
    kind: String,
    subtype: String,
    q: f32,
}

fn parse(accept: &str) -> Vec<Range> {
    accept
        .split(',')
        .filter_map(|part| {
            let mut it = part.split(';');
            let media = it.next()?.trim().to_ascii_lowercase();
            let (kind, subtype) = media.split_once('/')?;
            let q = it
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|v| v.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some(Range {
                kind: kind.trim().to_string(),
                subtype: subtype.trim().to_string(),
                q,
            })
        })
        .collect()
}

/// The quality `accept` gives `offer` (the most specific matching range wins), if any range matches.
fn quality(ranges: &[Range], offer: &str) -> Option<f32> {
    let (kind, subtype) = offer.split_once('/')?;
    ranges
        .iter()
        .filter_map(|r| {
            let specificity = match (r.kind.as_str(), r.subtype.as_str()) {
                (k, s) if k == kind && s == subtype => 2,
                (k, "*") if k == kind => 1,
                ("*", "*") => 0,
                _ => return None,
            };
            Some((specificity, r.q))
        })
        .max_by_key(|(s, _)| *s)
        .map(|(_, q)| q)
}

/// The offer to answer with: the one `accept` ranks highest (ties go to the earlier offer);
/// the first offer when there is no header; `None` when nothing offered is acceptable (406).
pub fn choose<'a>(accept: Option<&str>, offers: &[&'a str]) -> Option<&'a str> {
    let Some(accept) = accept.filter(|a| !a.trim().is_empty()) else {
        return offers.first().copied();
    };
    let ranges = parse(accept);
    let mut best: Option<(&str, f32)> = None;
    for &o in offers {
        if let Some(q) = quality(&ranges, o).filter(|&q| q > 0.0)
            && best.is_none_or(|(_, b)| q > b)
        {
            best = Some((o, q));
        }
    }
    best.map(|(o, _)| o)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFERS: [&str; 3] = ["application/sparql-results+json", "text/csv", "text/html"];

    #[test]
    fn no_header_or_wildcard_takes_the_first_offer() {
        assert_eq!(choose(None, &OFFERS), Some(OFFERS[0]));
        assert_eq!(choose(Some("*/*"), &OFFERS), Some(OFFERS[0]));
        assert_eq!(choose(Some(""), &OFFERS), Some(OFFERS[0]));
    }

    #[test]
    fn quality_and_specificity_decide() {
        assert_eq!(choose(Some("text/csv"), &OFFERS), Some("text/csv"));
        assert_eq!(
            choose(
                Some("text/*;q=0.9, application/sparql-results+json;q=0.5"),
                &OFFERS
            ),
            Some("text/csv")
        );
        // A browser: html explicitly, everything else at 0.8.
        assert_eq!(
            choose(Some("text/html,application/xhtml+xml,*/*;q=0.8"), &OFFERS),
            Some("text/html")
        );
        // text/csv refused explicitly even though text/* is welcome.
        assert_eq!(
            choose(
                Some("text/*, text/csv;q=0"),
                &["text/csv", "text/tab-separated-values"]
            ),
            Some("text/tab-separated-values")
        );
    }

    #[test]
    fn nothing_acceptable_is_none() {
        assert_eq!(choose(Some("application/x-foo"), &OFFERS), None);
        assert_eq!(choose(Some("text/csv;q=0"), &["text/csv"]), None);
    }
}
