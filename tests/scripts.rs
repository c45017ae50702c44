//! Hand-made pages in non-Latin scripts (`tests/scripts/<lang>/input.txt`): a menu, a
//! sign-in link, a headline, four body paragraphs, share and copyright lines. `clean` must
//! return exactly the body paragraphs (`expected.txt`).

fn check(input: &str, expected: &str) {
    let out = bodytext::clean(input);
    assert_eq!(out, expected.trim_end_matches('\n'));
}

macro_rules! script {
    ($(#[$m:meta])* $name:ident, $lang:literal) => {
        $(#[$m])*
        #[test]
        fn $name() {
            check(
                include_str!(concat!("scripts/", $lang, "/input.txt")),
                include_str!(concat!("scripts/", $lang, "/expected.txt")),
            );
        }
    };
}

script!(chinese, "zh");
script!(japanese, "ja");
script!(thai, "th");
script!(arabic, "ar");
script!(hebrew, "he");
script!(russian, "ru");
script!(greek, "el");
