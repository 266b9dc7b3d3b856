//! The rule language: parsing `ontology/rules/*.rules` files.
//!
//! ```text
//! # a comment
//! list VISIT_PAST: زار | زارت | قام بزيارة
//!
//! rule visits.verb_first
//!   match    @VISIT_PAST {s:Person|Country} إلى? {o:Country|City+}
//!   emit     s visits o
//!   modality asserted
//!   priority 5
//!   expect   زار الرئيس التركي رجب طيب أردوغان روسيا => Recep_Tayyip_Erdogan visits Russia asserted
//!   reject   لم يزر الرئيس التركي رجب طيب أردوغان روسيا
//! ```
//!
//! Pattern elements: a word (matched after folding, with an optional و/ف in front),
//! `word*` (prefix) and `*word` (suffix), `@LIST`, `(a | b c | d)` alternatives of
//! sequences, `elem?` optional, `..{m,n}` a gap of m to n items (`..` = `..{0,3}`),
//! and slots `{name:Type|Type}` capturing an entity mention. A slot may require a
//! preposition glued to the name (`ل{o:Country}`), accept coordinated names
//! (`{o:Country+}`: روسيا وبيلاروس), or be filled from context instead of the text
//! (`{s:Person <}` nearest before the match, `>` after it, `<>` either). Types:
//! Person, Country, City, Region, Organization, Event, Adj (a nationality adjective,
//! standing for its country) and Pair (البلدين: the two countries last in focus;
//! emit `x.1` and `x.2`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A parse error, with the place and what was expected.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct SyntaxError {
    /// The rule file.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What was wrong and what was expected.
    pub message: String,
}

/// What a slot accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlotType {
    /// An entity of this kind.
    Entity(crate::lexicon::Kind),
    /// A nationality adjective, standing for its country.
    Adj,
    /// Two countries referred to together (البلدين).
    Pair,
}

/// Where a slot's filler comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotSource {
    /// The mention at this point of the pattern.
    Text,
    /// The nearest suitable mention before the match (then earlier sentences).
    Before,
    /// The nearest suitable mention after the match.
    After,
    /// Before, else after.
    Around,
}

/// A slot: captures an entity mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// Capture name used by `emit`.
    pub name: String,
    /// Accepted types.
    pub types: Vec<SlotType>,
    /// Preposition that must be glued to the mention (`ل`, `ب`), if any.
    pub prefix: Option<String>,
    /// Accept a coordination of several mentions (`A وB وC`).
    pub many: bool,
    /// Where the filler comes from.
    pub source: SlotSource,
}

/// One word of a literal: exact, prefix or suffix.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Word {
    /// The folded word exactly.
    Exact(String),
    /// Any word starting with this.
    Prefix(String),
    /// Any word ending with this.
    Suffix(String),
}

/// A set of rule words, with the exact ones hashed for matching.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WordSet {
    exact: rustc_hash::FxHashSet<String>,
    patterns: Vec<Word>,
}

impl WordSet {
    /// Indexes words.
    pub fn new(words: Vec<Word>) -> WordSet {
        let mut set = WordSet::default();
        for w in words {
            match w {
                Word::Exact(x) => {
                    set.exact.insert(x);
                }
                other => set.patterns.push(other),
            }
        }
        set
    }

    /// Adds the words of another set.
    pub fn extend(&mut self, other: &WordSet) {
        self.exact.extend(other.exact.iter().cloned());
        self.patterns.extend(other.patterns.iter().cloned());
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.exact.len() + self.patterns.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The exact words, when there are no prefix or suffix patterns.
    pub fn only_exact(&self) -> Option<impl Iterator<Item = &String>> {
        self.patterns.is_empty().then(|| self.exact.iter())
    }

    /// True when a folded word matches one of the words, allowing a leading و or ف.
    pub fn matches(&self, w: &str) -> bool {
        let conj = w
            .strip_prefix('و')
            .or_else(|| w.strip_prefix('ف'))
            .filter(|r| r.chars().count() >= 2);
        self.exact.contains(w)
            || conj.is_some_and(|r| self.exact.contains(r))
            || self
                .patterns
                .iter()
                .any(|p| super::engine::word_matches(p, w))
    }
}

/// An element of a pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Elem {
    /// One of these words.
    Lit(WordSet),
    /// An entity slot.
    Slot(Slot),
    /// Skip between `min` and `max` items.
    Gap(usize, usize),
    /// One of several sequences.
    Alt(Vec<Vec<Elem>>),
    /// The element or nothing.
    Opt(Box<Elem>),
    /// Not this element here: covers no item, fails where the element would match
    /// (`!{x:Person}` after an elliptic verb's object: no second person follows).
    Not(Box<Elem>),
}

