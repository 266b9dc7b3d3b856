//! Matching compiled rules against a sentence seen as a sequence of items
//! (words, punctuation and entity mentions).
//!
//! Rules are indexed by the words of their first required literal (their trigger):
//! a sentence only tries the rules whose trigger occurs in it, so the cost grows
//! with the sentence, not with rules × tokens.

use super::syntax::{Elem, Rule, Slot, SlotSource, SlotType, Word};
use crate::lexicon::Kind;
use smallvec::SmallVec;

/// The most items an aside between commas or quotation marks may hold for a gap to step
/// over it whole.
const ASIDE_MAX: usize = 12;

/// What the matcher needs to know about a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionView<'a> {
    /// Entity type.
    pub kind: Kind,
    /// A nationality adjective (الروسي), standing for its country.
    pub adj: bool,
    /// A name that is also written like an adjective (السعودية).
    pub adj_form: bool,
    /// Two countries referred to together (البلدين).
    pub pair: bool,
    /// A capital or a national body: may stand for its country (بكين, الجيش الإسرائيلي).
    pub government: bool,
    /// Proclitics glued to the mention's first word.
    pub clitics: &'a str,
}

/// One item of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item<'a> {
    /// A word (folded).
    Word(&'a str),
    /// A punctuation mark.
    Punct(&'a str),
    /// An entity mention.
    Mention(MentionView<'a>),
}

/// What a capture was bound to (types borrowed from the rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding<'r> {
    /// Items of the sentence (several for a coordination).
    Items(smallvec::SmallVec<[usize; 2]>),
    /// To be filled from context.
    Context(SlotSource, &'r [SlotType]),
}

/// One match of one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match<'r> {
    /// Index of the rule in the [`Compiled`] set.
    pub rule: usize,
    /// First item of the match.
    pub start: usize,
    /// One past the last item.
    pub end: usize,
    /// Captures by slot name.
    pub bindings: Vec<(&'r str, Binding<'r>)>,
    /// Items matched by literals (the trigger is the first).
    pub literals: Vec<usize>,
    /// Items skipped by gaps.
    pub gaps: Vec<usize>,
}

/// Rules with their trigger index.
///
/// Gaps skip words and punctuation but not entity mentions, except nationality
/// adjectives and a place after في or with a glued ب (an adverbial: التقى X، الخميس
/// في طهران، Y); an aside between commas or quotation marks with no person in it counts
/// as its two marks (see `State::gap`).
#[derive(Debug, Clone, Default)]
pub struct Compiled {
    /// The rules, in load order.
    pub rules: Vec<Rule>,
    /// Where each word stands in the rules' required literals.
    words: rustc_hash::FxHashMap<String, Vec<Occurrence>>,
    untriggered: Vec<usize>,
    /// For each rule, one bit per required literal: a rule is only tried in a sentence
    /// that has a word of each.
    required: Vec<u64>,
    /// For each rule, how many items before its trigger word a match may start (at
    /// least, at most).
    lookback: Vec<(usize, usize)>,
}

fn strip_conj(w: &str) -> Option<&str> {
    let rest = w.strip_prefix('و').or_else(|| w.strip_prefix('ف'))?;
    (rest.chars().count() >= 2).then_some(rest)
}

/// True when a folded word matches a rule word, allowing a leading و or ف.
pub fn word_matches(pat: &Word, w: &str) -> bool {
    let one = |w: &str| match pat {
        Word::Exact(x) => x == w,
        Word::Prefix(x) => w.starts_with(x.as_str()),
        Word::Suffix(x) => w.ends_with(x.as_str()),
    };
    one(w) || strip_conj(w).is_some_and(one)
}

/// How far before its trigger a match may start: at most this many items.
const LOOKBACK: usize = 10;

/// A required literal's words, with how many items may come before the word inside its
/// element (at least, at most; see [`span`]).
type Literal<'r> = (Vec<&'r String>, (usize, Option<usize>));

/// The words of a required literal element (a plain word list, or an alternation whose
/// every branch has such words), or None.
fn literal_words(e: &Elem) -> Option<Literal<'_>> {
    match e {
        Elem::Lit(ws) => Some((ws.only_exact()?.collect(), (0, Some(0)))),
        Elem::Alt(branches) => {
            let mut words = Vec::new();
            let mut before = (usize::MAX, Some(0));
            for b in branches {
                let (j, (ws, inner)) = b
                    .iter()
                    .enumerate()
                    .find_map(|(j, e)| Some((j, literal_words(e)?)))?;
                words.extend(ws);
                let (lo, hi) = add(span(&b[..j]), inner);
                before = (before.0.min(lo), before.1.zip(hi).map(|(x, y)| x.max(y)));
            }
            Some((words, before))
        }
        _ => None,
    }
}

