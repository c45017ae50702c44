//! Pages in legacy encodings, made here from known text with `encoding_rs` (the library's own
//! dependency under feature `encoding`): `clean_bytes` and `extract_bytes`
//! must decode them (detected, declared, or by byte-order mark) and clean them as the text.
#![cfg(feature = "encoding")]

use bodytext::{Cleaner, EncodingSource, Options};
use encoding_rs::{
    EUC_KR, Encoding, GBK, ISO_8859_2, KOI8_R, SHIFT_JIS, UTF_16BE, UTF_16LE, WINDOWS_1251,
    WINDOWS_1252,
};

const FRENCH: &str = "Accueil | Actualités | Économie | Sport | Contact\n\nSe connecter\n\n\
    Une tempête ferme les routes côtières\n\n\
    De fortes pluies et des vents violents ont fermé mardi plusieurs routes côtières, et les \
    autorités ont demandé aux conducteurs de rester chez eux jusqu'à ce que la tempête soit \
    passée au-dessus de la région.\n\n\
    Les responsables ont déclaré que les routes rouvriraient dès que l'eau se serait retirée \
    et que les dégâts auraient été vérifiés par des ingénieurs, ce qui pourrait prendre \
    jusqu'à la fin de la semaine.\n\n\
    Selon la préfecture, près de deux cents foyers ont été privés d'électricité pendant la \
    nuit ; les équipes de réparation étaient déjà à pied d'œuvre très tôt le matin.\n\n\
    Partager cet article\n© 2024 Exemple Actualités. Tous droits réservés.\n";

const CZECH: &str = "Domů | Zprávy | Ekonomika | Sport | Kontakt\n\nPřihlásit se\n\n\
    Bouře uzavřela silnice na pobřeží\n\n\
    Silný déšť a prudký vítr v úterý uzavřely několik silnic podél pobřeží a úřady požádaly \
    řidiče, aby zůstali doma, dokud bouře nepřejde přes celý kraj.\n\n\
    Podle úředníků budou silnice znovu otevřeny, jakmile voda opadne a škody prověří \
    inženýři, což může trvat až do konce týdne. Obyvatelé si stěžují na dlouhé objížďky.\n\n\
    Přes dvě stě domácností bylo během noci bez elektřiny; opravářské čety začaly pracovat \
    hned ráno a většinu poruch odstranily do poledne.\n\n\
    Sdílet článek\n© 2024 Příkladové zprávy. Všechna práva vyhrazena.\n";

const KOREAN: &str = "홈 | 뉴스 | 경제 | 스포츠 | 연락처\n\n로그인\n\n\
    폭풍으로 해안 도로가 폐쇄되었다\n\n\
    화요일에 내린 폭우와 강풍으로 여러 해안 도로가 폐쇄되었고, 당국은 폭풍이 지나갈 때까지 \
    운전자들에게 집에 머물러 달라고 요청했다.\n\n\
    관계자들은 물이 빠지고 기술자들이 피해를 점검하는 대로 도로를 다시 열 것이라고 밝혔으며, \
    이 작업은 이번 주 말까지 걸릴 수 있다고 말했다.\n\n\
    밤사이 이백여 가구에 전기가 끊겼으며, 복구 작업반은 이른 아침부터 현장에서 작업을 \
    시작해 정오까지 대부분의 고장을 고쳤다.\n\n\
    이 기사 공유하기\n© 2024 예시 뉴스. 모든 권리 보유.\n";