/// A fact template: `subject predicate object`, naming captures (`x.1`, `x.2` for pairs).
#[derive(Debug, Clone, PartialEq)]
pub struct Emit {
    /// Subject capture.
    pub subject: String,
    /// Core property local name.
    pub predicate: String,
    /// Object capture.
    pub object: String,
}

/// The modality a rule gives its facts before cues are looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// It happened or holds.
    Asserted,
    /// It is announced, intended or scheduled.
    Planned,
    /// Attributed to unnamed sources or hedged.
    Reported,
    /// It did not happen (never emitted as a fact).
    Negated,
}

impl Modality {
    /// Lower-case name.
    pub fn name(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Reported => "reported",
            Modality::Negated => "negated",
        }
    }

    /// Parses a lower-case name.
    pub fn parse(s: &str) -> Option<Modality> {
        Some(match s {
            "asserted" => Modality::Asserted,
            "planned" => Modality::Planned,
            "reported" => Modality::Reported,
            "negated" => Modality::Negated,
            _ => return None,
        })
    }
}

/// An inline example: a sentence and the facts it must (or must not) give. Entities
/// are IRI local names or `ar:` + the Arabic label with `_` for spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Where it is written.
    pub line: usize,
    /// The sentence.
    pub text: String,
    /// Expected facts `(subject, predicate, object, modality)`; empty for `reject`.
    pub facts: Vec<(String, String, String, Option<Modality>)>,
}

/// One parsed rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Unique id (`visits.verb_first`).
    pub id: String,
    /// File and line where the rule starts.
    pub file: PathBuf,
    /// 1-based line of `rule`.
    pub line: usize,
    /// The pattern.
    pub pattern: Vec<Elem>,
    /// Fact templates.
    pub emits: Vec<Emit>,
    /// Base modality.
    pub modality: Modality,
    /// Higher wins when two rules give the same fact in one sentence.
    pub priority: i32,
    /// Inline examples that must give facts.
    pub expect: Vec<Example>,
    /// Inline examples that must give none of this rule's predicates.
    pub reject: Vec<Example>,
}

/// Everything read from rule files: word lists and rules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleFile {
    /// Named word lists, folded.
    pub lists: HashMap<String, Vec<Word>>,
    /// Rules, in file order.
    pub rules: Vec<Rule>,
}

struct Cursor<'a> {
    file: &'a Path,
    line: usize,
    chars: Vec<char>,
    pos: usize,
    col0: usize,
}

impl Cursor<'_> {
    fn err(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            file: self.file.to_path_buf(),
            line: self.line,
            column: self.col0 + self.pos + 1,
            message: message.into(),
        }
    }
    fn skip_ws(&mut self) {
        while self.pos < self.chars.len() && self.chars[self.pos].is_whitespace() {
            self.pos += 1;
        }
    }
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn word(&mut self) -> String {
        let b = self.pos;
        while let Some(c) = self.peek() {
            if c.is_whitespace() || "(){}|?@".contains(c) {
                break;
            }
            self.pos += 1;
        }
        self.chars[b..self.pos].iter().collect()
    }
}

fn parse_word(raw: &str) -> Word {
    if let Some(p) = raw.strip_suffix('*') {
        Word::Prefix(crate::text::fold(p))
    } else if let Some(s) = raw.strip_prefix('*') {
        Word::Suffix(crate::text::fold(s))
    } else {
        Word::Exact(crate::text::fold(raw))
    }
}

