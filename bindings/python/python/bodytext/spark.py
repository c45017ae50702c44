"""bodytext in PySpark: a pandas UDF that cleans one Arrow batch at a time
(``pip install "bodytext[spark]"``).

>>> from bodytext.spark import clean_udf
>>> df = df.withColumn("body", clean_udf()("text"))

Each batch goes to ``Cleaner.clean_batch`` in one call, with the GIL released. Spark already
runs one Python worker per executor core, so the default cleans each batch on one thread;
raise ``threads`` only when executors have idle cores.
"""

from typing import Any, Optional

from ._bodytext import Cleaner

__all__ = ["clean_udf"]


def clean_udf(
    preset: str = "balanced",
    headings: bool = True,
    lists: bool = True,
    language: Optional[str] = None,
    settle: bool = True,
    threads: Optional[int] = 1,
    page_type: Optional[str] = None,
    detect_page_type: bool = True,
) -> Any:
    """A pandas UDF (string column → string column) returning ``Cleaner.clean`` of each
    value; nulls stay null.

    The options (``threads`` aside) are those of ``bodytext.Cleaner`` (validated here, on
    the driver);
    ``threads`` is passed to ``Cleaner.clean_batch`` (None: every core of the executor).
    """
    import pandas as pd
    from pyspark.sql.functions import pandas_udf
    from pyspark.sql.types import StringType

    cleaner = Cleaner(
        preset=preset,
        headings=headings,
        lists=lists,
        language=language,
        settle=settle,
        page_type=page_type,
        detect_page_type=detect_page_type,
    )

    def clean_series(texts: pd.Series) -> pd.Series:
        present = texts.notna()
        out = pd.Series([None] * len(texts), index=texts.index, dtype=object)
        if present.any():
            out[present] = cleaner.clean_batch(texts[present].tolist(), threads=threads)
        return out

    return pandas_udf(clean_series, returnType=StringType())