/// Two spans one after the other.
fn add(a: (usize, Option<usize>), b: (usize, Option<usize>)) -> (usize, Option<usize>) {
    let hi = a.1.zip(b.1).map(|(x, y)| x + y).filter(|&h| h <= LOOKBACK);
    (a.0 + b.0, hi)
}

/// The fewest and the most items a sequence of elements can cover (the most is `None`
/// past [`LOOKBACK`]: gaps may step over asides, coordinations grow).
fn span(p: &[Elem]) -> (usize, Option<usize>) {
    p.iter().fold((0, Some(0)), |acc, e| {
        let one = match e {
            Elem::Lit(_) => (1, Some(1)),
            Elem::Slot(s) if s.source != SlotSource::Text => (0, Some(0)),
            Elem::Slot(s) => (1, (!s.many).then_some(1)),
            Elem::Gap(lo, hi) => (*lo, (*hi < 2).then_some(*hi)),
            Elem::Alt(branches) => branches
                .iter()
                .map(|b| span(b))
                .fold((usize::MAX, Some(0)), |(lo, hi), (a, b)| {
                    (lo.min(a), hi.zip(b).map(|(x, y)| x.max(y)))
                }),
            Elem::Opt(e) => (0, span(std::slice::from_ref(e)).1),
            Elem::Not(_) => (0, Some(0)),
        };
        add(acc, one)
    })
}

/// The words of each required literal of a pattern (see [`literal_words`]), with how
/// many items before each a match may start (see [`span`]).
fn required_literals(p: &[Elem]) -> Vec<Literal<'_>> {
    p.iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let (words, inner) = literal_words(e)?;
            Some((words, add(span(&p[..i]), inner)))
        })
        .collect()
}

/// Which required literal a rule is looked for at (one of its words is in every match),
/// and how many items before that word a match may start.
///
/// The first literal, unless it holds a short word (في، مع: found in every other
/// sentence) and a later literal with longer words has a prefix of bounded length.
fn trigger(literals: &[Literal]) -> Option<(usize, (usize, usize))> {
    let short = |ws: &[&String]| ws.iter().any(|w| w.chars().count() < 3);
    let j = literals
        .iter()
        .position(|(ws, (_, hi))| !short(ws) && hi.is_some())
        .or((!literals.is_empty()).then_some(0))?;
    let (lo, hi) = literals[j].1;
    Some((j, (lo.min(LOOKBACK), hi.unwrap_or(LOOKBACK))))
}

/// A word's place in a rule: one of the words of its `literal`-th required literal, the
/// one it is looked for at when `trigger`.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    rule: u32,
    literal: u8,
    trigger: bool,
}

/// Required literals past this many are not checked before a rule is tried.
const CHECKED_LITERALS: usize = 64;

impl Compiled {
    /// Indexes rules by the words of their required literals.
    pub fn new(rules: Vec<Rule>) -> Compiled {
        let mut words: rustc_hash::FxHashMap<String, Vec<Occurrence>> = Default::default();
        let mut untriggered = Vec::new();
        let mut lookback = Vec::with_capacity(rules.len());
        let mut required = Vec::with_capacity(rules.len());
        for (i, r) in rules.iter().enumerate() {
            let literals = required_literals(&r.pattern);
            let found = trigger(&literals);
            lookback.push(found.map_or((0, 0), |(_, back)| back));
            let Some((t, _)) = found else {
                untriggered.push(i);
                required.push(0);
                continue;
            };
            let mut mask = 0u64;
            for (j, (ws, _)) in literals.iter().enumerate() {
                if j < CHECKED_LITERALS {
                    mask |= 1 << j;
                } else if j != t {
                    continue;
                }
                for w in ws {
                    let list = words.entry((*w).clone()).or_default();
                    let o = Occurrence {
                        rule: i as u32,
                        literal: j.min(u8::MAX as usize) as u8,
                        trigger: j == t,
                    };
                    if !list
                        .iter()
                        .any(|x| (x.rule, x.literal) == (o.rule, o.literal))
                    {
                        list.push(o);
                    }
                }
            }
            required.push(mask);
        }
        Compiled {
            rules,
            words,
            untriggered,
            lookback,
            required,
        }
    }

