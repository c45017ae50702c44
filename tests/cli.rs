//! Runs the built `bodytext` program. Needs `--features cli`.
#![cfg(feature = "cli")]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use bodytext::{Cleaner, Options, Preset};
use serde_json::Value;

const STORM: &str = "Home | News | Sport\n\nStorm closes coastal roads\n\n\
    Heavy rain and strong winds closed several coastal roads on Tuesday, and the authorities \
    asked drivers to stay at home until the storm has passed over the region.\n\n\
    Officials said the roads would reopen once the water had drained away and the damage had \
    been checked by engineers, which could take until the end of the week.\n\n\
    Share this article\n\u{a9} 2024 Example News. All rights reserved.\n";

const BREAD: &str = "Sign in | Subscribe\n\nA simple country loaf\n\n\
    Mix the flour, water, salt and a little yeast in the evening, cover the bowl and leave the \
    dough on the kitchen counter overnight, where it will slowly rise and develop its flavour.\n\n\
    In the morning, shape the dough into a round loaf, let it rest for an hour, and bake it in \
    a very hot covered pot for forty minutes until the crust is deep brown.\n\n\
    Related recipes\nMost popular\nCookie settings\n";

fn sample() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/sample.txt")).unwrap()
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Out {
    fn json(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect()
    }
    fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Out {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bodytext"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The program may exit before it reads its input (a bad argument): a closed pipe is
    // then no failure of the test.
    if let Err(e) = child.stdin.take().unwrap().write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    let out = child.wait_with_output().unwrap();
    Out {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// A fresh, empty folder for one test.
fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, rel: &str, data: &[u8]) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, data).unwrap();
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn stdin_to_stdout_equals_the_library() {
    let dir = tmp("stdin");
    let out = run_in(&dir, &[], sample().as_bytes());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let expected = bodytext::clean(&sample());
    assert!(!expected.is_empty());
    assert_eq!(out.stdout, format!("{expected}\n"));
    assert_eq!(out.stderr, "");
}

#[test]
fn files_in_argument_order() {
    let dir = tmp("files");
    write(&dir, "b.txt", STORM.as_bytes());
    write(&dir, "a.txt", BREAD.as_bytes());
    let (storm, bread) = (bodytext::clean(STORM), bodytext::clean(BREAD));
    assert!(!storm.is_empty() && !bread.is_empty());

    let out = run_in(&dir, &["b.txt", "a.txt"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        format!("==> b.txt <==\n{storm}\n\n==> a.txt <==\n{bread}\n")
    );
    assert_eq!(
        out.stderr, "",
        "no progress bar when stderr is not a terminal"
    );

    for jobs in ["1", "2"] {
        let out = run_in(
            &dir,
            &["-j", jobs, "--format", "jsonl", "b.txt", "a.txt", "b.txt"],
            b"",
        );
        assert_eq!(out.code, 0);
        let recs = out.json();
        let paths: Vec<&str> = recs.iter().map(|r| r["path"].as_str().unwrap()).collect();
        assert_eq!(paths, ["b.txt", "a.txt", "b.txt"]);
        assert_eq!(recs[0]["text"], storm.as_str());
        assert_eq!(recs[1]["text"], bread.as_str());
    }
}

#[test]
fn options_map_onto_the_library() {
    let dir = tmp("options");
    write(&dir, "s.txt", sample().as_bytes());
    let cases: [(&[&str], Options); 3] = [
        (
            &["--preset", "precision"],
            Options::default().preset(Preset::Precision),
        ),
        (
            &["--no-headings", "--no-lists"],
            Options::default().keep_headings(false).keep_lists(false),
        ),
        (
            &["--lang", "en", "--preset", "RECALL"],
            Options::default().language("en").preset(Preset::Recall),
        ),
    ];
    for (args, options) in cases {
        let mut all = args.to_vec();
        all.push("s.txt");
        let out = run_in(&dir, &all, b"");
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let expected = Cleaner::new(options).unwrap().clean(&sample());
        assert_eq!(out.stdout, format!("{expected}\n"), "{args:?}");
    }
    let bad = run_in(&dir, &["--lang", "german", "s.txt"], b"");
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("invalid language code"),
        "{}",
        bad.stderr
    );
    let bad = run_in(&dir, &["--preset", "fast", "s.txt"], b"");
    assert_eq!(bad.code, 2);
}

#[test]
fn folder_recursive_with_ext_and_mirrored_out() {
    let dir = tmp("folder");
    write(&dir, "in/z.txt", STORM.as_bytes());
    write(&dir, "in/sub/deeper/a.txt", BREAD.as_bytes());
    write(&dir, "in/sub/notes.md", STORM.as_bytes());
    write(&dir, "in/meta.json", b"{}");

    let out = run_in(&dir, &["--ext", "txt", "--format", "jsonl", "in"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let paths: Vec<String> = out
        .json()
        .iter()
        .map(|r| r["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(paths, ["in/sub/deeper/a.txt", "in/z.txt"]);

    let out = run_in(&dir, &["--ext", "txt,md", "--out", "out", "in"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    let read = |p: &str| fs::read_to_string(dir.join(p)).unwrap();
    assert_eq!(read("out/z.txt"), format!("{}\n", bodytext::clean(STORM)));
    assert_eq!(
        read("out/sub/deeper/a.txt"),
        format!("{}\n", bodytext::clean(BREAD))
    );
    assert_eq!(
        read("out/sub/notes.md.txt"),
        format!("{}\n", bodytext::clean(STORM))
    );
    assert!(!dir.join("out/meta.json").exists() && !dir.join("out/meta.json.txt").exists());
}

#[test]
fn files_from_list() {
    let dir = tmp("files_from");
    write(&dir, "x/w3m.txt", STORM.as_bytes());
    write(&dir, "y/w3m.txt", BREAD.as_bytes());
    let out = run_in(
        &dir,
        &["--files-from", "-", "--format", "jsonl"],
        b"y/w3m.txt\nx/w3m.txt\n",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let recs = out.json();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["path"], "y/w3m.txt");
    assert_eq!(recs[1]["text"], bodytext::clean(STORM).as_str());
}

#[test]
fn json_lines_pass_other_fields_through() {
    let dir = tmp("jsonl");
    let lines = [
        serde_json::json!({"id": 1, "content": STORM, "meta": {"lang": "en", "tags": ["a", "b"]}}),
        serde_json::json!({"content": BREAD, "id": 2, "score": null}),
    ];
    let mut data = String::new();
    for l in &lines {
        data.push_str(&l.to_string());
        data.push('\n');
    }
    // Exact numbers and key order must survive.
    data.push_str("{\"zeta\":1.50,\"content\":\"x\",\"big\":123456789012345678901234567890}\n");
    write(&dir, "pages.jsonl", data.as_bytes());

    let out = run_in(
        &dir,
        &[
            "--jsonl",
            "--field",
            "content",
            "--out-field",
            "body",
            "pages.jsonl",
        ],
        b"",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let recs = out.json();
    assert_eq!(recs.len(), 3);
    for (rec, orig) in recs.iter().zip(&lines) {
        let mut expected = orig.as_object().unwrap().clone();
        let content = expected["content"].as_str().unwrap();
        let doc = bodytext::extract(content);
        expected.insert("body".into(), doc.body.into());
        expected.insert("title".into(), doc.title.into());
        expected.insert("language".into(), doc.language.into());
        assert_eq!(rec.as_object().unwrap(), &expected);
    }
    let third = out.stdout.lines().nth(2).unwrap();
    assert!(
        third.starts_with(
            "{\"zeta\":1.50,\"content\":\"x\",\"big\":123456789012345678901234567890,\"body\":"
        ),
        "{third}"
    );

    // Default: the cleaned text replaces the input field in place; stdin works too.
    let out = run_in(&dir, &["--jsonl", "--field", "content"], data.as_bytes());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let recs = out.json();
    assert_eq!(recs[1]["content"], bodytext::clean(BREAD).as_str());
    assert_eq!(recs[1]["id"], 2);
    assert!(recs[1].get("text").is_none());

    // Text format: the bodies only.
    let out = run_in(
        &dir,
        &[
            "--jsonl",
            "--field",
            "content",
            "--format",
            "text",
            "pages.jsonl",
        ],
        b"",
    );
    let docs = [
        ("pages.jsonl: line 1", bodytext::clean(STORM)),
        ("pages.jsonl: line 2", bodytext::clean(BREAD)),
        ("pages.jsonl: line 3", bodytext::clean("x")),
    ];
    assert_eq!(out.stdout, text_format(&docs));
}

/// Documents as `--format text` writes several: each after a header line naming it, `(empty)`
/// there when there is no body, an empty line before every header but the first.
fn text_format(docs: &[(&str, String)]) -> String {
    let mut s = String::new();
    for (i, (name, d)) in docs.iter().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        if d.is_empty() {
            s.push_str(&format!("==> {name} <== (empty)\n"));
        } else {
            s.push_str(&format!("==> {name} <==\n{d}\n"));
        }
    }
    s
}

fn check_wet(out: &Out) {
    assert_eq!(out.code, 0, "{}", out.stderr);
    let recs = out.json();
    // The warcinfo record is skipped: one output per conversion record.
    assert_eq!(recs.len(), 3, "{}", out.stdout);
    let uris: Vec<&str> = recs
        .iter()
        .map(|r| r["WARC-Target-URI"].as_str().unwrap())
        .collect();
    assert_eq!(
        uris,
        [
            "https://news.example.org/storm",
            "https://blog.example.de/garten",
            "https://example.com/recipes/bread"
        ]
    );
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(
            r["WARC-Record-ID"],
            format!("<urn:uuid:00000000-0000-4000-8000-00000000000{}>", i + 1).as_str()
        );
        assert!(!r["text"].as_str().unwrap().is_empty());
        assert!(r.get("error").is_none());
    }
    assert!(recs[0]["text"].as_str().unwrap().contains("Heavy rain"));
    assert!(
        !recs[0]["text"]
            .as_str()
            .unwrap()
            .contains("All rights reserved")
    );
}

#[test]
fn wet_plain_and_gzip() {
    let dir = tmp("wet");
    let plain = run_in(&dir, &["--wet", &fixture("sample.warc.wet")], b"");
    check_wet(&plain);
    let gz = run_in(&dir, &["--wet", &fixture("sample.warc.wet.gz")], b"");
    check_wet(&gz);
    assert_eq!(plain.json()[1]["text"], gz.json()[1]["text"]);
    // From stdin, compressed.
    let data = fs::read(fixture("sample.warc.wet.gz")).unwrap();
    check_wet(&run_in(&dir, &["--wet", "-j", "1"], &data));
    // Mirrored into --out: the path as given, `.gz` dropped, `.jsonl` added.
    write(&dir, "in/sample.warc.wet.gz", &data);
    let out = run_in(&dir, &["--wet", "--out", "o", "in/sample.warc.wet.gz"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written = fs::read_to_string(dir.join("o/in/sample.warc.wet.jsonl")).unwrap();
    let gz_here = run_in(&dir, &["--wet", "in/sample.warc.wet.gz"], b"");
    assert_eq!(written, gz_here.stdout);
}

#[test]
fn unreadable_file_is_reported_and_the_run_goes_on() {
    let dir = tmp("missing");
    write(&dir, "a.txt", STORM.as_bytes());
    write(&dir, "c.txt", BREAD.as_bytes());
    let out = run_in(&dir, &["a.txt", "missing.txt", "c.txt"], b"");
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        format!(
            "==> a.txt <==\n{}\n\n==> missing.txt <== (failed)\n\n==> c.txt <==\n{}\n",
            bodytext::clean(STORM),
            bodytext::clean(BREAD)
        )
    );
    let err = out.stderr_lines();
    assert_eq!(err.len(), 1, "{}", out.stderr);
    assert!(err[0].contains("missing.txt"), "{}", err[0]);

    let out = run_in(
        &dir,
        &["--format", "jsonl", "a.txt", "missing.txt", "c.txt"],
        b"",
    );
    assert_eq!(out.code, 1);
    let recs = out.json();
    assert_eq!(recs.len(), 3);
    assert_eq!(recs[1]["path"], "missing.txt");
    assert!(recs[1]["error"].is_string());
    assert!(recs[1].get("text").is_none());
    assert_eq!(recs[2]["path"], "c.txt");
}

#[test]
fn malformed_json_line_is_reported_and_written_with_an_error() {
    let dir = tmp("bad_jsonl");
    let data = format!(
        "{}\n{{\"text\": \"unterminated\n\n[1, 2]\n{{\"id\": 7}}\n{}\n",
        serde_json::json!({"id": 1, "text": STORM}),
        serde_json::json!({"id": 9, "text": BREAD}),
    );
    write(&dir, "p.jsonl", data.as_bytes());
    let out = run_in(&dir, &["--jsonl", "p.jsonl"], b"");
    assert_eq!(out.code, 1);
    let err = out.stderr_lines();
    assert_eq!(err.len(), 3, "{}", out.stderr);
    assert!(
        err[0].contains("p.jsonl: line 2: malformed JSON"),
        "{}",
        err[0]
    );
    assert!(
        err[1].contains("p.jsonl: line 4: not a JSON object"),
        "{}",
        err[1]
    );
    assert!(
        err[2].contains("p.jsonl: line 5: no field \"text\""),
        "{}",
        err[2]
    );
    let recs = out.json();
    assert_eq!(
        recs.len(),
        5,
        "blank line 3 is skipped, every other line written"
    );
    assert_eq!(recs[0]["id"], 1);
    assert_eq!(
        (recs[1]["line"].as_u64(), recs[1]["input"].as_str()),
        (Some(2), Some("{\"text\": \"unterminated"))
    );
    assert!(
        recs[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("malformed JSON")
    );
    assert_eq!(recs[2]["line"], 4);
    assert_eq!(
        (recs[3]["id"].as_u64(), recs[3]["error"].as_str()),
        (Some(7), Some("no field \"text\""))
    );
    assert_eq!(recs[4]["text"], bodytext::clean(BREAD).as_str());
}

#[test]
fn malformed_warc_record_is_reported_and_the_rest_read() {
    let dir = tmp("bad_wet");
    let good = fs::read(fixture("sample.warc.wet")).unwrap();
    let text = String::from_utf8(good).unwrap();
    // Break the second conversion record's Content-Length (too short by 10).
    let marker = "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000002>";
    let at = text.find(marker).unwrap();
    let cl_at = at + text[at..].find("Content-Length: ").unwrap() + "Content-Length: ".len();
    let cl_end = cl_at + text[cl_at..].find('\r').unwrap();
    let n: usize = text[cl_at..cl_end].parse().unwrap();
    let broken = format!("{}{}{}", &text[..cl_at], n - 10, &text[cl_end..]);
    write(&dir, "bad.warc.wet", broken.as_bytes());

    let out = run_in(&dir, &["--wet", "bad.warc.wet"], b"");
    assert_eq!(out.code, 1);
    let err = out.stderr_lines();
    assert_eq!(err.len(), 1, "{}", out.stderr);
    assert!(
        err[0].contains("bad.warc.wet: record 3 <urn:uuid:00000000-0000-4000-8000-000000000002>"),
        "{}",
        err[0]
    );
    let recs = out.json();
    assert_eq!(recs.len(), 3);
    assert!(recs[0]["text"].is_string() && recs[2]["text"].is_string());
    assert_eq!(recs[1]["record"], 3);
    assert_eq!(recs[1]["WARC-Target-URI"], "https://blog.example.de/garten");
    assert!(recs[1]["error"].is_string() && recs[1].get("text").is_none());

    // A truncated gzip file: what was read is written, then one error line.
    let gz = fs::read(fixture("sample.warc.wet.gz")).unwrap();
    write(&dir, "cut.warc.wet.gz", &gz[..gz.len() - 200]);
    let out = run_in(&dir, &["--wet", "cut.warc.wet.gz"], b"");
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr_lines().len(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("cut.warc.wet.gz: record 4"),
        "{}",
        out.stderr
    );
    let recs = out.json();
    assert_eq!(recs.len(), 3);
    assert!(recs[1]["text"].is_string() && recs[2]["error"].is_string());

    // Not a WARC file at all.
    write(&dir, "junk.wet", b"hello\nworld\n");
    let out = run_in(&dir, &["--wet", "junk.wet"], b"");
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("junk.wet: record 1: expected a WARC/1.x version line"),
        "{}",
        out.stderr
    );
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let dir = tmp("utf8");
    let mut bytes = STORM.as_bytes().to_vec();
    let at = STORM.find("Heavy rain").unwrap();
    bytes.splice(at..at + 5, *b"\xffeavy");
    write(&dir, "latin.txt", &bytes);
    let out = run_in(&dir, &["latin.txt"], b"");
    assert_eq!(out.code, 0);
    assert!(
        out.stderr
            .contains("warning: latin.txt: invalid UTF-8, decoded lossily"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("\u{FFFD}eavy rain"), "{}", out.stdout);

    let mut line = b"{\"text\": \"".to_vec();
    line.extend_from_slice(b"caf\xe9 au lait\"}\n");
    write(&dir, "l.jsonl", &line);
    let out = run_in(&dir, &["--jsonl", "l.jsonl"], b"");
    assert_eq!(out.code, 0);
    assert!(
        out.stderr.contains("l.jsonl: line 1: invalid UTF-8"),
        "{}",
        out.stderr
    );
    assert_eq!(out.json().len(), 1);
}

#[test]
fn explain_lists_blocks_without_colour_when_piped() {
    let dir = tmp("explain");
    write(&dir, "s.txt", STORM.as_bytes());
    let out = run_in(&dir, &["--explain", "s.txt"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains('\x1b'));
    let blocks = bodytext::explain(STORM);
    let mut lines = out.stdout.lines();
    let doc = bodytext::extract(STORM);
    assert_eq!(
        lines.next(),
        Some(
            format!(
                "# s.txt: language en (detected), encoding UTF-8 (utf-8), page type {} \
                 (detected, p {:.2})",
                doc.page_type, doc.page_type_probability
            )
            .as_str()
        )
    );
    let heads: Vec<&str> = lines.filter(|l| !l.starts_with("          ")).collect();
    assert_eq!(heads.len(), blocks.len(), "{}", out.stdout);
    for (line, b) in heads.iter().zip(&blocks) {
        assert!(line.contains(&b.label.to_string()), "{line}");
        assert!(line.ends_with(&b.text), "{line}");
        assert!(line.contains(if b.kept { "+ " } else { "- " }), "{line}");
    }
    let json = run_in(&dir, &["--explain", "--format", "jsonl", "s.txt"], b"");
    let mut recs = json.json();
    let head = recs.remove(0);
    assert_eq!(
        (&head["input"], &head["language"], &head["language_source"]),
        (&"s.txt".into(), &"en".into(), &"detected".into())
    );
    assert_eq!(
        (&head["encoding"], &head["encoding_source"]),
        (&"UTF-8".into(), &"utf-8".into())
    );
    assert_eq!(
        (&head["page_type"], &head["page_type_source"]),
        (&doc.page_type.name().into(), &"detected".into())
    );
    assert_eq!(recs.len(), blocks.len());
    let kept: Vec<&str> = recs
        .iter()
        .filter(|r| r["kept"] == true)
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(kept.join("\n"), bodytext::clean(STORM));

    let two = run_in(&dir, &["--explain", "s.txt", "s.txt"], b"");
    assert_eq!(two.code, 2);
}

#[test]
fn order_is_kept_across_batches_and_threads() {
    let dir = tmp("many");
    let n = 700; // more than one batch of 256
    let mut args = vec!["--format".to_string(), "jsonl".to_string()];
    for i in 0..n {
        // Alternate long and short pages so that workers finish out of order.
        let text = if i % 2 == 0 {
            sample()
        } else {
            format!("Page {i}\n")
        };
        write(&dir, &format!("p{i}.txt"), text.as_bytes());
        args.push(format!("p{}.txt", (i * 7) % n)); // a permutation of 0..n
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let one = run_in(&dir, &[&["-j", "1"], &args[..]].concat(), b"");
    let two = run_in(&dir, &[&["-j", "2"], &args[..]].concat(), b"");
    assert_eq!((one.code, two.code), (0, 0));
    assert_eq!(one.stdout, two.stdout);
    let recs = two.json();
    assert_eq!(recs.len(), n);
    for (rec, arg) in recs.iter().zip(&args[2..]) {
        assert_eq!(rec["path"].as_str(), Some(*arg));
    }
    assert_eq!(recs[0]["text"], bodytext::clean(&sample()).as_str());
}

#[test]
fn out_never_overwrites_an_earlier_output() {
    let dir = tmp("collide");
    write(&dir, "a/x.txt", STORM.as_bytes());
    write(&dir, "b/x.txt", BREAD.as_bytes());
    let out = run_in(&dir, &["--out", "o", "a", "b"], b"");
    assert_eq!(out.code, 1);
    let err = out.stderr_lines();
    assert_eq!(err.len(), 1, "{}", out.stderr);
    assert!(
        err[0].contains("b/x.txt") && err[0].contains("already written"),
        "{}",
        err[0]
    );
    let written = fs::read_to_string(dir.join("o/x.txt")).unwrap();
    assert_eq!(written, format!("{}\n", bodytext::clean(STORM)));
}

#[test]
fn json_records_carry_title_language_and_encoding() {
    let dir = tmp("fields");
    write(&dir, "s.txt", STORM.as_bytes());
    let doc = bodytext::extract(STORM);
    assert!(doc.title.is_some());
    let out = run_in(&dir, &["--format", "jsonl", "s.txt"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rec = &out.json()[0];
    let keys: Vec<&str> = rec
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["path", "text", "title", "language", "encoding"]);
    assert_eq!(rec["title"], doc.title.as_deref().unwrap());
    assert_eq!(
        (&rec["language"], &rec["encoding"]),
        (&"en".into(), &"UTF-8".into())
    );

    let out = run_in(
        &dir,
        &["--format", "jsonl", "--fields", "title", "s.txt"],
        b"",
    );
    let keys: Vec<String> = out.json()[0].as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["path", "text", "title"]);
    let out = run_in(
        &dir,
        &["--format", "jsonl", "--fields", "none", "s.txt"],
        b"",
    );
    let keys: Vec<String> = out.json()[0].as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["path", "text"]);

    // JSON Lines: no encoding (JSON is UTF-8), and a field of the input is kept as it is.
    let line = serde_json::json!({"title": "mine", "text": STORM}).to_string();
    let out = run_in(&dir, &["--jsonl"], line.as_bytes());
    let rec = &out.json()[0];
    assert_eq!(
        (&rec["title"], &rec["language"]),
        (&"mine".into(), &"en".into())
    );
    assert!(rec.get("encoding").is_none());
}

#[test]
fn wet_records_keep_date_and_identified_language() {
    let dir = tmp("wet_headers");
    let out = run_in(&dir, &["--wet", &fixture("sample.warc.wet.gz")], b"");
    check_wet(&out);
    let recs = out.json();
    let langs: Vec<&str> = recs
        .iter()
        .map(|r| r["WARC-Identified-Content-Language"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["eng", "deu", "eng,fra"]);
    assert!(
        recs.iter()
            .all(|r| r["WARC-Date"] == "2024-01-01T00:00:00Z")
    );
    assert_eq!(recs[1]["language"], "de");
    assert_eq!(recs[0]["title"], "Storm closes coastal roads");
    assert_eq!(recs[0]["encoding"], "UTF-8");
}

#[test]
fn zstd_inputs_are_read_like_gzip_ones() {
    let dir = tmp("zstd");
    let wet = fs::read(fixture("sample.warc.wet")).unwrap();
    write(
        &dir,
        "s.warc.wet.zst",
        &zstd::encode_all(&wet[..], 3).unwrap(),
    );
    let zst = run_in(&dir, &["--wet", "s.warc.wet.zst"], b"");
    check_wet(&zst);
    let gz = run_in(&dir, &["--wet", &fixture("sample.warc.wet.gz")], b"");
    let texts = |o: &Out| -> Vec<Value> { o.json().iter().map(|r| r["text"].clone()).collect() };
    assert_eq!(texts(&zst), texts(&gz));

    let line = serde_json::json!({"text": STORM}).to_string() + "\n";
    write(
        &dir,
        "p.jsonl.zst",
        &zstd::encode_all(line.as_bytes(), 3).unwrap(),
    );
    write(
        &dir,
        "page.txt.zst",
        &zstd::encode_all(STORM.as_bytes(), 3).unwrap(),
    );
    let out = run_in(&dir, &["--jsonl", "p.jsonl.zst"], b"");
    assert_eq!(out.json()[0]["text"], bodytext::clean(STORM).as_str());
    let out = run_in(&dir, &["page.txt.zst"], b"");
    assert_eq!(out.stdout, format!("{}\n", bodytext::clean(STORM)));
    // Mirrored into --out without the `.zst`.
    let out = run_in(&dir, &["--jsonl", "--out", "o", "p.jsonl.zst"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(dir.join("o/p.jsonl").exists());
}

#[test]
fn several_documents_are_named_and_an_empty_body_shows() {
    let dir = tmp("named");
    write(&dir, "a.txt", STORM.as_bytes());
    write(&dir, "menu.txt", b"Home | News | Sport\nContact\n");
    write(&dir, "b.txt", BREAD.as_bytes());
    assert_eq!(bodytext::clean("Home | News | Sport\nContact\n"), "");
    let out = run_in(&dir, &["a.txt", "menu.txt", "b.txt"], b"");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let docs = [
        ("a.txt", bodytext::clean(STORM)),
        ("menu.txt", String::new()),
        ("b.txt", bodytext::clean(BREAD)),
    ];
    assert_eq!(out.stdout, text_format(&docs));
    assert!(out.stdout.contains("==> menu.txt <== (empty)\n"));
    // -v says so on stderr, with a summary.
    let out = run_in(&dir, &["-v", "a.txt", "menu.txt"], b"");
    assert!(out.stderr.contains("menu.txt: no body"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("a.txt: 2 paragraphs, language en, encoding UTF-8 (utf-8)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("2 pages (1 with no body, 0 failed)"),
        "{}",
        out.stderr
    );
}

#[test]
fn output_file_quiet_and_jobs() {
    let dir = tmp("output_file");
    write(&dir, "a.txt", STORM.as_bytes());
    let mut bad = STORM.as_bytes().to_vec();
    bad.extend_from_slice("caf\u{e9} \u{a9} ok \u{2014}\n".as_bytes());
    bad.extend_from_slice(b"\xff\n");
    write(&dir, "bad.txt", &bad);
    let out = run_in(&dir, &["-o", "out.txt", "a.txt"], b"");
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
    let written = fs::read_to_string(dir.join("out.txt")).unwrap();
    assert_eq!(written, format!("{}\n", bodytext::clean(STORM)));
    let out = run_in(
        &dir,
        &["--output", "out.jsonl", "--format", "jsonl", "a.txt"],
        b"",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        fs::read_to_string(dir.join("out.jsonl"))
            .unwrap()
            .starts_with("{\"path\"")
    );
    // Never over an input.
    let out = run_in(&dir, &["-o", "a.txt", "a.txt"], b"");
    assert_eq!(out.code, 2);
    assert_eq!(fs::read(dir.join("a.txt")).unwrap(), STORM.as_bytes());
    assert_eq!(
        run_in(&dir, &["-o", "x", "--out", "o", "a.txt"], b"").code,
        2
    );

    let loud = run_in(&dir, &["bad.txt"], b"");
    assert!(
        loud.stderr.contains("warning: bad.txt: invalid UTF-8"),
        "{}",
        loud.stderr
    );
    let quiet = run_in(&dir, &["-q", "bad.txt", "missing.txt"], b"");
    assert_eq!(quiet.code, 1);
    assert_eq!(quiet.stderr_lines().len(), 1, "{}", quiet.stderr);
    assert!(
        quiet.stderr.contains("error: missing.txt"),
        "{}",
        quiet.stderr
    );

    let zero = run_in(&dir, &["-j", "0", "a.txt"], b"");
    assert_eq!((zero.code, zero.stdout.as_str()), (2, ""));
    assert!(zero.stderr.contains("at least 1"), "{}", zero.stderr);
}

#[test]
fn html_input_gets_a_one_line_warning() {
    let dir = tmp("html");
    let html = format!(
        "<!DOCTYPE html>\n<html><body><p>{}</p></body></html>\n",
        STORM.replace("\n\n", "</p><p>")
    );
    write(&dir, "page.html", html.as_bytes());
    let out = run_in(&dir, &["page.html"], b"");
    assert_eq!(out.code, 0);
    let err = out.stderr_lines();
    assert_eq!(err.len(), 1, "{}", out.stderr);
    assert!(
        err[0].contains("page.html: looks like HTML") && err[0].contains("convert"),
        "{}",
        err[0]
    );
    let line = serde_json::json!({"text": html}).to_string();
    let out = run_in(&dir, &["--jsonl"], line.as_bytes());
    assert!(
        out.stderr.contains("<stdin>: line 1: looks like HTML"),
        "{}",
        out.stderr
    );
    let out = run_in(&dir, &[], STORM.as_bytes());
    assert_eq!(out.stderr, "");
}

#[test]
fn legacy_encodings_are_detected_or_given() {
    let dir = tmp("encodings");
    let page = STORM.replace(
        "Heavy rain",
        "Heavy rain \u{e0} la fran\u{e7}aise, d\u{e9}j\u{e0} vu",
    );
    let (latin, _, bad) = encoding_rs::WINDOWS_1252.encode(&page);
    assert!(!bad);
    write(&dir, "latin.txt", &latin);
    let out = run_in(&dir, &["--format", "jsonl", "latin.txt"], b"");
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let rec = &out.json()[0];
    assert_eq!(rec["encoding"], "windows-1252");
    assert_eq!(rec["text"], bodytext::clean(&page).as_str());
    let out = run_in(&dir, &["--explain", "latin.txt"], b"");
    assert!(
        out.stdout
            .starts_with("# latin.txt: language en (detected), encoding windows-1252 (detected), "),
        "{}",
        out.stdout
    );

    let (cyrillic, _, _) = encoding_rs::KOI8_R.encode(
        "Главная | Новости\n\nВ субботу в центральном парке города прошла большая акция.\n",
    );
    write(&dir, "ru.txt", &cyrillic);
    let out = run_in(
        &dir,
        &["--encoding", "koi8-r", "--format", "jsonl", "ru.txt"],
        b"",
    );
    assert_eq!(out.json()[0]["encoding"], "KOI8-R");
    let out = run_in(&dir, &["--encoding", "koi8-r", "--explain", "ru.txt"], b"");
    assert!(
        out.stdout.contains("encoding KOI8-R (declared)"),
        "{}",
        out.stdout
    );
    let bad = run_in(&dir, &["--encoding", "klingon", "ru.txt"], b"");
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("unknown encoding \"klingon\""),
        "{}",
        bad.stderr
    );
}

#[test]
fn languages_are_listed_checked_and_reported() {
    let dir = tmp("languages");
    let out = run_in(&dir, &["--lang", "list"], b"");
    assert_eq!(out.code, 0);
    let listed: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(listed, bodytext::languages());
    let bad = run_in(&dir, &["--lang", "xx"], STORM.as_bytes());
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("unsupported language \"xx\"") && bad.stderr.contains(" de "),
        "{}",
        bad.stderr
    );
    write(&dir, "s.txt", STORM.as_bytes());
    let out = run_in(&dir, &["--lang", "de", "--explain", "s.txt"], b"");
    assert!(
        out.stdout.starts_with("# s.txt: language de (given)"),
        "{}",
        out.stdout
    );
}
