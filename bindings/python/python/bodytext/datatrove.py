"""bodytext as a step of a datatrove pipeline (``pip install "bodytext[datatrove]"``).

>>> from datatrove.executor import LocalPipelineExecutor
>>> from datatrove.pipeline.readers import WarcReader
>>> from datatrove.pipeline.writers import JsonlWriter
>>> from bodytext.datatrove import BodytextFormatter
>>> LocalPipelineExecutor(pipeline=[
...     WarcReader("crawl/", glob_pattern="*.warc.wet.gz"),
...     BodytextFormatter(min_chars=200),
...     JsonlWriter("clean/"),
... ], tasks=4).run()

Reading WARC/WET files with datatrove's ``WarcReader`` needs ``datatrove[io]``.
"""

from __future__ import annotations

from typing import Optional

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.formatters.base import BaseFormatter
    from datatrove.utils.typeshelper import StatHints
except ImportError as e:  # pragma: no cover - depends on the environment
    raise ImportError(
        f'bodytext.datatrove needs datatrove: pip install "bodytext[datatrove]" ({e})'
    ) from e

from ._bodytext import Cleaner

__all__ = ["BodytextFormatter"]


class BodytextFormatter(BaseFormatter):
    """Replace each document's text with its article body (``bodytext.clean``).

    Args:
        min_chars: drop documents whose body is shorter than this many characters (0, the
            default, drops none: a document with no body goes on with empty text).
        preset, headings, lists, language, settle, page_type, detect_page_type: the options
            of ``bodytext.Cleaner``.

    Stats, beside datatrove's ``total``: ``kept`` (documents passed on), ``dropped``
    (bodies shorter than ``min_chars``) and ``emptied`` (documents whose body is empty,
    whether kept or dropped). ``kept + dropped == total``.
    """

    name = "🧹 bodytext"

    def __init__(
        self,
        min_chars: int = 0,
        preset: str = "balanced",
        headings: bool = True,
        lists: bool = True,
        language: Optional[str] = None,
        settle: bool = True,
        page_type: Optional[str] = None,
        detect_page_type: bool = True,
    ):
        super().__init__()
        if min_chars < 0:
            raise ValueError("min_chars must not be negative")
        self.min_chars = min_chars
        self.cleaner = Cleaner(
            preset=preset,
            headings=headings,
            lists=lists,
            language=language,
            settle=settle,
            page_type=page_type,
            detect_page_type=detect_page_type,
        )

    def format(self, text: str) -> str:
        """The article body of ``text``."""
        return self.cleaner.clean(text)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                body = self.cleaner.clean(doc.text)
            doc.text = body
            if not body:
                self.stat_update("emptied")
            if len(body) < self.min_chars:
                self.stat_update(StatHints.dropped)
                continue
            self.stat_update("kept")
            yield doc