    /// All matches of all rules in one sentence, by rule then start.
    pub fn find(&self, items: &[Item]) -> Vec<Match<'_>> {
        let mut anchors: Vec<(usize, usize)> = Vec::new();
        let mut seen: SmallVec<[u64; 512]> = smallvec::smallvec![0; self.rules.len()];
        for (i, it) in items.iter().enumerate() {
            if let Item::Word(w) = it {
                for key in [Some(*w), strip_conj(w)].into_iter().flatten() {
                    for o in self.words.get(key).into_iter().flatten() {
                        if (o.literal as usize) < CHECKED_LITERALS {
                            seen[o.rule as usize] |= 1 << o.literal;
                        }
                        if o.trigger {
                            anchors.push((o.rule as usize, i));
                        }
                    }
                }
            }
        }
        // A rule missing one of its literals cannot match here.
        anchors.retain(|&(r, _)| self.required[r] & !seen[r] == 0);
        for &r in &self.untriggered {
            anchors.push((r, 0));
        }
        anchors.sort_unstable();
        anchors.dedup();
        let mut out: Vec<Match<'_>> = Vec::new();
        // One state for every attempt: its buffers are emptied, not reallocated.
        let mut st = State {
            items,
            bindings: vec![],
            literals: vec![],
            gaps: vec![],
        };
        for (r, at) in anchors {
            let rule = &self.rules[r];
            let (lo, hi) = if self.untriggered.contains(&r) {
                (0, items.len())
            } else {
                let (least, most) = self.lookback[r];
                (at.saturating_sub(most), (at + 1).saturating_sub(least))
            };
            for start in lo..hi {
                if out.iter().any(|m| m.rule == r && m.start == start) {
                    continue;
                }
                st.bindings.clear();
                st.literals.clear();
                st.gaps.clear();
                let mut found = None;
                st.seq(&rule.pattern, start, &mut |end, st| {
                    found = Some(Match {
                        rule: r,
                        start,
                        end,
                        bindings: st.bindings.clone(),
                        literals: st.literals.clone(),
                        gaps: st.gaps.iter().flat_map(|&(b, e)| b..e).collect(),
                    });
                    true
                });
                if let Some(m) = found
                    && (self.untriggered.contains(&r) || m.literals.contains(&at))
                {
                    out.push(m);
                }
            }
        }
        out
    }
}

struct State<'s, 'a, 'r> {
    items: &'s [Item<'a>],
    bindings: Vec<(&'r str, Binding<'r>)>,
    literals: Vec<usize>,
    /// Items skipped by gaps, as `[begin, end)` ranges.
    gaps: Vec<(usize, usize)>,
}

type Cont<'k, 's, 'a, 'r> = &'k mut dyn FnMut(usize, &mut State<'s, 'a, 'r>) -> bool;

fn slot_accepts(slot: &Slot, m: &MentionView, coordinated: bool) -> bool {
    let clitics = m
        .clitics
        .strip_prefix('و')
        .or_else(|| m.clitics.strip_prefix('ف'))
        .unwrap_or(m.clitics);
    let conj_ok = !coordinated || m.clitics.starts_with('و');
    let prefix_ok = match &slot.prefix {
        Some(p) => clitics == p || (coordinated && clitics.is_empty()),
        None => clitics.is_empty(),
    };
    let wants_city = slot.types.contains(&SlotType::Entity(Kind::City));
    let type_ok = slot.types.iter().any(|t| match t {
        SlotType::Adj => m.adj || m.adj_form,
        SlotType::Pair => m.pair,
        SlotType::Entity(k) => {
            !m.adj
                && !m.pair
                && (m.kind == *k || (*k == Kind::Country && m.government && !wants_city))
        }
    });
    conj_ok && prefix_ok && type_ok
}

