//! A seeded, deterministic generator of Arabic news-like articles for benchmarks and
//! scale tests. It draws countries, capitals, nationality adjectives and officials
//! from the lexicon, so every name is one isnad knows, and mixes fact sentences
//! (visits, meetings, calls, exercises, sanctions, alliances, support; asserted,
//! planned and negated) with filler (economy, weather, sport). The facts are random:
//! the corpus is synthetic.

use crate::lexicon::{EntityId, Kind, Lexicon};

use crate::graph::rng::SplitMix64;

/// The generator's random source, with the few draws the templates need.
struct Rng(SplitMix64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(SplitMix64::new(seed))
    }
    fn below(&mut self, n: usize) -> usize {
        self.0.below(n)
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

struct Country {
    name: String,
    adj: String,
    capital: String,
}

struct Person {
    name: String,
    title: String,
    country: usize,
}

/// The generator: tables drawn once from the lexicon.
pub struct Generator {
    countries: Vec<Country>,
    persons: Vec<Person>,
    rng: Rng,
}

const MONTHS: &[&str] = &[
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيو",
    "تموز/يوليو",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
];
const WHEN: &[&str] = &[
    "الأسبوع الماضي",
    "أمس",
    "يوم الأحد",
    "الثلاثاء",
    "الشهر الماضي",
];
const SOON: &[&str] = &["الأسبوع المقبل", "الشهر المقبل", "غدا", "خلال الأيام المقبلة"];
const FILLER: &[&str] = &[
    "ارتفع مؤشر البورصة الرئيسي في {C} بنسبة {N}% خلال تعاملات الأسبوع.",
    "توقعت هيئة الأرصاد الجوية أن تتراوح درجات الحرارة في {K} بين {N} و{M} درجة مئوية.",
    "وقال محلل اقتصادي إن \"الأسواق تحتاج إلى مزيد من الاستقرار\".",
    "تراجعت أسعار النفط بنسبة {N}% لتصل إلى {M} دولارا للبرميل.",
    "وشهدت العاصمة {K} أمطارا غزيرة أدت إلى إغلاق عدد من الطرق الرئيسية.",
    "وأشار التقرير إلى أن حجم التبادل التجاري بلغ {M} مليار دولار العام الماضي.",
    "وتأتي هذه التطورات في ظل توترات متزايدة تشهدها المنطقة منذ أشهر.",
    "ويشارك في المعرض أكثر من {M} شركة من {N} دولة.",
    "وانخفض معدل البطالة في {C} إلى {N}% في الربع الأخير من العام.",
    "وفاز المنتخب {A} على نظيره بنتيجة {N}-1 في مباراة ودية.",
];
const FACTS: &[&str] = &[
    "زار {P1} {C2} {WHEN} في إطار جولة إقليمية.",
    "وصل {P1} إلى {K2} {WHEN} في زيارة رسمية تستمر {N} أيام.",
    "يتوجه {P1} إلى {C2} {SOON}، حسبما أعلنت وزارته.",
    "ومن المقرر أن يزور {P1} {C2} {SOON}.",
    "وأعلن متحدث باسم الوزارة أن {P1} سيزور {C2} في الفترة من {N} إلى {M2} {MONTH}.",
    "ولم يزر {P1} {C2} منذ توليه منصبه.",
    "التقى {P1} نظيره {P2n} في {K1} {WHEN}.",
    "أجرى {P1} محادثات مع {P2} تناولت الأوضاع في المنطقة.",
    "تحدث {P1} هاتفيا مع {P2} {WHEN}.",
    "تلقى {P1} اتصالا هاتفيا من {P2} بحثا خلاله التطورات الإقليمية.",
    "أجرت {C1} و{C2} مناورات عسكرية مشتركة {WHEN}.",
    "فرضت {C1} عقوبات جديدة على {C2} {WHEN}.",
    "وامتنعت {C1} عن فرض عقوبات على {C2}.",
    "تعد {C1} و{C2} حليفتين استراتيجيتين.",
    "قدمت {C1} دعما دبلوماسيا وماليا لـ{C2} منذ بداية الأزمة.",
    "بدعوة من {P2}، يزور {P1} {C2} {SOON}.",
];

impl Generator {
    /// Tables from the lexicon: countries with an adjective and a capital, and persons
    /// with a title and a country among them.
    pub fn new(lex: &Lexicon, seed: u64) -> Generator {
        let mut countries = Vec::new();
        let mut index: std::collections::HashMap<EntityId, usize> = Default::default();
        for (i, e) in lex.entities().iter().enumerate() {
            let id = i as EntityId;
            if e.kind != Kind::Country || e.label_ar.contains(' ') {
                continue;
            }
            let (Some(adj), Some(cap)) = (lex.demonyms(id).first(), lex.capital_of_country(id))
            else {
                continue;
            };
            index.insert(id, countries.len());
            countries.push(Country {
                name: e.label_ar.clone(),
                adj: adj.clone(),
                capital: lex.entity(cap).label_ar.clone(),
            });
        }
        let persons = lex
            .entities()
            .iter()
            .filter(|e| e.kind == Kind::Person)
            .filter_map(|e| {
                Some(Person {
                    name: e.label_ar.clone(),
                    title: e.title.clone()?,
                    country: *index.get(&e.country?)?,
                })
            })
            .collect();
        Generator {
            countries,
            persons,
            rng: Rng::new(seed),
        }
    }

    fn fill(&mut self, template: &str, p1: usize, p2: usize, c1: usize, c2: usize) -> String {
        let mut out = String::with_capacity(template.len() * 2);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let end = start + rest[start..].find('}').expect("closed slot");
            let slot = &rest[start + 1..end];
            let text = match slot {
                "P1" | "P2" => {
                    let p = &self.persons[if slot == "P1" { p1 } else { p2 }];
                    if self.rng.chance(0.6) {
                        format!("{} {} {}", p.title, self.countries[p.country].adj, p.name)
                    } else {
                        p.name.clone()
                    }
                }
                "P2n" => {
                    let p = &self.persons[p2];
                    format!("{} {}", self.countries[p.country].adj, p.name)
                }
                "C1" => self.countries[c1].name.clone(),
                "C2" | "C" => self.countries[c2].name.clone(),
                "K1" => self.countries[c1].capital.clone(),
                "K2" | "K" => self.countries[c2].capital.clone(),
                "A" => self.countries[c1].adj.clone(),
                "WHEN" => self.rng.pick(WHEN).to_string(),
                "SOON" => self.rng.pick(SOON).to_string(),
                "MONTH" => self.rng.pick(MONTHS).to_string(),
                "N" => (2 + self.rng.below(8)).to_string(),
                "M" => (20 + self.rng.below(900)).to_string(),
                "M2" => (12 + self.rng.below(16)).to_string(),
                other => other.to_string(),
            };
            out.push_str(&text);
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        out
    }

    /// One article as a JSONL line (with its trailing newline).
    pub fn article(&mut self, index: usize) -> String {
        let n = 8 + self.rng.below(14);
        let mut paragraphs: Vec<String> = Vec::new();
        let mut para = String::new();
        for _ in 0..n {
            let p1 = self.rng.below(self.persons.len());
            let p2 = self.rng.below(self.persons.len());
            let c1 = self.persons[p1].country;
            let mut c2 = self.rng.below(self.countries.len());
            if c2 == c1 {
                c2 = (c2 + 1) % self.countries.len();
            }
            let template = if self.rng.chance(0.4) {
                *self.rng.pick(FACTS)
            } else {
                *self.rng.pick(FILLER)
            };
            let sentence = self.fill(
                template,
                p1,
                if p2 == p1 {
                    (p2 + 1) % self.persons.len()
                } else {
                    p2
                },
                c1,
                c2,
            );
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(&sentence);
            if self.rng.chance(0.35) {
                paragraphs.push(std::mem::take(&mut para));
            }
        }
        if !para.is_empty() {
            paragraphs.push(para);
        }
        let date = format!(
            "{}-{:02}-{:02}",
            2022 + self.rng.below(3),
            1 + self.rng.below(12),
            1 + self.rng.below(28)
        );
        let doc = serde_json::json!({"id": format!("gen-{index:07}"), "date": date, "text": paragraphs.join("\n")});
        format!("{doc}\n")
    }

    /// Writes articles until at least `bytes` bytes were written; returns the number of articles.
    pub fn write(&mut self, bytes: usize, out: &mut dyn std::io::Write) -> std::io::Result<usize> {
        let (mut written, mut i) = (0, 0);
        while written < bytes {
            let line = self.article(i);
            out.write_all(line.as_bytes())?;
            written += line.len();
            i += 1;
        }
        Ok(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_corpus() {
        let lex = Lexicon::load_dir(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/ontology/entities"
        )))
        .unwrap();
        let (mut a, mut b) = (Vec::new(), Vec::new());
        Generator::new(&lex, 7).write(20_000, &mut a).unwrap();
        Generator::new(&lex, 7).write(20_000, &mut b).unwrap();
        assert_eq!(a, b);
        let mut c = Vec::new();
        Generator::new(&lex, 8).write(20_000, &mut c).unwrap();
        assert_ne!(a, c);
        assert!(
            String::from_utf8(a)
                .unwrap()
                .lines()
                .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
        );
    }
}
