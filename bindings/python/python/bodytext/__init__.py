"""Strip boilerplate (menus, ads, share buttons, footers, comment forms) from text scraped
off web pages and keep the article body.

>>> import bodytext
>>> body = bodytext.clean(open("page.txt", encoding="utf-8").read())

``clean`` returns the body paragraphs in input order, one per line. ``explain`` shows why
each block was kept or dropped; ``Cleaner`` fixes the options and cleans batches in
parallel. Every call releases the GIL, so Python threads clean in parallel too.

Engines: ``bodytext.datatrove.BodytextFormatter`` (a datatrove pipeline step) and
``bodytext.spark.clean_udf`` (a PySpark pandas UDF); each imports its engine only when used.
"""

from ._bodytext import (
    Block,
    Cleaner,
    Document,
    __version__,
    clean,
    clean_bytes,
    explain,
    extract,
)

__all__ = [
    "Block",
    "Cleaner",
    "Document",
    "__version__",
    "clean",
    "clean_bytes",
    "explain",
    "extract",
]