fn parse_slot(c: &mut Cursor, prefix: Option<String>) -> Result<Elem, SyntaxError> {
    let body_start = c.pos;
    let mut body = String::new();
    loop {
        match c.peek() {
            None => return Err(c.err("unclosed slot: expected `}`")),
            Some('}') => {
                c.pos += 1;
                break;
            }
            Some(ch) => {
                body.push(ch);
                c.pos += 1;
            }
        }
    }
    let at = |c: &Cursor, msg: String| SyntaxError {
        column: c.col0 + body_start + 1,
        ..c.err(msg)
    };
    let (name, rest) = body
        .split_once(':')
        .ok_or_else(|| at(c, "slot needs a name and types: `{name:Type}`".into()))?;
    let name = name.trim().to_string();
    if name.is_empty() || !name.chars().all(|ch| ch.is_alphanumeric() || ch == '_') {
        return Err(at(
            c,
            format!("slot name `{name}` must be letters, digits or `_`"),
        ));
    }
    let mut rest = rest.trim().to_string();
    let mut source = SlotSource::Text;
    for (suffix, s) in [
        ("<>", SlotSource::Around),
        ("<", SlotSource::Before),
        (">", SlotSource::After),
    ] {
        if let Some(r) = rest.strip_suffix(suffix) {
            rest = r.trim().to_string();
            source = s;
            break;
        }
    }
    let many = rest.ends_with('+');
    let rest = rest.trim_end_matches('+');
    let mut types = Vec::new();
    for t in rest.split('|') {
        let t = t.trim();
        types.push(match t {
            "Adj" => SlotType::Adj,
            "Pair" => SlotType::Pair,
            other => SlotType::Entity(crate::lexicon::Kind::parse(other).ok_or_else(|| {
                at(c, format!("unknown slot type `{other}`: expected Person, Country, City, Region, Organization, Event, Adj or Pair"))
            })?),
        });
    }
    Ok(Elem::Slot(Slot {
        name,
        types,
        prefix,
        many,
        source,
    }))
}

