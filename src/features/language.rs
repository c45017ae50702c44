//! Which stoplist a page uses: the language hint, else the script (Chinese, Japanese, Korean,
//! Thai), else the shipped stoplist with the most hits in a bounded sample of the page's
//! prose, else the page's own most frequent words (language-neutral).

use crate::text::chars;
use crate::text::script::{Script, ends_sentence, ideographic, script, unspaced};
use crate::util::hash::{FxHashMap, FxHashSet};

use crate::features::vocab::{self, Stoplist};
use crate::segment::Segment;

/// The stopwords used for one page.
#[derive(Debug)]
pub(crate) enum Stops {
    /// A shipped stoplist.
    List(&'static Stoplist),
    /// The most frequent words of the page itself, for languages the crate has no list for.
    Page(FxHashSet<String>),
}

impl Stops {
    /// Whether `word` (lower-cased) counts as a stopword.
    pub fn contains(&self, word: &str) -> bool {
        match self {
            Stops::List(l) => l.contains(word),
            Stops::Page(s) => s.contains(word),
        }
    }

    /// Stopwords in one whitespace-free token (lower-cased): 0 or 1 for spaced scripts; in
    /// scripts without spaces, where a token is a whole phrase, the stopwords found by a
    /// greedy longest match from the left.
    pub fn count(&self, token: &str) -> usize {
        if token.is_ascii() || !token.chars().any(unspaced) {
            return usize::from(self.contains(token));
        }
        let longest = match self {
            Stops::List(l) => l.max_chars.max(1),
            // Page stopwords of Han and kana are single characters (see `page_words`); in
            // Thai-like scripts a single letter is no word, so the page has none.
            Stops::Page(_) if token.chars().any(ideographic) => 1,
            Stops::Page(_) => return 0,
        };
        let bounds: Vec<usize> = token
            .char_indices()
            .map(|(i, _)| i)
            .chain([token.len()])
            .collect();
        let chars = bounds.len() - 1;
        let (mut i, mut n) = (0, 0);
        while i < chars {
            let step = (1..=longest.min(chars - i))
                .rev()
                .find(|&len| self.contains(&token[bounds[i]..bounds[i + len]]));
            match step {
                Some(len) => {
                    n += 1;
                    i += len;
                }
                None => i += 1,
            }
        }
        n
    }

    /// Whether `other` counts the same words as stopwords.
    pub fn same(&self, other: &Stops) -> bool {
        match (self, other) {
            (Stops::List(a), Stops::List(b)) => std::ptr::eq(*a, *b),
            (Stops::Page(a), Stops::Page(b)) => a == b,
            _ => false,
        }
    }

    /// The ISO 639-1 code, if a shipped list was chosen.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Stops::List(l) => Some(l.code),
            Stops::Page(_) => None,
        }
    }
}

/// How many words the detector looks at: a few hundred settle the language of prose, and the
/// bound keeps detection a small part of `clean`.
const SAMPLE_WORDS: usize = 400;
/// Letters looked at for the script (whitespace tokens of Chinese text are whole sentences).
const SAMPLE_LETTERS: usize = 4000;
/// Tokens longer than this (bytes) are not looked up.
const MAX_WORD_BYTES: usize = 64;
/// Characters of one token looked at for the script.
const MAX_TOKEN_CHARS: usize = 200;
/// Blocks at least this long (bytes) are sampled first: prose says most about language.
const PROSE_BYTES: usize = 80;

/// Counts from a bounded sample of the page.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Sample {
    /// Words of the sample in each stoplist, by list index.
    hits: [u32; 64],
    words: usize,
    letters: usize,
    han: usize,
    kana: usize,
    hangul: usize,
    thai: usize,
    other_unspaced: usize,
}

/// What one block added to a page's sample, read in full: kept so that a later pass over
/// the blocks a pass kept chooses without reading them again. Sampling stops within the
/// block that reaches [`SAMPLE_WORDS`] or [`SAMPLE_LETTERS`], so a block counted whole
/// stays below both and its counts fit in 16 bits.
#[derive(Debug, Clone, PartialEq)]
struct Counted {
    words: u16,
    letters: u16,
    han: u16,
    kana: u16,
    hangul: u16,
    thai: u16,
    other_unspaced: u16,
    /// Words in each stoplist they hit (list index, words).
    hits: Box<[(u8, u16)]>,
}