impl<'s, 'a, 'r> State<'s, 'a, 'r> {
    /// A gap of `lo..=hi` items from `pos`, then `rest`: its ends are tried nearest first.
    ///
    /// A gap steps over words and punctuation, and over a mention only when it is a
    /// nationality adjective (a modifier) or a place after في or with a glued ب (an
    /// adverbial). An aside between commas or quotation marks, of at most [`ASIDE_MAX`]
    /// items with no person in it (التقى X، مساء الجمعة في الكرملين، Y), costs only its
    /// two marks.
    fn gap(
        &mut self,
        rest: &'r [Elem],
        pos: usize,
        lo: usize,
        hi: usize,
        k: Cont<'_, 's, 'a, 'r>,
    ) -> bool {
        let limit = (hi + ASIDE_MAX + 2).min(self.items.len().saturating_sub(pos));
        // Fewest items spent to reach each end; an end is final once the walk gets there.
        let mut cost: SmallVec<[usize; 48]> = smallvec::smallvec![usize::MAX; limit + 1];
        cost[0] = 0;
        let mut reach = 0;
        for d in 0..=limit {
            if d > reach {
                break;
            }
            let c = cost[d];
            if c == usize::MAX {
                continue;
            }
            if c >= lo {
                self.gaps.push((pos, pos + d));
                if self.seq(rest, pos + d, k) {
                    return true;
                }
                self.gaps.pop();
            }
            if c >= hi || d == limit {
                continue;
            }
            let p = pos + d;
            if self.skippable(p, pos) {
                cost[d + 1] = cost[d + 1].min(c + 1);
                reach = reach.max(d + 1);
            }
            if c + 2 <= hi
                && let Some(close) = self.aside_end(p)
                && close - pos < limit
            {
                let after = close + 1 - pos;
                cost[after] = cost[after].min(c + 2);
                reach = reach.max(after);
            }
        }
        false
    }

    /// True when a gap that started at `start` may step over the item at `p`.
    fn skippable(&self, p: usize, start: usize) -> bool {
        let Some(Item::Mention(m)) = self.items.get(p) else {
            return true;
        };
        let after_in = p > start && matches!(self.items.get(p - 1), Some(Item::Word("في" | "وفي")));
        let place = matches!(m.kind, Kind::City | Kind::Country | Kind::Region);
        m.adj || place && (after_in || m.clitics.ends_with('ب'))
    }

    /// The closing mark of an aside opened at `p` by a comma or a quotation mark (a name:
    /// المناورات المشتركة «الحزام الأمني البحري» بين): at most [`ASIDE_MAX`] items, none
    /// of them a person or a pair of countries.
    fn aside_end(&self, p: usize) -> Option<usize> {
        let close = match self.items.get(p) {
            Some(Item::Punct("،" | ",")) => ["،", ","],
            Some(Item::Punct("\"")) => ["\"", "\""],
            _ => return None,
        };
        for q in p + 1..self.items.len().min(p + ASIDE_MAX + 2) {
            match &self.items[q] {
                Item::Punct(c) if close.contains(c) => return (q > p + 1).then_some(q),
                Item::Mention(m) if m.kind == Kind::Person || m.pair => return None,
                _ => {}
            }
        }
        None
    }