fn parse_seq(
    c: &mut Cursor,
    lists: &HashMap<String, Vec<Word>>,
    in_group: bool,
) -> Result<Vec<Vec<Elem>>, SyntaxError> {
    let mut alts = vec![Vec::new()];
    let mut negate = false;
    loop {
        c.skip_ws();
        if negate && matches!(c.peek(), None | Some(')' | '|' | '?' | '!')) {
            return Err(c.err("`!` must precede an element, as in `!{x:Person}`"));
        }
        let Some(ch) = c.peek() else {
            if in_group {
                return Err(c.err("unclosed group: expected `)`"));
            }
            break;
        };
        let elem = match ch {
            ')' if in_group => {
                c.pos += 1;
                break;
            }
            ')' => return Err(c.err("unexpected `)`")),
            '|' if in_group => {
                c.pos += 1;
                alts.push(Vec::new());
                continue;
            }
            '|' => return Err(c.err("`|` outside a group: write `(a | b)`")),
            '(' => {
                c.pos += 1;
                let alts = parse_seq(c, lists, true)?;
                // (a | b | @LIST) of single words is one literal: it can index the rule.
                if alts.iter().all(|a| matches!(a.as_slice(), [Elem::Lit(_)])) {
                    let mut merged = WordSet::default();
                    for a in &alts {
                        if let [Elem::Lit(ws)] = a.as_slice() {
                            merged.extend(ws);
                        }
                    }
                    Elem::Lit(merged)
                } else {
                    Elem::Alt(alts)
                }
            }
            '{' => {
                c.pos += 1;
                parse_slot(c, None)?
            }
            '@' => {
                c.pos += 1;
                let at = c.pos;
                let name = c.word();
                match lists.get(&name) {
                    Some(words) => Elem::Lit(WordSet::new(words.clone())),
                    None => {
                        c.pos = at;
                        return Err(c.err(format!("unknown list `@{name}`: define it with `list {name}: ...` before this rule")));
                    }
                }
            }
            '?' => return Err(c.err("`?` must follow an element")),
            '!' => {
                c.pos += 1;
                negate = true;
                continue;
            }
            _ if c.chars[c.pos..].starts_with(&['.', '.']) => {
                c.pos += 2;
                if c.eat('{') {
                    let b = c.pos;
                    while c.peek().is_some_and(|x| x != '}') {
                        c.pos += 1;
                    }
                    let inner: String = c.chars[b..c.pos].iter().collect();
                    if !c.eat('}') {
                        return Err(c.err("unclosed gap: expected `}` as in `..{0,3}`"));
                    }
                    let (lo, hi) = inner
                        .split_once(',')
                        .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
                        .filter(|(a, b): &(usize, usize)| a <= b && *b <= 30)
                        .ok_or_else(|| {
                            c.err("gap bounds: expected `..{min,max}` with min <= max <= 30")
                        })?;
                    Elem::Gap(lo, hi)
                } else {
                    Elem::Gap(0, 3)
                }
            }
            _ => {
                let w = c.word();
                if c.peek() == Some('{') {
                    c.pos += 1;
                    parse_slot(c, Some(crate::text::fold(&w)))?
                } else {
                    Elem::Lit(WordSet::new(vec![parse_word(&w)]))
                }
            }
        };
        let elem = if negate {
            if c.peek() == Some('?') {
                return Err(c.err("`!x?` never fails: drop the `?`"));
            }
            negate = false;
            Elem::Not(Box::new(elem))
        } else if c.eat('?') {
            Elem::Opt(Box::new(elem))
        } else {
            elem
        };
        alts.last_mut()
            .expect("at least one alternative")
            .push(elem);
    }
    if alts.iter().any(Vec::is_empty) {
        return Err(c.err("empty alternative: every `|` needs something on both sides"));
    }
    Ok(alts)
}

/// Parses a pattern (the text after `match`).
pub fn parse_pattern(
    file: &Path,
    line: usize,
    col0: usize,
    text: &str,
    lists: &HashMap<String, Vec<Word>>,
) -> Result<Vec<Elem>, SyntaxError> {
    let mut c = Cursor {
        file,
        line,
        chars: text.chars().collect(),
        pos: 0,
        col0,
    };
    let mut alts = parse_seq(&mut c, lists, false)?;
    if alts.len() != 1 {
        return Err(c.err("unexpected `|` at top level"));
    }
    Ok(alts.remove(0))
}

fn parse_fact(
    file: &Path,
    line: usize,
    col: usize,
    text: &str,
) -> Result<(String, String, String, Option<Modality>), SyntaxError> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let err = |m: &str| SyntaxError {
        file: file.to_path_buf(),
        line,
        column: col,
        message: m.into(),
    };
    match parts.as_slice() {
        [s, p, o] => Ok((s.to_string(), p.to_string(), o.to_string(), None)),
        [s, p, o, m] => Ok((
            s.to_string(),
            p.to_string(),
            o.to_string(),
            Some(
                Modality::parse(m)
                    .ok_or_else(|| err("modality must be asserted, planned or reported"))?,
            ),
        )),
        _ => Err(err("expected a fact `subject predicate object [modality]`")),
    }
}