/// The sample counts of the page's long blocks read in full so far, by block number (the
/// caller's: the first pass's, or the blocks' once settling rejoins or rewrites them). Only
/// blocks sampled are held: a few hundred words' worth, a few dozen blocks.
#[derive(Debug, Default)]
pub(crate) struct Samples(FxHashMap<usize, Counted>);

impl Samples {
    /// Forget every block (their numbers or text changed).
    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }

    /// Number the blocks anew: block `i` becomes `number(i)`, or is forgotten for `None`.
    pub(crate) fn renumber(&mut self, number: impl Fn(usize) -> Option<usize>) {
        self.0 = std::mem::take(&mut self.0)
            .into_iter()
            .filter_map(|(i, c)| Some((number(i)?, c)))
            .collect();
    }
}

/// `char::is_alphanumeric` with an ASCII fast path.
fn alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        chars::is_alphanumeric(c)
    }
}

/// `tok.trim_matches(|c: char| !alphanumeric(c))` for a token of ASCII, by byte.
fn trim_ascii(tok: &str) -> &str {
    let b = tok.as_bytes();
    let Some(start) = b.iter().position(u8::is_ascii_alphanumeric) else {
        return "";
    };
    let end = b
        .iter()
        .rposition(u8::is_ascii_alphanumeric)
        .unwrap_or(start);
    &tok[start..=end]
}

/// Whether a block looks like prose: long, and ends like a sentence.
fn prose(s: &Segment) -> bool {
    s.text.len() >= PROSE_BYTES && ends_sentence(&s.text)
}

/// The page's blocks in sampling order, with their index: prose first, then other long
/// blocks, then the rest (menus and tables say little about the language and share words
/// with many).
fn sampled<'s, 'a>(segments: &'s [Segment<'a>]) -> impl Iterator<Item = (usize, &'s Segment<'a>)> {
    let all = || segments.iter().enumerate();
    let prose_blocks = all().filter(|(_, s)| prose(s));
    let long = all().filter(|(_, s)| s.text.len() >= PROSE_BYTES && !prose(s));
    let short = all().filter(|(_, s)| s.text.len() < PROSE_BYTES);
    prose_blocks.chain(long).chain(short)
}

impl Sample {
    fn full(&self) -> bool {
        self.words >= SAMPLE_WORDS || self.letters >= SAMPLE_LETTERS
    }

    /// Add the words of `text` until the sample is full; whether it is. The stoplists the
    /// words hit are added to `touched` (bit `index`).
    fn read(&mut self, text: &str, lower: &mut String, touched: &mut u64) -> bool {
        let s = self;
        for (tok, ascii) in chars::spaced(text) {
            let w = if ascii {
                trim_ascii(tok)
            } else {
                tok.trim_matches(|c: char| !alphanumeric(c))
            };
            if w.is_empty() {
                continue;
            }
            lower.clear();
            // No stopword is longer than this; longer tokens (a Chinese sentence, a blob of
            // code) only count their first letters for the script.
            let short = w.len() <= MAX_WORD_BYTES;
            let mut mask = 0;
            if ascii || w.is_ascii() {
                // What the loop below does, a byte at a time, and the word looked up
                // lower-cased as it is packed rather than copied.
                let head = &w[..w.len().min(MAX_TOKEN_CHARS)];
                s.letters += head.bytes().filter(u8::is_ascii_alphabetic).count();
                if short {
                    mask = vocab::languages_of_ascii(w);
                }
            } else {
                for c in w.chars().take(MAX_TOKEN_CHARS) {
                    if c.is_ascii() {
                        lower.push(c.to_ascii_lowercase());
                        s.letters += usize::from(c.is_ascii_alphabetic());
                        continue;
                    }
                    lower.extend(c.to_lowercase());
                    // Non-ASCII characters inside a trimmed word are nearly all letters (and
                    // marks); counting them all spares a Unicode table look-up per character.
                    s.letters += 1;
                    match script(c) {
                        Script::Han => s.han += 1,
                        Script::Hiragana | Script::Katakana => s.kana += 1,
                        Script::Hangul => s.hangul += 1,
                        Script::Thai => s.thai += 1,
                        Script::Lao | Script::Myanmar | Script::Khmer => s.other_unspaced += 1,
                        Script::Other => {}
                    }
                }
                if short {
                    mask = vocab::languages_of(lower);
                }
            }
            *touched |= mask;
            while mask != 0 {
                s.hits[mask.trailing_zeros() as usize] += 1;
                mask &= mask - 1;
            }
            s.words += 1;
            if s.full() {
                return true;
            }
        }
        false
    }

