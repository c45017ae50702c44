"""The datatrove step end to end: WarcReader over the WET fixture → BodytextFormatter →
JsonlWriter, on LocalPipelineExecutor, with the real datatrove package."""

import gzip
import json
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import bodytext
from conftest import DATA, listing_page

pytest.importorskip("datatrove")
pytest.importorskip("warcio")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import WarcReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from bodytext.datatrove import BodytextFormatter  # noqa: E402

FIXTURE = DATA / "sample.warc.wet.gz"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "clean_wet.py"
IDS = [f"<urn:uuid:00000000-0000-4000-8000-00000000000{i}>" for i in (1, 2, 3, 4)]


def fixture_records():
    """(id, text) of the fixture's conversion records, in file order, read without datatrove."""
    from warcio.archiveiterator import ArchiveIterator

    with open(FIXTURE, "rb") as f:
        return [
            (r.rec_headers["WARC-Record-ID"], r.content_stream().read().decode())
            for r in ArchiveIterator(f)
            if r.rec_type == "conversion"
        ]


def read_jsonl(folder: Path):
    docs = []
    for f in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as lines:
            docs.extend(json.loads(line) for line in lines)
    return docs


def formatter_stats(logs: Path):
    stats = json.loads((logs / "stats.json").read_text())
    return next(s["stats"] for s in stats if "bodytext" in s["name"])


@pytest.fixture
def wet_dir(tmp_path):
    d = tmp_path / "wet"
    d.mkdir()
    shutil.copy(FIXTURE, d / FIXTURE.name)
    return d


def run(wet_dir, out, logs, **kwargs):
    LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(wet_dir), glob_pattern="*.warc.wet.gz"),
            BodytextFormatter(**kwargs),
            JsonlWriter(str(out)),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(logs),
    ).run()


def test_fixture_is_what_the_tests_expect():
    records = fixture_records()
    assert [rid for rid, _ in records] == IDS
    bodies = [bodytext.clean(text) for _, text in records]
    assert all(bodies[:3]) and bodies[3] == ""


def test_pipeline_keeps_every_document_by_default(wet_dir, tmp_path):
    run(wet_dir, tmp_path / "out", tmp_path / "logs")
    docs = read_jsonl(tmp_path / "out")
    records = fixture_records()
    assert len(docs) == 4
    assert [d["id"] for d in docs] == IDS
    # JsonlWriter leaves out empty fields: the emptied document has no "text".
    texts = [d.get("text", "") for d in docs]
    assert texts == [bodytext.clean(t) for _, t in records]
    assert texts[0].startswith("Heavy rain and strong winds")
    assert "Share this" not in texts[0]
    assert texts[1].startswith("Wenn die Nächte kühler werden")
    assert texts[3] == ""
    assert docs[0]["metadata"]["url"] == "https://news.example.org/storm"
    stats = formatter_stats(tmp_path / "logs")
    assert stats["total"] == 4
    assert stats["kept"] == 4
    assert stats["emptied"] == 1
    assert "dropped" not in stats


def test_pipeline_drops_short_bodies(wet_dir, tmp_path):
    records = fixture_records()
    lengths = [len(bodytext.clean(t)) for _, t in records]
    # Between the shortest and the longest body: drops the empty one and the shortest.
    min_chars = sorted(lengths)[1] + 1
    run(wet_dir, tmp_path / "out", tmp_path / "logs", min_chars=min_chars)
    docs = read_jsonl(tmp_path / "out")
    kept = [i for i, n in enumerate(lengths) if n >= min_chars]
    assert len(kept) == 2
    assert [d["id"] for d in docs] == [IDS[i] for i in kept]
    assert [d["text"] for d in docs] == [bodytext.clean(records[i][1]) for i in kept]
    stats = formatter_stats(tmp_path / "logs")
    assert (stats["total"], stats["kept"], stats["dropped"], stats["emptied"]) == (4, 2, 2, 1)


def test_formatter_options_and_format():
    f = BodytextFormatter(preset="recall", headings=False, language="en")
    assert repr(f.cleaner) == (
        "Cleaner(preset='recall', headings=False, lists=True, language='en', settle=True, "
        "page_type=None, detect_page_type=True)"
    )
    _, text = fixture_records()[0]
    assert f.format(text) == bodytext.Cleaner(preset="recall", headings=False, language="en").clean(
        text
    )
    with pytest.raises(ValueError):
        BodytextFormatter(preset="fast")
    with pytest.raises(ValueError):
        BodytextFormatter(min_chars=-1)


def test_formatter_page_type_options():
    listing = listing_page()
    off = BodytextFormatter(detect_page_type=False)
    assert off.cleaner.detect_page_type is False and off.cleaner.page_type is None
    assert off.format(listing) == bodytext.Cleaner(detect_page_type=False).clean(listing)
    assert off.format(listing) != BodytextFormatter().format(listing)
    given = BodytextFormatter(page_type="listing", detect_page_type=False)
    assert given.cleaner.page_type == "listing"
    assert given.format(listing) == bodytext.Cleaner(page_type="listing").clean(listing)
    # datatrove pickles its steps for worker processes: the options travel with them.
    clone = pickle.loads(pickle.dumps(given))
    assert repr(clone.cleaner) == repr(given.cleaner)
    with pytest.raises(ValueError, match="unknown page type"):
        BodytextFormatter(page_type="blog")


def test_example_runs_on_the_fixture(wet_dir, tmp_path):
    out = tmp_path / "clean"
    subprocess.run(
        [sys.executable, str(EXAMPLE), str(wet_dir), str(out), "--min-chars", "1"],
        check=True,
        capture_output=True,
    )
    docs = read_jsonl(out)
    assert [d["id"] for d in docs] == IDS[:3]
    assert [d["text"] for d in docs] == [bodytext.clean(t) for _, t in fixture_records()[:3]]
    assert formatter_stats(tmp_path / "clean-logs")["dropped"] == 1


def test_pipeline_in_worker_processes(wet_dir, tmp_path):
    # Two tasks in two worker processes: the formatter (and its Cleaner) is pickled.
    shutil.copy(FIXTURE, wet_dir / ("b-" + FIXTURE.name))
    LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(wet_dir), glob_pattern="*.warc.wet.gz"),
            BodytextFormatter(min_chars=1, preset="precision"),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    docs = read_jsonl(tmp_path / "out")
    cleaner = bodytext.Cleaner(preset="precision")
    expected = [(rid, cleaner.clean(t)) for rid, t in fixture_records()]
    expected = [e for e in expected if e[1]]
    assert [(d["id"], d["text"]) for d in docs] == expected * 2
    assert formatter_stats(tmp_path / "logs")["kept"] == 2 * len(expected)