/// Parses one rule file's text; `lists` holds lists defined in earlier files.
pub fn parse_rules(
    file: &Path,
    text: &str,
    lists: &mut HashMap<String, Vec<Word>>,
) -> Result<Vec<Rule>, SyntaxError> {
    let mut rules: Vec<Rule> = Vec::new();
    let mut open: Option<Rule> = None;
    let mut last_list: Option<String> = None;
    let err = |line: usize, column: usize, m: String| SyntaxError {
        file: file.to_path_buf(),
        line,
        column,
        message: m,
    };
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = raw.split_once(" #").map_or(raw, |(a, _)| a);
        let trimmed = content.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = content.chars().take_while(|c| c.is_whitespace()).count();
        let (key, rest) = trimmed
            .split_once(char::is_whitespace)
            .unwrap_or((trimmed, ""));
        let rest_col = indent
            + key.chars().count()
            + 1
            + (rest.chars().count() - rest.trim_start().chars().count())
            + 1;
        let rest = rest.trim();
        if indent == 0 {
            if let Some(r) = open.take() {
                rules.push(r);
            }
            last_list = None;
            match key {
                "list" => {
                    let (name, words) = rest.split_once(':').ok_or_else(|| {
                        err(
                            line,
                            rest_col,
                            "expected `list NAME: word | word ...`".into(),
                        )
                    })?;
                    let name = name.trim().to_string();
                    if name.is_empty()
                        || !name
                            .chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                    {
                        return Err(err(
                            line,
                            rest_col,
                            format!("list name `{name}` must be UPPER_CASE"),
                        ));
                    }
                    let words: Vec<Word> = words
                        .split('|')
                        .map(str::trim)
                        .filter(|w| !w.is_empty())
                        .map(parse_word)
                        .collect();
                    lists.insert(name.clone(), words);
                    last_list = Some(name);
                }
                "rule" => {
                    if rest.is_empty() || rest.contains(char::is_whitespace) {
                        return Err(err(
                            line,
                            rest_col,
                            "expected `rule ID` with an id such as `visits.verb_first`".into(),
                        ));
                    }
                    if rules.iter().any(|r| r.id == rest) {
                        return Err(err(
                            line,
                            rest_col,
                            format!("rule `{rest}` is defined twice"),
                        ));
                    }
                    open = Some(Rule {
                        id: rest.to_string(),
                        file: file.to_path_buf(),
                        line,
                        pattern: vec![],
                        emits: vec![],
                        modality: Modality::Asserted,
                        priority: 0,
                        expect: vec![],
                        reject: vec![],
                    });
                }
                _ => {
                    return Err(err(
                        line,
                        1,
                        format!(
                            "unexpected `{key}`: expected `list` or `rule` at the start of a line"
                        ),
                    ));
                }
            }
            continue;
        }
        if key == "|" {
            let name = last_list.clone().ok_or_else(|| {
                err(
                    line,
                    indent + 1,
                    "a `|` continuation line must follow a `list` line".into(),
                )
            })?;
            let more = rest
                .split('|')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(parse_word);
            lists.get_mut(&name).expect("list exists").extend(more);
            continue;
        }
        let Some(rule) = open.as_mut() else {
            return Err(err(
                line,
                indent + 1,
                "indented line outside a rule: start a rule with `rule ID`".into(),
            ));
        };
        match key {
            "match" => rule.pattern = parse_pattern(file, line, rest_col - 1, rest, lists)?,
            "emit" => {
                for part in rest.split(';') {
                    let w: Vec<&str> = part.split_whitespace().collect();
                    let [s, p, o] = w.as_slice() else {
                        return Err(err(
                            line,
                            rest_col,
                            "expected `emit subject predicate object`".into(),
                        ));
                    };
                    rule.emits.push(Emit {
                        subject: s.to_string(),
                        predicate: p.to_string(),
                        object: o.to_string(),
                    });
                }
            }
            "modality" => {
                rule.modality = Modality::parse(rest)
                    .filter(|m| *m != Modality::Negated)
                    .ok_or_else(|| {
                        err(
                            line,
                            rest_col,
                            "expected `modality asserted|planned|reported`".into(),
                        )
                    })?
            }
            "priority" => {
                rule.priority = rest.parse().map_err(|_| {
                    err(
                        line,
                        rest_col,
                        "expected `priority N` with an integer N".into(),
                    )
                })?
            }
            "expect" => {
                let (sent, facts) = rest.split_once("=>").ok_or_else(|| {
                    err(
                        line,
                        rest_col,
                        "expected `expect SENTENCE => s p o [modality]; ...` or `=> nothing`"
                            .into(),
                    )
                })?;
                if facts.trim() == "nothing" {
                    rule.reject.push(Example {
                        line,
                        text: sent.trim().to_string(),
                        facts: vec![],
                    });
                    continue;
                }
                let facts = facts
                    .split(';')
                    .map(|f| parse_fact(file, line, rest_col, f))
                    .collect::<Result<Vec<_>, _>>()?;
                rule.expect.push(Example {
                    line,
                    text: sent.trim().to_string(),
                    facts,
                });
            }
            "reject" => rule.reject.push(Example {
                line,
                text: rest.to_string(),
                facts: vec![],
            }),
            "note" => {}
            other => {
                return Err(err(
                    line,
                    indent + 1,
                    format!(
                        "unknown key `{other}`: expected match, emit, modality, priority, expect, reject or note"
                    ),
                ));
            }
        }
    }
    if let Some(r) = open.take() {
        rules.push(r);
    }
    for r in &rules {
        if r.pattern.is_empty() {
            return Err(err(
                r.line,
                1,
                format!("rule `{}` has no `match` line", r.id),
            ));
        }
        if r.emits.is_empty() && !r.id.starts_with("block.") {
            return Err(err(
                r.line,
                1,
                format!("rule `{}` has no `emit` line", r.id),
            ));
        }
        let names = slot_names(&r.pattern);
        for e in &r.emits {
            for cap in [&e.subject, &e.object] {
                let base = cap.split('.').next().unwrap_or(cap);
                if !names.iter().any(|n| n == base) {
                    return Err(err(
                        r.line,
                        1,
                        format!(
                            "rule `{}` emits `{cap}` but its pattern has no slot `{base}`",
                            r.id
                        ),
                    ));
                }
            }
        }
    }
    Ok(rules)
}

