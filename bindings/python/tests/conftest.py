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


def listing_page() -> str:
    """A blog's list of dated teasers (the library's `tests/page_type.rs` listing): detected
    as a listing, whose lower bar keeps more of it than an article's would."""
    titles = [
        "Allocating Memory on the Stack",
        "Faster Builds With Incremental Caches",
        "What We Learned From the Survey",
        "A New Release of the Compiler",
        "Testing Network Code Without a Network",
        "Profiling Programs in Production",
        "Ten Years of the Project",
        "Better Error Messages for Beginners",
    ]
    page = "Home | Blog | About | Contact\n\nThe Example Blog\n\n"
    for i, title in enumerate(titles):
        page += (
            f"{title}\n\n{i + 2} March 2024\n\nA short look at {title.lower()} and what it "
            "means for the people who use it every day...\n\nRead more\n\n"
        )
    return page + "Next page\n\n© 2024 Example Blog\n"