    /// What was added since `before`, a block read in full whose words hit the stoplists
    /// of `touched`.
    fn since(&self, before: &Sample, mut touched: u64) -> Counted {
        // Below the caps, as `Counted` says.
        let d = |a: usize, b: usize| (a - b) as u16;
        Counted {
            words: d(self.words, before.words),
            letters: d(self.letters, before.letters),
            han: d(self.han, before.han),
            kana: d(self.kana, before.kana),
            hangul: d(self.hangul, before.hangul),
            thai: d(self.thai, before.thai),
            other_unspaced: d(self.other_unspaced, before.other_unspaced),
            hits: std::iter::from_fn(|| {
                let i = touched.trailing_zeros() as usize;
                touched &= touched.wrapping_sub(1);
                (i < 64).then(|| (i as u8, (self.hits[i] - before.hits[i]) as u16))
            })
            .collect(),
        }
    }

    /// `c` added, unless that fills the sample (the block is then read word by word, to
    /// stop where the words stop); whether it was.
    fn add(&mut self, c: &Counted) -> bool {
        if self.words + usize::from(c.words) >= SAMPLE_WORDS
            || self.letters + usize::from(c.letters) >= SAMPLE_LETTERS
        {
            return false;
        }
        self.words += usize::from(c.words);
        self.letters += usize::from(c.letters);
        self.han += usize::from(c.han);
        self.kana += usize::from(c.kana);
        self.hangul += usize::from(c.hangul);
        self.thai += usize::from(c.thai);
        self.other_unspaced += usize::from(c.other_unspaced);
        for &(i, n) in &c.hits {
            self.hits[usize::from(i)] += u32::from(n);
        }
        true
    }
}

/// The sample of a page: its blocks in [`sampled`] order, word by word, until
/// [`SAMPLE_WORDS`] or [`SAMPLE_LETTERS`]. Blocks `samples` holds (by `number`, the
/// caller's number of a segment's index) are added from their counts; long blocks read in
/// full are added to it.
fn sample(
    segments: &[Segment],
    number: impl Fn(usize) -> usize,
    mut samples: Option<&mut Samples>,
) -> Sample {
    let mut s = Sample {
        hits: [0; 64],
        words: 0,
        letters: 0,
        han: 0,
        kana: 0,
        hangul: 0,
        thai: 0,
        other_unspaced: 0,
    };
    let mut lower = String::new();
    for (i, seg) in sampled(segments) {
        let Some(samples) = samples.as_deref_mut() else {
            if s.read(seg.link_text(), &mut lower, &mut 0) {
                return s;
            }
            continue;
        };
        // Short blocks (menus, many to a page) cost little to read again and would cost
        // more to keep than long ones.
        if seg.text.len() < PROSE_BYTES {
            if s.read(seg.link_text(), &mut lower, &mut 0) {
                return s;
            }
            continue;
        }
        let n = number(i);
        if samples.0.get(&n).is_some_and(|c| s.add(c)) {
            continue;
        }
        let before = s;
        let mut touched = 0;
        if s.read(seg.link_text(), &mut lower, &mut touched) {
            return s;
        }
        samples.0.insert(n, s.since(&before, touched));
    }
    s
}

/// The language the script alone tells: most letters Han, kana, Hangul or Thai.
fn by_script(s: &Sample) -> Option<&'static str> {
    let cjk = s.han + s.kana + s.hangul + s.thai + s.other_unspaced;
    if cjk * 2 < s.letters || cjk == 0 || s.other_unspaced * 2 >= cjk {
        return None;
    }
    Some(if s.hangul * 2 >= cjk {
        "ko"
    } else if s.thai * 2 >= cjk {
        "th"
    } else if s.kana * 10 >= s.han + s.kana {
        // Japanese prose is a third or more kana; Chinese has none.
        "ja"
    } else {
        "zh"
    })
}