fn script(lang: &str) -> String {
    let path = format!(
        "{}/tests/scripts/{lang}/input.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

/// `text` with the characters `encoding` cannot write replaced by a space (the pages are
/// made in the encoding, so they hold only what it can write), and its bytes there.
fn made_in(encoding: &'static Encoding, text: &str) -> (String, Vec<u8>) {
    let known: String = text
        .chars()
        .map(|c| {
            let (_, _, unmappable) = encoding.encode(c.encode_utf8(&mut [0; 4]));
            if unmappable { ' ' } else { c }
        })
        .collect();
    let (bytes, _, unmappable) = encoding.encode(&known);
    assert!(!unmappable);
    let bytes = bytes.into_owned();
    (known, bytes)
}

/// Detected from the bytes alone: the text comes back exactly, and cleaning it is cleaning
/// the text.
fn detected(encoding: &'static Encoding, text: &str) {
    detected_as(encoding, text, encoding.name());
}

/// [`detected`], where the detector names `name`, a superset of `encoding` that writes the
/// text with the same bytes.
fn detected_as(encoding: &'static Encoding, text: &str, name: &str) {
    let (known, bytes) = made_in(encoding, text);
    assert!(std::str::from_utf8(&bytes).is_err(), "{}", encoding.name());
    let d = bodytext::decode(&bytes, None);
    assert_eq!(
        (d.encoding, d.source, d.lossy),
        (name, EncodingSource::Detected, false)
    );
    assert_eq!(d.text, known);
    let body = bodytext::clean(&known);
    assert!(!body.is_empty(), "{}", encoding.name());
    assert_eq!(bodytext::clean_bytes(&bytes), body);
    let doc = bodytext::extract_bytes(&bytes);
    assert_eq!(doc.body, body);
    assert_eq!(doc.encoding.as_deref(), Some(name));
    assert_eq!(doc.encoding_source, Some(EncodingSource::Detected));
}

#[test]
fn windows_1252() {
    detected(WINDOWS_1252, FRENCH);
}

#[test]
fn iso_8859_2() {
    // Czech in ISO-8859-2 and in windows-1250 differ in a few letters only (š, ť, ž); the
    // detector tells them apart by those.
    detected(ISO_8859_2, CZECH);
}

#[test]
fn shift_jis() {
    detected(SHIFT_JIS, &script("ja"));
}

#[test]
fn gbk() {
    detected(GBK, &script("zh"));
}

#[test]
fn koi8_r() {
    // KOI8-U adds Ukrainian letters where KOI8-R has box-drawing signs: Russian text has the
    // same bytes in both, and the detector names the larger set.
    detected_as(KOI8_R, &script("ru"), "KOI8-U");
}

#[test]
fn windows_1251() {
    detected(WINDOWS_1251, &script("ru"));
}

#[test]
fn euc_kr() {
    detected(EUC_KR, KOREAN);
}

#[test]
fn utf16_with_a_byte_order_mark() {
    let text = script("el");
    for (encoding, bom) in [(UTF_16LE, [0xFF, 0xFE]), (UTF_16BE, [0xFE, 0xFF])] {
        let mut bytes = bom.to_vec();
        for unit in text.encode_utf16() {
            let b = if encoding == UTF_16LE {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend_from_slice(&b);
        }
        let doc = bodytext::extract_bytes(&bytes);
        assert_eq!(doc.body, bodytext::clean(&text));
        assert_eq!(doc.encoding.as_deref(), Some(encoding.name()));
        assert_eq!(doc.encoding_source, Some(EncodingSource::ByteOrderMark));
        assert_eq!(doc.language.as_deref(), Some("el"));
    }
}

#[test]
fn a_declared_charset_wins_over_detection_and_a_bom_over_both() {
    let (known, bytes) = made_in(KOI8_R, &script("ru"));
    // Read as windows-1251 on the caller's word, the text is not the page's.
    let wrong = Cleaner::new(Options::default().encoding("windows-1251")).unwrap();
    let doc = wrong.extract_bytes(&bytes);
    assert_eq!(doc.encoding.as_deref(), Some("windows-1251"));
    assert_eq!(doc.encoding_source, Some(EncodingSource::Declared));
    let right = Cleaner::new(Options::default().encoding("koi8-r")).unwrap();
    assert_eq!(right.clean_bytes(&bytes), bodytext::clean(&known));
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(known.as_bytes());
    let doc = wrong.extract_bytes(&with_bom);
    assert_eq!(doc.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(doc.encoding_source, Some(EncodingSource::ByteOrderMark));
    assert_eq!(doc.body, bodytext::clean(&known));
}

#[test]
fn utf8_input_is_cleaned_as_before() {
    for lang in ["ar", "el", "he", "ja", "ru", "th", "zh"] {
        let text = script(lang);
        let doc = bodytext::extract_bytes(text.as_bytes());
        assert_eq!(doc.body, bodytext::clean(&text));
        assert_eq!(doc.encoding.as_deref(), Some("UTF-8"));
        assert_eq!(doc.encoding_source, Some(EncodingSource::Utf8));
        assert_eq!(doc.language.as_deref(), Some(lang));
        assert_eq!(bodytext::extract(&text).encoding, None);
    }
}
