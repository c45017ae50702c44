import copy
import multiprocessing
import os
import pickle
import sys
import threading

import pytest

import bodytext
from conftest import ROOT, listing_page, read

SCRIPTS = sorted((ROOT / "tests" / "scripts").iterdir())
SEEDS = sorted(p for p in (ROOT / "tests" / "seeds").iterdir() if (p / "input.txt").is_file())
PAGE_TYPES = ("article", "forum", "product", "listing", "collection", "documentation", "service")


def normalise(s: str) -> str:
    return " ".join(s.split())


def test_seed_000_is_cleaned_to_its_gold(seed000):
    text, gold = seed000
    assert bodytext.clean(text) == gold.rstrip()


def test_cleaner_with_defaults_is_clean(seed000):
    text, gold = seed000
    c = bodytext.Cleaner()
    assert c.clean(text) == gold.rstrip()
    assert c.extract(text) == bodytext.extract(text)
    assert c.explain(text) == bodytext.explain(text)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_non_latin_scripts(script):
    expected = read(script / "expected.txt").rstrip("\n")
    assert bodytext.clean(read(script / "input.txt")) == expected
    assert bodytext.clean_bytes((script / "input.txt").read_bytes()) == expected


def test_unicode_survives_unchanged():
    para = (
        "Zoë’s café served crème brûlée 🍮 to 42 guests, and the Ελληνικά, 日本語 and עברית "
        "menus were printed side by side on the same long table near the window."
    )
    page = f"Home | News\n\n{para}\n\n{para.replace('42', '43')}\n\nShare this\n© 2024"
    out = bodytext.clean(page)
    assert para in out.split("\n")
    assert "Share this" not in out


def test_invalid_utf8_bytes(seed000):
    text, gold = seed000
    data = text.encode()
    # A byte order mark is dropped; a stray byte becomes U+FFFD.
    assert bodytext.clean_bytes(b"\xef\xbb\xbf" + data) == gold.rstrip()
    first = gold.split("\n")[0]
    cut = data.index(first.encode()) + 10
    broken = data[:cut] + b"\xff" + data[cut:]
    out = bodytext.clean_bytes(broken)
    assert "\ufffd" in out.split("\n")[0]
    assert out == bodytext.clean(broken.decode("utf-8", errors="replace"))
    assert bodytext.Cleaner().clean_bytes(bytearray(broken)) == out
    assert bodytext.clean_bytes(b"\xff\xfe\xfd") == ""


def test_lone_surrogate_is_refused():
    with pytest.raises(UnicodeEncodeError):
        bodytext.clean("text \ud800 text")


def test_empty_input():
    assert bodytext.clean("") == ""
    assert bodytext.clean_bytes(b"") == ""
    assert bodytext.explain("") == []
    doc = bodytext.extract("")
    assert doc.title is None and doc.body == ""
    assert bodytext.Cleaner().clean_batch([]) == []
    assert bodytext.Cleaner().clean_batch(["", "   \n\n"]) == ["", ""]


def big_page(seed000, mb: int) -> str:
    # Distinct copies of the seed's page (a number in every paragraph), so that no copy is
    # a repeat of another.
    text, _ = seed000
    parts = []
    size, i = 0, 0
    while size < mb * 1_000_000:
        copy_i = "\n\n".join(f"{p} ({i})" if p.strip() else p for p in text.split("\n\n"))
        parts.append(copy_i)
        size += len(copy_i.encode())
        i += 1
    return "\n\n".join(parts)


def test_multi_megabyte_input(seed000):
    page = big_page(seed000, 4)
    assert len(page.encode()) >= 4_000_000
    out = bodytext.clean(page)
    lines = out.split("\n")
    assert len(out) > 100_000
    # Every output line is text of the input: one line, or lines run together.
    input_lines = {normalise(line) for line in page.split("\n")}
    flat = normalise(page)
    assert all(line in input_lines or line in flat for line in lines)
    assert bodytext.clean_bytes(page.encode()) == out


def test_extract_and_explain_agree_with_clean(seed000):
    text, gold = seed000
    doc = bodytext.extract(text)
    assert doc.body == gold.rstrip()
    assert doc.title and doc.title not in doc.body.split("\n")
    blocks = bodytext.explain(text)
    assert "\n".join(b.text for b in blocks if b.kept) == doc.body
    assert [b.text for b in blocks if b.label == "title"] == [doc.title]
    for b in blocks:
        assert isinstance(b.label, str) and b.label
        assert b.label in ("body", "title", "heading") or b.label.startswith("boilerplate:")
        assert 0.0 <= b.score <= 1.0
        assert all(isinstance(r, str) and r for r in b.reasons)
        assert b.lines[0] < b.lines[1]
    assert any(b.reasons for b in blocks)
    assert repr(blocks[0]).startswith("Block(label=")
    assert repr(doc).startswith("Document(title=")
    assert doc.page_type in PAGE_TYPES
    assert 0.0 < doc.page_type_probability <= 1.0


