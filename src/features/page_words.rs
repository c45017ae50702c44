//! Words that tell kinds of pages apart, by language (ISO 639-1): the grammatical persons
//! (a forum post speaks for its author, a business to its customers, a report of others)
//! and the common words of shops, threads, manuals, businesses and indexes. General
//! vocabulary of each kind of page, as a speaker of the language would list it; words
//! another class or a common word shares are left out (German "Sie", Italian "ci").

use once_cell::sync::Lazy;

/// Classes of words, in the order of the page features that count them: first person
/// singular, first person plural, second person, shop, thread, manual, business, index.
pub(super) const CLASSES: usize = 8;

type Table = (&'static str, [&'static [&'static str]; CLASSES]);

const WORDS: [Table; 7] = [
    (
        "en",
        [
            &["i", "me", "my", "mine", "myself"],
            &["we", "us", "our", "ours", "ourselves"],
            &["you", "your", "yours", "yourself"],
            &[
                "cart",
                "basket",
                "checkout",
                "shipping",
                "delivery",
                "stock",
                "price",
                "sku",
                "quantity",
                "qty",
                "wishlist",
                "buy",
                "reviews",
                "warranty",
                "dimensions",
                "weight",
                "size",
                "colour",
                "color",
                "sale",
            ],
            &[
                "reply",
                "replies",
                "quote",
                "posted",
                "posts",
                "thread",
                "threads",
                "joined",
                "member",
                "members",
                "registered",
                "topic",
                "topics",
                "forum",
                "moderator",
            ],
            &[
                "parameter",
                "parameters",
                "returns",
                "example",
                "examples",
                "install",
                "installation",
                "configuration",
                "configure",
                "default",
                "function",
                "method",
                "command",
                "syntax",
                "api",
                "option",
                "options",
                "file",
                "argument",
            ],
            &[
                "services",
                "contact",
                "appointment",
                "consultation",
                "customers",
                "clients",
                "team",
                "experience",
                "professional",
                "free",
                "schedule",
                "solutions",
                "offer",
            ],
            &[
                "more",
                "results",
                "next",
                "previous",
                "page",
                "sort",
                "filter",
                "showing",
                "items",
                "latest",
                "categories",
                "archive",
            ],
        ],
    ),
    (
        "de",
        [
            &[
                "ich", "mich", "mir", "mein", "meine", "meinen", "meinem", "meiner",
            ],
            &[
                "wir", "uns", "unser", "unsere", "unseren", "unserem", "unserer",
            ],
            &[
                "du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "euch", "euer",
                "eure",
            ],
            &[
                "warenkorb",
                "kasse",
                "versand",
                "lieferung",
                "lieferbar",
                "preis",
                "menge",
                "merkzettel",
                "kaufen",
                "bestellen",
                "bewertungen",
                "garantie",
                "größe",
                "farbe",
                "gewicht",
                "artikelnummer",
            ],
            &[
                "antworten",
                "antwort",
                "zitat",
                "zitieren",
                "beitrag",
                "beiträge",
                "thema",
                "themen",
                "registriert",
                "mitglied",
                "forum",
                "moderator",
            ],
            &[
                "parameter",
                "beispiel",
                "beispiele",
                "installation",
                "konfiguration",
                "standard",
                "funktion",
                "methode",
                "befehl",
                "syntax",
                "option",
                "optionen",
                "datei",
                "argument",
            ],
            &[
                "leistungen",
                "kontakt",
                "termin",
                "beratung",
                "angebot",
                "kunden",
                "team",
                "erfahrung",
                "kostenlos",
                "anfrage",
                "lösungen",
            ],
            &[
                "mehr",
                "ergebnisse",
                "weiter",
                "zurück",
                "seite",
                "sortieren",
                "filter",
                "neueste",
                "kategorien",
                "archiv",
            ],
        ],
    ),
    (
        "fr",
        [
            &["je", "moi", "mon", "ma", "mes"],
            &["nous", "notre", "nos"],
            &["vous", "votre", "vos", "tu", "ton", "ta", "tes"],
            &[
                "panier",
                "livraison",
                "stock",
                "prix",
                "quantité",
                "acheter",
                "commander",
                "avis",
                "garantie",
                "taille",
                "couleur",
                "poids",
            ],
            &[
                "répondre",
                "réponse",
                "réponses",
                "citer",
                "message",
                "messages",
                "sujet",
                "sujets",
                "inscrit",
                "membre",
                "forum",
                "modérateur",
            ],
            &[
                "paramètre",
                "paramètres",
                "exemple",
                "exemples",
                "installation",
                "configuration",
                "défaut",
                "fonction",
                "méthode",
                "commande",
                "syntaxe",
                "option",
                "options",
                "fichier",
            ],
            &[
                "services",
                "contact",
                "devis",
                "clients",
                "équipe",
                "expérience",
                "gratuit",
                "solutions",
                "offre",
            ],
            &[
                "plus",
                "résultats",
                "suivant",
                "précédent",
                "page",
                "trier",
                "filtrer",
                "catégories",
                "archives",
            ],
        ],
    ),
    (
        "es",
        [
            &["yo", "me", "mi", "mis", "mío", "mía"],
            &[
                "nosotros", "nosotras", "nuestro", "nuestra", "nuestros", "nuestras",
            ],
            &[
                "usted", "ustedes", "tú", "tu", "tus", "vosotros", "vuestro", "vuestra",
            ],
            &[
                "carrito",
                "envío",
                "entrega",
                "stock",
                "precio",
                "cantidad",
                "comprar",
                "pedido",
                "opiniones",
                "garantía",
                "talla",
                "color",
                "peso",
            ],
            &[
                "responder",
                "respuesta",
                "respuestas",
                "citar",
                "mensaje",
                "mensajes",
                "tema",
                "temas",
                "registrado",
                "miembro",
                "foro",
                "moderador",
            ],
            &[
                "parámetro",
                "parámetros",
                "ejemplo",
                "ejemplos",
                "instalación",
                "configuración",
                "predeterminado",
                "función",
                "método",
                "comando",
                "sintaxis",
                "opción",
                "opciones",
                "archivo",
            ],
            &[
                "servicios",
                "contacto",
                "cita",
                "presupuesto",
                "clientes",
                "equipo",
                "experiencia",
                "gratis",
                "soluciones",
                "oferta",
            ],
            &[
                "más",
                "resultados",
                "siguiente",
                "anterior",
                "página",
                "ordenar",
                "filtrar",
                "categorías",
            ],
        ],
    ),
    (
        "it",
        [
            &["io", "mio", "mia", "miei", "mie"],
            &["noi", "nostro", "nostra", "nostri", "nostre"],
            &["tu", "tuo", "tua", "tuoi", "voi", "vostro", "vostra"],
            &[],
            &[],
            &[],
            &[],
            &[],
        ],
    ),
    (
        "nl",
        [
            &["ik", "mij", "mijn"],
            &["wij", "we", "ons", "onze"],
            &["jij", "je", "jou", "jouw", "u", "uw"],
            &[],
            &[],
            &[],
            &[],
            &[],
        ],
    ),
    (
        "pt",
        [
            &["eu", "mim", "meu", "minha", "meus", "minhas"],
            &["nós", "nosso", "nossa", "nossos", "nossas"],
            &["você", "vocês", "tu", "teu", "tua"],
            &[],
            &[],
            &[],
            &[],
            &[],
        ],
    ),
];

/// The words of one language: each word's classes as a bit mask (bit `k` for class `k`),
/// in the packed map the stoplists use (an ASCII word is looked up without a lower-cased
/// copy).
#[derive(Debug)]
pub(crate) struct WordMap {
    map: crate::util::wordmap::WordMap,
    /// 1 when the language has every class, ½ when it has the persons only.
    pub known: f32,
    /// The longest word's length in bytes: longer words need no look-up.
    pub longest: usize,
}

impl WordMap {
    /// The classes of `word` (lower case).
    pub(crate) fn get(&self, word: &str) -> Option<u8> {
        self.map.get(word).map(|m| m as u8)
    }

    /// The classes of `word` (ASCII) lower-cased.
    pub(crate) fn get_ascii_folded(&self, word: &str) -> Option<u8> {
        self.map.get_ascii_folded(word).map(|m| m as u8)
    }
}

static MAPS: Lazy<Vec<(&'static str, WordMap)>> = Lazy::new(|| {
    WORDS
        .iter()
        .map(|(code, classes)| {
            let entries = classes
                .iter()
                .enumerate()
                .flat_map(|(k, words)| words.iter().map(move |w| (*w, 1u64 << k)));
            let longest = classes
                .iter()
                .flat_map(|c| c.iter())
                .map(|w| w.len())
                .max()
                .unwrap_or(0);
            let known = if classes[3..].iter().all(|c| !c.is_empty()) {
                1.0
            } else {
                0.5
            };
            (
                *code,
                WordMap {
                    map: crate::util::wordmap::WordMap::new(entries),
                    known,
                    longest,
                },
            )
        })
        .collect()
});

/// The words of language `code`, if it has a table.
pub(super) fn words_of(code: Option<&str>) -> Option<&'static WordMap> {
    let code = code?;
    MAPS.iter().find(|(c, _)| *c == code).map(|(_, m)| m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lower_case_and_classes_known() {
        for (code, classes) in WORDS {
            for w in classes.iter().flat_map(|c| c.iter()) {
                assert_eq!(w.to_lowercase(), *w, "{code}: {w}");
            }
        }
        let en = words_of(Some("en")).expect("English has a table");
        assert_eq!(en.get("you"), Some(0b100));
        assert_eq!(en.get_ascii_folded("You"), Some(0b100));
        assert_eq!(en.known, 1.0);
        assert_eq!(words_of(Some("it")).map(|m| m.known), Some(0.5));
        assert!(words_of(Some("fi")).is_none());
    }
}