    fn seq(&mut self, pat: &'r [Elem], pos: usize, k: Cont<'_, 's, 'a, 'r>) -> bool {
        let Some((first, rest)) = pat.split_first() else {
            return k(pos, self);
        };
        match first {
            Elem::Lit(words) => {
                let ok = matches!(self.items.get(pos), Some(Item::Word(w)) if words.matches(w));
                if !ok {
                    return false;
                }
                self.literals.push(pos);
                if self.seq(rest, pos + 1, k) {
                    return true;
                }
                self.literals.pop();
                false
            }
            Elem::Slot(slot) if slot.source != SlotSource::Text => {
                self.bindings
                    .push((&slot.name, Binding::Context(slot.source, &slot.types)));
                if self.seq(rest, pos, k) {
                    return true;
                }
                self.bindings.pop();
                false
            }
            Elem::Slot(slot) => {
                let Some(Item::Mention(m)) = self.items.get(pos) else {
                    return false;
                };
                if !slot_accepts(slot, m, false) {
                    return false;
                }
                let mut taken = smallvec::smallvec![pos];
                let mut p = pos + 1;
                while slot.many && p < self.items.len() {
                    match (self.items.get(p), self.items.get(p + 1)) {
                        (Some(Item::Mention(m)), _) if slot_accepts(slot, m, true) => {
                            taken.push(p);
                            p += 1;
                        }
                        (
                            Some(Item::Word("و")) | Some(Item::Punct("،" | ",")),
                            Some(Item::Mention(m)),
                        ) if slot_accepts(
                            slot,
                            &MentionView {
                                clitics: "و", ..*m
                            },
                            true,
                        ) && m.clitics.is_empty() =>
                        {
                            taken.push(p + 1);
                            p += 2;
                        }
                        // «A، وB»: a comma before the conjunction.
                        (Some(Item::Punct("،" | ",")), Some(Item::Mention(m)))
                            if m.clitics.starts_with('و') && slot_accepts(slot, m, true) =>
                        {
                            taken.push(p + 1);
                            p += 2;
                        }
                        _ => break,
                    }
                }
                self.bindings.push((&slot.name, Binding::Items(taken)));
                if self.seq(rest, p, k) {
                    return true;
                }
                self.bindings.pop();
                false
            }
            Elem::Gap(lo, hi) => self.gap(rest, pos, *lo, *hi, k),
            Elem::Alt(alts) => {
                for alt in alts {
                    if self.seq(alt, pos, &mut |p, st: &mut State<'s, 'a, 'r>| {
                        st.seq(rest, p, k)
                    }) {
                        return true;
                    }
                }
                false
            }
            Elem::Opt(inner) => {
                if self.seq(
                    std::slice::from_ref(inner.as_ref()),
                    pos,
                    &mut |p, st: &mut State<'s, 'a, 'r>| st.seq(rest, p, k),
                ) {
                    return true;
                }
                self.seq(rest, pos, k)
            }
            Elem::Not(inner) => {
                let kept = (self.bindings.len(), self.literals.len(), self.gaps.len());
                let found = self.seq(std::slice::from_ref(inner.as_ref()), pos, &mut |_, _| true);
                self.bindings.truncate(kept.0);
                self.literals.truncate(kept.1);
                self.gaps.truncate(kept.2);
                !found && self.seq(rest, pos, k)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::syntax::parse_rules;
    use std::collections::HashMap;
    use std::path::Path;

    fn person() -> Item<'static> {
        Item::Mention(MentionView {
            kind: Kind::Person,
            adj: false,
            adj_form: false,
            pair: false,
            government: false,
            clitics: "",
        })
    }
    fn country(clitics: &'static str) -> Item<'static> {
        Item::Mention(MentionView {
            kind: Kind::Country,
            adj: false,
            adj_form: false,
            pair: false,
            government: false,
            clitics,
        })
    }

    fn compile(src: &str) -> Compiled {
        Compiled::new(parse_rules(Path::new("t"), src, &mut HashMap::new()).unwrap())
    }

    #[test]
    fn matches_trigger_slots_and_coordination() {
        let c = compile(
            "rule v\n  match (زار | يتوجه) {s:Person} الي? {o:Country+}\n  emit s visits o\n",
        );
        let items = [
            Item::Word("ويتوجه"),
            person(),
            Item::Word("الي"),
            country(""),
            country("و"),
            Item::Punct("."),
        ];
        let m = c.find(&items);
        assert_eq!(m.len(), 1);
        assert_eq!(
            m[0].bindings[1],
            ("o", Binding::Items(smallvec::smallvec![3, 4]))
        );
        assert_eq!((m[0].start, m[0].end), (0, 5));
    }

    #[test]
    fn prefixes_gaps_and_context_slots() {
        let c = compile(
            "rule d\n  match دعما ..{0,2} ل{o:Country} {s:Country <}\n  emit s supports o\n",
        );
        let items = [
            country(""),
            Item::Word("دعما"),
            Item::Word("ماليا"),
            country("ل"),
        ];
        let m = c.find(&items);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].gaps, vec![2]);
        assert!(matches!(
            m[0].bindings[1].1,
            Binding::Context(SlotSource::Before, _)
        ));
        let wrong = [Item::Word("دعما"), country("")];
        assert!(c.find(&wrong).is_empty());
    }