def test_cleaner_options():
    c = bodytext.Cleaner(
        preset="Recall",
        headings=False,
        lists=False,
        language="en",
        settle=False,
        page_type="Forum",
        detect_page_type=False,
    )
    assert (
        c.preset,
        c.headings,
        c.lists,
        c.language,
        c.settle,
        c.page_type,
        c.detect_page_type,
    ) == ("recall", False, False, "en", False, "forum", False)
    assert repr(c) == (
        "Cleaner(preset='recall', headings=False, lists=False, language='en', settle=False, "
        "page_type='forum', detect_page_type=False)"
    )
    d = bodytext.Cleaner()
    assert (
        d.preset,
        d.headings,
        d.lists,
        d.language,
        d.settle,
        d.page_type,
        d.detect_page_type,
    ) == ("balanced", True, True, None, True, None, True)
    assert repr(d) == (
        "Cleaner(preset='balanced', headings=True, lists=True, language=None, settle=True, "
        "page_type=None, detect_page_type=True)"
    )
    # The new options come last: positional calls that stop at `settle` mean what they did.
    assert repr(bodytext.Cleaner("recall", False, False, "en", False)) == repr(
        bodytext.Cleaner(preset="recall", headings=False, lists=False, language="en", settle=False)
    )


def test_page_type_detection_off_reads_every_page_as_an_article(seed000):
    listing = listing_page()
    detected = bodytext.extract(listing)
    assert detected.page_type == "listing"
    assert 0.0 < detected.page_type_probability <= 1.0
    off = bodytext.Cleaner(detect_page_type=False)
    doc = off.extract(listing)
    # No type detected: the page is cleaned, and reported, as an article, with no belief.
    assert doc.page_type == "article"
    assert doc.page_type_probability == 0.0
    # The listing's lower bar is gone: less of the teasers is kept.
    assert doc.body != detected.body
    assert len(doc.body) < len(detected.body)
    assert set(doc.body.split("\n")) <= set(detected.body.split("\n"))
    # Reading every page as an article is what giving "article" does, for every page.
    article = bodytext.Cleaner(page_type="article")
    pages = [listing, STORM] + [read(s / "input.txt") for s in SEEDS]
    for page in pages:
        assert off.clean(page) == article.clean(page)
        assert off.extract(page).page_type == "article"
        assert "\n".join(b.text for b in off.explain(page) if b.kept) == off.clean(page)
    assert off.clean_batch(pages, threads=2) == [off.clean(p) for p in pages]
    text, _ = seed000
    assert off.clean_bytes(text.encode()) == off.clean(text)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_a_page_type_given_is_the_type_returned(name):
    for detect in (True, False):
        c = bodytext.Cleaner(page_type=name, detect_page_type=detect)
        for page in (STORM, listing_page()):
            doc = c.extract(page)
            assert doc.page_type == name
            assert doc.page_type_probability == 1.0
    # Names are read whatever their case, as the library reads them.
    assert bodytext.Cleaner(page_type=name.upper()).page_type == name


def test_a_page_type_given_acts_on_the_body():
    listing = listing_page()
    # Given as a listing, the page is cleaned as one even with detection off.
    given = bodytext.Cleaner(page_type="listing", detect_page_type=False).extract(listing)
    assert given.body == bodytext.Cleaner(page_type="listing").clean(listing)
    assert len(given.body) > len(bodytext.Cleaner(detect_page_type=False).clean(listing))
    # A forum's bar is an article's (as in the library's own test).
    assert bodytext.Cleaner(page_type="forum").clean(STORM) == bodytext.clean(STORM)


STORM = """Home | News | Sport | Weather

Storm closes coastal roads

Heavy rain and strong winds closed several coastal roads on Tuesday, and the authorities \
asked drivers to stay at home until the storm has passed over the region.

Officials said the roads would reopen once the water had drained away and the damage had \
been checked by engineers, which could take until the end of the week.

What happens next

The council will meet on Friday to decide how to pay for the repairs, and residents have \
been invited to send in their questions before the meeting takes place.

Engineers expect the work on the harbour wall to last until the spring, when the weather \
should allow the heavy machines to reach the damaged section of the road.

Share this article
Facebook
Twitter
© 2024 Example News. All rights reserved."""


def test_headings_option():
    headings = [b.text for b in bodytext.explain(STORM) if b.kept and b.label == "heading"]
    assert headings == ["What happens next"]
    assert "What happens next" in bodytext.clean(STORM).split("\n")
    without = bodytext.Cleaner(headings=False)
    assert not [b for b in without.explain(STORM) if b.kept and b.label == "heading"]
    assert without.clean(STORM) == "\n".join(
        line for line in bodytext.clean(STORM).split("\n") if line != "What happens next"
    )
    assert bodytext.extract(STORM).title == "Storm closes coastal roads"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"preset": "fast"}, 'unknown preset "fast": expected precision, balanced or recall'),
        ({"language": "german"}, 'invalid language code "german"'),
        ({"language": "e1"}, 'invalid language code "e1"'),
        (
            {"page_type": "blog"},
            'unknown page type "blog": expected article, forum, product, listing, collection, '
            "documentation or service",
        ),
        ({"page_type": ""}, 'unknown page type ""'),
    ],
)
def test_bad_options_raise_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        bodytext.Cleaner(**kwargs)