/// Choose the stopwords for a page.
pub(crate) fn choose(hint: Option<&str>, segments: &[Segment]) -> Stops {
    choose_counted(hint, segments, |i| i, None)
}

/// [`choose`], with the sample counts of blocks read before (`samples`, by `number`, the
/// caller's number of a segment's index) rather than their text; blocks read in full are
/// added to `samples`. The choice is the same: the words sampled are.
pub(crate) fn choose_counted(
    hint: Option<&str>,
    segments: &[Segment],
    number: impl Fn(usize) -> usize,
    samples: Option<&mut Samples>,
) -> Stops {
    if let Some(list) = hint.and_then(vocab::stoplist) {
        return Stops::List(list);
    }
    let s = sample(segments, number, samples);
    if let Some(list) = by_script(&s).and_then(vocab::stoplist) {
        return Stops::List(list);
    }
    let (mut best, mut second): (Option<&'static Stoplist>, usize) = (None, 0);
    for list in vocab::stoplists() {
        let hits = s.hits[list.index] as usize;
        match best {
            Some(b) if hits <= s.hits[b.index] as usize => second = second.max(hits),
            _ => {
                second = best.map_or(0, |b| s.hits[b.index] as usize);
                best = Some(list);
            }
        }
    }
    if let Some(list) = best {
        let hits = s.hits[list.index] as usize;
        // Prose in a listed language has 30–50 % stopwords; 12 % leaves room for short pages.
        // A page of tables and names has fewer, but one list far ahead of all others still
        // tells the language.
        if hits >= 5 && (hits * 100 >= s.words * 12 || (hits >= 8 && hits >= 2 * second)) {
            return Stops::List(list);
        }
    }
    Stops::Page(frequent_words(&page_words(segments)))
}

/// How many words the language-neutral fallback counts.
const PAGE_WORDS: usize = 3000;

/// Lower-cased words for the page's own stoplist; in Han and kana every character is a word
/// (particles are single characters); Thai-like tokens, whole phrases, are left out.
fn page_words(segments: &[Segment]) -> Vec<String> {
    let mut words = Vec::new();
    for (_, seg) in sampled(segments) {
        let text = seg.link_text();
        for w in text.split(' ') {
            let w = w.trim_matches(|c: char| !alphanumeric(c));
            if w.chars().any(ideographic) {
                words.extend(w.chars().filter(|&c| ideographic(c)).map(String::from));
            } else if w.chars().any(unspaced) {
                continue;
            } else if w.chars().any(|c| chars::props(c, chars::ALPHA) != 0) {
                words.push(w.to_lowercase());
            }
            if words.len() >= PAGE_WORDS {
                return words;
            }
        }
    }
    words
}

/// The page's most frequent short words, standing in for a stoplist.
fn frequent_words(words: &[String]) -> FxHashSet<String> {
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for w in words {
        if w.chars().count() <= 5 {
            *counts.entry(w).or_default() += 1;
        }
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().filter(|&(_, c)| c >= 3).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.into_iter().take(40).map(|(w, _)| w.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// The byte trim of ASCII tokens is the char trim.
        #[test]
        fn ascii_trim_is_char_trim(tok in "[ -~]{0,12}") {
            proptest::prop_assert_eq!(
                trim_ascii(&tok),
                tok.trim_matches(|c: char| !alphanumeric(c))
            );
        }
    }

    fn detect(text: &str) -> Option<&'static str> {
        choose(None, &segment(text)).code()
    }

    #[test]
    fn detects_german() {
        assert_eq!(
            detect(
                "Die Stadt hat am Montag beschlossen, dass die Straße für den Verkehr gesperrt \
                 wird, weil sie nicht mehr sicher ist und die Reparatur noch Monate dauern kann."
            ),
            Some("de")
        );
    }

    #[test]
    fn counted_blocks_sample_as_their_text() {
        // Prose in three languages (long blocks, whose counts are kept) and menus, so that
        // the sample fills inside a block and blocks counted whole are summed.
        let mut page = String::new();
        for k in 0..80 {
            page.push_str(match k % 4 {
                0 => "The city council said on Monday that the old bridge would be closed for repairs.\n\n",
                1 => "Home | News | Sport\n\n",
                2 => "Le conseil a annoncé lundi que le vieux pont serait fermé pour des travaux du mois.\n\n",
                _ => {
                    "Die Stadt hat beschlossen, dass die Straße für den Verkehr gesperrt wird.\n\n"
                }
            });
        }
        let segments = segment(&page);
        let mut samples = Samples::default();
        let all = sample(&segments, |i| i, Some(&mut samples));
        assert_eq!(all, sample(&segments, |i| i, None));
        assert!(!samples.0.is_empty());
        // A later pass: every third block gone, the rest numbered as the first pass did.
        let kept: Vec<usize> = (0..segments.len()).filter(|i| i % 3 != 0).collect();
        let later: Vec<Segment> = kept.iter().map(|&i| segments[i].clone()).collect();
        let counted = sample(&later, |j| kept[j], Some(&mut samples));
        assert_eq!(counted, sample(&later, |j| j, None));
    }

    #[test]
    fn hint_wins() {
        let s = segment("The city closed the road because it is not safe any more.");
        assert_eq!(choose(Some("fr"), &s).code(), Some("fr"));
    }

    #[test]
    fn detects_languages_by_stopwords() {
        let cases = [
            (
                "en",
                "The city council said on Monday that the bridge would be closed for repairs \
                 until the end of the month, and that drivers should use the ring road.",
            ),
            (
                "fr",
                "Le conseil municipal a annoncé lundi que le pont serait fermé pour des travaux \
                 jusqu'à la fin du mois et que les automobilistes devront faire un détour.",
            ),
            (
                "es",
                "El ayuntamiento anunció el lunes que el puente estará cerrado por obras hasta \
                 el final del mes y que los conductores deberán usar la circunvalación.",
            ),
            (
                "sv",
                "Kommunen meddelade på måndagen att bron kommer att vara stängd för reparationer \
                 till slutet av månaden och att bilister ska använda ringleden.",
            ),
            (
                "ru",
                "Городской совет в понедельник сообщил, что мост будет закрыт на ремонт до \
                 конца месяца, и что водителям следует пользоваться объездной дорогой.",
            ),
            (
                "tr",
                "Belediye meclisi pazartesi günü yaptığı açıklamada köprünün ay sonuna kadar \
                 onarım için kapalı olacağını ve sürücülerin çevre yolunu kullanması gerektiğini \
                 bildirdi, ancak bu karar için bir tarih de verdi.",
            ),
        ];
        for (code, text) in cases {
            assert_eq!(detect(text), Some(code), "{text}");
        }
    }

    #[test]
    fn detects_scripts_without_spaces() {
        assert_eq!(
            detect(
                "北京市政府周二宣布，将在今年年底前完成全市老旧小区的改造工作，惠及数十万居民。"
            ),
            Some("zh")
        );
        assert_eq!(
            detect(
                "東京都は火曜日、来年の春までに古い橋の修理を終えると発表しました。市民は迂回路を使う必要があります。"
            ),
            Some("ja")
        );
        assert_eq!(
            detect(
                "서울시는 화요일에 오래된 다리의 보수 공사를 내년 봄까지 마칠 것이라고 발표했습니다."
            ),
            Some("ko")
        );
        assert_eq!(
            detect(
                "กรุงเทพมหานครประกาศว่าจะซ่อมสะพานเก่าให้เสร็จภายในฤดูใบไม้ผลิปีหน้าและประชาชนต้องใช้ทางเลี่ยง"
            ),
            Some("th")
        );
    }

    #[test]
    fn counts_stopwords_inside_unspaced_tokens() {
        let zh = choose(Some("zh"), &[]);
        // 的, 是, 在 and 了 are function words; the nouns around them are not.
        assert_eq!(zh.count("我的书是在桌子上了"), 6, "我 的 是 在 上 了");
        assert_eq!(zh.count("北京大学"), 0);
        let ja = choose(Some("ja"), &[]);
        assert!(ja.count("東京の橋は古いです") >= 3);
        let en = choose(Some("en"), &[]);
        assert_eq!(en.count("the"), 1);
        assert_eq!(en.count("bridge"), 0);
    }

    /// Words and stopword density that `features` computes for one block.
    fn words_and_density(code: &str, text: &str) -> (usize, f32) {
        let segs = segment(text);
        let f: Vec<_> = crate::features::compute(&segs, &choose(Some(code), &segs)).collect();
        (f[0].words, f[0].v.stop_density)
    }

    #[test]
    fn word_counts_in_scripts_without_spaces() {
        // Hand counts: 北京市/政府/周二/宣布/将/在/今年/年底/前/完成/全市/老旧/小区/的/改造/工作/
        // 惠及/数十万/居民 = 19; 東京都/は/火曜日/来年/の/春/まで/に/古い/橋/の/修理/を/終える/と/
        // 発表/し/まし/た = 19; กรุงเทพมหานคร/ประกาศ/ว่า/จะ/ซ่อม/สะพาน/เก่า/ให้/เสร็จ/ภายใน/
        // ฤดูใบไม้ผลิ/ปี/หน้า = 13. The estimates must be within a third of them.
        let cases = [
            (
                "zh",
                "北京市政府周二宣布，将在今年年底前完成全市老旧小区的改造工作，惠及数十万居民。",
                19,
            ),
            (
                "ja",
                "東京都は火曜日、来年の春までに古い橋の修理を終えると発表しました。",
                19,
            ),
            (
                "th",
                "กรุงเทพมหานครประกาศว่าจะซ่อมสะพานเก่าให้เสร็จภายในฤดูใบไม้ผลิปีหน้า",
                13,
            ),
        ];
        for (code, text, hand) in cases {
            let (words, _) = words_and_density(code, text);
            assert!(
                words * 3 >= hand * 2 && words * 3 <= hand * 4,
                "{code}: {words} vs {hand}"
            );
        }
    }

    #[test]
    fn stop_density_in_scripts_without_spaces() {
        // Prose has function words; a menu line has none.
        let (_, prose) = words_and_density(
            "zh",
            "他说，这座桥已经有五十年的历史了，我们在修理的时候也会把路面加宽。",
        );
        let (_, menu) = words_and_density("zh", "首页 新闻 体育 财经 科技 娱乐 汽车 房产");
        assert!(prose > 0.2 && menu == 0.0, "{prose} {menu}");
        let (_, prose) = words_and_density(
            "ja",
            "東京都は火曜日、来年の春までに古い橋の修理を終えると発表しました。",
        );
        let (_, menu) = words_and_density("ja", "ホーム ニュース スポーツ 経済 エンタメ");
        assert!(prose > 0.2 && menu == 0.0, "{prose} {menu}");
        let (_, prose) = words_and_density("th", "เขากล่าวว่าสะพานนี้มีอายุห้าสิบปีแล้วและจะต้องซ่อมในปีหน้า");
        assert!(prose > 0.1, "{prose}");
    }

    #[test]
    fn page_stopwords_for_unlisted_scripts() {
        // Lao: no shipped list, and letters are no words: the fallback counts nothing rather
        // than one "stopword" per letter.
        let lao = "ສະພາແຫ່ງຊາດໄດ້ປະກາດວ່າຂົວເກົ່າຈະຖືກສ້ອມແປງ ແລະ ປະຊາຊົນຕ້ອງໃຊ້ທາງອ້ອມ ແລະ ປະຊາຊົນ";
        let stops = choose(None, &segment(lao));
        assert_eq!(stops.code(), None);
        assert_eq!(stops.count("ປະຊາຊົນຕ້ອງໃຊ້ທາງອ້ອມ"), 0);
        // Armenian: spaced, no list; the page's own frequent short words stand in.
        let hy = "Քաղաքապետարանը հայտնեց, որ կամուրջը կփակվի և որ վարորդները պետք է օգտվեն \
                  շրջանցիկ ճանապարհից, և որ աշխատանքները կավարտվեն ամսվա վերջին, և որ \
                  քաղաքը կտեղեկացնի բոլորին, և որ ճանապարհը կբացվի:";
        let stops = choose(None, &segment(hy));
        assert_eq!(stops.code(), None);
        assert!(stops.contains("և") && stops.contains("որ"));
        assert!(!stops.contains("կամուրջը"));
    }
}