/// Names of all slots in a pattern.
pub fn slot_names(p: &[Elem]) -> Vec<String> {
    let mut out = Vec::new();
    for e in p {
        match e {
            Elem::Slot(s) => out.push(s.name.clone()),
            Elem::Alt(alts) => alts.iter().for_each(|a| out.extend(slot_names(a))),
            Elem::Opt(inner) => out.extend(slot_names(std::slice::from_ref(inner))),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Rule>, SyntaxError> {
        parse_rules(Path::new("t.rules"), text, &mut HashMap::new())
    }

    #[test]
    fn parses_a_rule_with_lists_slots_gaps_and_examples() {
        let rules = parse(
            "list V: زار | زارت\n  | يزور\nrule r.one\n  match @V {s:Person} ..{0,2} إلى? ل{o:Country|City+}\n  emit s visits o\n  modality planned\n  expect زار بوتين الصين => Vladimir_Putin visits China\n",
        )
        .unwrap();
        assert_eq!(rules.len(), 1);
        let r = &rules[0];
        assert_eq!(r.pattern.len(), 5);
        assert!(matches!(&r.pattern[0], Elem::Lit(w) if w.len() == 3 && w.matches("يزور")));
        assert!(matches!(&r.pattern[2], Elem::Gap(0, 2)));
        assert!(
            matches!(&r.pattern[4], Elem::Slot(s) if s.many && s.prefix.as_deref() == Some("ل"))
        );
        assert_eq!(r.modality, Modality::Planned);
        assert_eq!(r.expect[0].facts[0].2, "China");
    }

    #[test]
    fn errors_give_line_column_and_expectation() {
        let e = parse("rule a\n  match زار {s:Persn}\n  emit s visits s\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 14), "{e}");
        assert!(e.message.contains("expected Person"), "{e}");
        let e = parse("rule a\n  match زار (ب | \n").unwrap_err();
        assert!(e.message.contains("expected `)`"), "{e}");
        let e = parse("rule a\n  match @NOPE\n").unwrap_err();
        assert!(e.to_string().starts_with("t.rules:2:10:"), "{e}");
        let e = parse("rule a\n  match زار {s:Person}\n  emit s visits o\n").unwrap_err();
        assert!(e.message.contains("no slot `o`"), "{e}");
    }
}