    #[test]
    fn an_alternation_of_sequences_is_indexed_by_the_words_that_open_them() {
        let c = compile(
            "rule a\n  match (لإجراء ..{0,2} مع {o:Person} | للقاء {o:Person}) {s:Person <}\n  emit s meetsWith o\n\
             rule b\n  match ({o:Person} قال | قال {o:Person}) {s:Person <}\n  emit s meetsWith o\n\
             rule c\n  match ({o:Person} | ل{o:Country}) قال\n  emit o meetsWith o\n",
        );
        assert_eq!(c.untriggered, Vec::<usize>::new());
        assert_eq!(c.lookback, [(0, 0), (0, 1), (1, 1)]);
        let mut keys: Vec<&str> = c
            .words
            .iter()
            .filter(|(_, os)| os.iter().any(|o| o.trigger))
            .map(|(w, _)| w.as_str())
            .collect();
        keys.sort();
        assert_eq!(keys, ["قال", "لاجراء", "للقاء"]);
        let items = [
            person(),
            Item::Word("ولاجراء"),
            Item::Word("محادثات"),
            Item::Word("مع"),
            person(),
        ];
        let m = c.find(&items);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].rule, m[0].start, m[0].end), (0, 1, 5));
    }

    #[test]
    fn a_negated_element_fails_the_match_where_it_would_match_and_covers_nothing() {
        let c = compile(
            "rule e\n  match التقى {o:Person} !(..{0,1} {x:Person}) {s:Person <}\n  emit s meetsWith o\n",
        );
        // Verb, object, and the subject from context: a match ending at the object.
        let elliptic = [person(), Item::Word("التقي"), person(), Item::Punct(".")];
        let m = c.find(&elliptic);
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].start, m[0].end), (1, 3));
        assert!(m[0].gaps.is_empty() && m[0].bindings.iter().all(|(n, _)| *n != "x"));
        // Verb, subject, object: a second person right after (or one word on) fails it.
        let vso = [Item::Word("التقي"), person(), person()];
        assert!(c.find(&vso).is_empty());
        let later = [Item::Word("التقي"), person(), Item::Word("غدا"), person()];
        assert!(c.find(&later).is_empty());
        // Errors name what is wrong.
        for bad in ["التقى !", "التقى !{x:Person}? {o:Person}", "(التقى | !)"] {
            let src = format!("rule e\n  match {bad} {{o:Person}}\n  emit o meetsWith o\n");
            assert!(
                parse_rules(Path::new("t"), &src, &mut HashMap::new()).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_comma_bracketed_aside_costs_its_two_commas_unless_a_person_is_in_it() {
        let c =
            compile("rule m\n  match التقى {s:Person} ..{0,3} {o:Person}\n  emit s meetsWith o\n");
        let aside = |inside: Item<'static>| {
            vec![
                Item::Word("التقي"),
                person(),
                Item::Punct("،"),
                Item::Word("مساء"),
                Item::Word("الجمعه"),
                Item::Word("قرب"),
                inside,
                Item::Punct("،"),
                person(),
            ]
        };
        let m = c.find(&aside(country("")));
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].gaps, vec![2, 3, 4, 5, 6, 7]);
        assert!(c.find(&aside(person())).is_empty());
        // Quotation marks bracket an aside too (the name of an exercise).
        let mut quoted = aside(Item::Word("البحري"));
        quoted[2] = Item::Punct("\"");
        quoted[7] = Item::Punct("\"");
        assert_eq!(c.find(&quoted).len(), 1);
        // Without its closing comma the aside is words, and too many of them.
        let mut open = aside(Item::Word("الكرملين"));
        open[7] = Item::Word("و");
        assert!(c.find(&open).is_empty());
    }

    #[test]
    fn a_coordination_may_put_a_comma_before_its_conjunction() {
        let c = compile("rule v\n  match زار {s:Person+} {o:Country}\n  emit s visits o\n");
        let mut with_and = person();
        if let Item::Mention(m) = &mut with_and {
            m.clitics = "و";
        }
        let items = [
            Item::Word("زار"),
            person(),
            Item::Punct("،"),
            with_and,
            country(""),
        ];
        let m = c.find(&items);
        assert_eq!(m.len(), 1);
        assert_eq!(
            m[0].bindings[0],
            ("s", Binding::Items(smallvec::smallvec![1, 3]))
        );
    }

    #[test]
    fn a_rule_is_tried_only_where_each_required_word_list_has_a_word() {
        let c = compile(
            "rule d\n  match وصل {s:Person} (الى | إلى)? {o:Country} (على رأس)? وفد\n  emit s visits o\n",
        );
        // وصل and وفد are required; إلى and على رأس are optional and must not be.
        assert_eq!(c.required, [0b11]);
        let with = [Item::Word("وصل"), person(), country(""), Item::Word("وفد")];
        assert_eq!(c.find(&with).len(), 1);
        let without = [Item::Word("وصل"), person(), country(""), Item::Word("امس")];
        assert!(c.find(&without).is_empty());
    }

    #[test]
    fn gaps_do_not_skip_mentions() {
        let c = compile("rule g\n  match فرض ..{0,3} {o:Country}\n  emit o sanctioned o\n");
        let items = [Item::Word("فرض"), person(), country("")];
        assert!(c.find(&items).is_empty());
    }
}