def test_cleaner_pickles_and_copies():
    listing = listing_page()
    for c in (
        bodytext.Cleaner(preset="precision", language="de", settle=False),
        bodytext.Cleaner(detect_page_type=False),
        bodytext.Cleaner(page_type="listing", detect_page_type=False),
    ):
        for clone in (pickle.loads(pickle.dumps(c)), copy.deepcopy(c), copy.copy(c)):
            assert repr(clone) == repr(c)
            assert (clone.page_type, clone.detect_page_type) == (c.page_type, c.detect_page_type)
            assert clone.extract(listing) == c.extract(listing)


def test_clean_batch_equals_one_by_one():
    pages = [read(s / "input.txt") for s in SEEDS] + [read(s / "input.txt") for s in SCRIPTS]
    pages = pages * 3 + ["", "Sign in"]
    for c in (bodytext.Cleaner(), bodytext.Cleaner(preset="recall", settle=False)):
        one_by_one = [c.clean(p) for p in pages]
        for threads in (None, 1, 2, 3):
            assert c.clean_batch(pages, threads=threads) == one_by_one
        assert c.clean_batch(tuple(pages)) == one_by_one


def test_clean_batch_arguments():
    c = bodytext.Cleaner()
    with pytest.raises(ValueError, match="threads"):
        c.clean_batch(["a"], threads=0)
    with pytest.raises(TypeError):
        c.clean_batch("a string is not a batch")
    with pytest.raises(TypeError):
        c.clean_batch(["text", None])


def test_docstrings():
    assert "article body" in bodytext.clean.__doc__
    assert "GIL" in bodytext.Cleaner.clean_batch.__doc__
    assert "ValueError" in bodytext.Cleaner.__doc__
    assert bodytext.__version__


# The GIL is released while the library runs. With a switch interval far longer than any
# call here (100 s against well under a second), a thread holding the GIL keeps it until it
# releases it of its own accord, so the observer thread can see `inside` set only if the
# call released the GIL while running. No timing enters the verdict: a call that keeps the
# GIL can never be observed, and one that releases it is observed within a few calls.
CALLS = {
    "clean": lambda c, t: bodytext.clean(t),
    "clean_bytes": lambda c, t: bodytext.clean_bytes(t.encode()),
    "extract": lambda c, t: bodytext.extract(t),
    "explain": lambda c, t: bodytext.explain(t),
    "Cleaner.clean": lambda c, t: c.clean(t),
    "Cleaner.clean_bytes": lambda c, t: c.clean_bytes(t.encode()),
    "Cleaner.extract": lambda c, t: c.extract(t),
    "Cleaner.explain": lambda c, t: c.explain(t),
    "Cleaner.clean_batch(threads=1)": lambda c, t: c.clean_batch([t], threads=1),
    "Cleaner.clean_batch(threads=2)": lambda c, t: c.clean_batch([t, t], threads=2),
}


@pytest.mark.parametrize("name", CALLS)
def test_calls_release_the_gil(name, seed000):
    call = CALLS[name]
    text = big_page(seed000, 1)
    c = bodytext.Cleaner()
    state = {"inside": False, "seen": False, "done": False}

    def observe():
        import time

        while not state["done"]:
            if state["inside"]:
                state["seen"] = True
            # Sleeping releases the GIL for a while, so the main thread takes it back.
            time.sleep(0.0001)

    old = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    observer = threading.Thread(target=observe)
    observer.start()
    try:
        for _ in range(20):
            state["inside"] = True
            call(c, text)
            state["inside"] = False
            if state["seen"]:
                break
    finally:
        state["done"] = True
        observer.join()
        sys.setswitchinterval(old)
    assert state["seen"], f"{name} kept the GIL for the whole call"


def test_threads_clean_concurrently_and_correctly(seed000):
    pages = [big_page(seed000, 1)] + [read(s / "input.txt") for s in SEEDS]
    expected = [bodytext.clean(p) for p in pages]
    results = {}

    def work(k):
        results[k] = [bodytext.clean(p) for p in pages]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == expected for k in range(4))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_clean_batch_in_a_forked_child(seed000):
    # A batch before the fork, then one in the child: the child must not wait for threads
    # that were not forked with it.
    text, gold = seed000
    c = bodytext.Cleaner()
    assert c.clean_batch([text, text]) == [gold.rstrip()] * 2
    ctx = multiprocessing.get_context("fork")
    child = ctx.Process(target=_batch_in_child, args=(c, text, gold.rstrip()))
    child.start()
    child.join(120)
    hung = child.is_alive()
    if hung:
        child.kill()
        child.join()
    assert not hung, "clean_batch in the forked child did not return"
    assert child.exitcode == 0


def _batch_in_child(c, text, expected):
    ok = c.clean_batch([text, text]) == [expected] * 2 and c.clean_batch([text], threads=2) == [
        expected
    ]
    os._exit(0 if ok else 1)
