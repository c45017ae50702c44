import functools
from pathlib import Path

import pytest

# The repository's root: the Python tests read the library's own seed and script pages.
ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@functools.cache
def _seed000():
    d = ROOT / "tests" / "seeds" / "000_ead172d562056f8b"
    return read(d / "input.txt"), read(d / "gold.txt")


# Read once for the whole test run.
@pytest.fixture
def seed000():
    return _seed000()


@functools.cache
def listing_page() -> str:
    """A blog's list of dated teasers (the library's `tests/fixtures/listing.txt`, which
    `tests/page_type.rs` reads too): detected as a listing, whose lower bar keeps more of
    it than an article's would."""
    return read(ROOT / "tests" / "fixtures" / "listing.txt")
