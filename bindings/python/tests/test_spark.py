"""The pandas UDF with Spark in local mode (skipped when pyspark, pandas, pyarrow or a Java
runtime are missing)."""

import os
import shutil
import sys

import pytest

import bodytext
from conftest import ROOT, listing_page, read

pytest.importorskip("pyspark")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
if shutil.which("java") is None:
    pytest.skip("no Java runtime for Spark", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The workers run this interpreter, where bodytext is installed.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    local = (
        SparkSession.builder.master("local[2]")
        .appName("bodytext-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "3")
        .getOrCreate()
    )
    yield local
    local.stop()


def test_clean_udf(spark):
    from bodytext.spark import clean_udf

    pages = [read(p / "input.txt") for p in sorted((ROOT / "tests" / "seeds").iterdir())]
    pages += [read(p / "input.txt") for p in sorted((ROOT / "tests" / "scripts").iterdir())]
    rows = [(i, p) for i, p in enumerate(pages)] + [(len(pages), None), (len(pages) + 1, "")]
    df = spark.createDataFrame(rows, "id INT, text STRING").repartition(2)
    out = df.withColumn("body", clean_udf()("text")).orderBy("id").collect()
    assert [r["id"] for r in out] == list(range(len(rows)))
    assert [r["body"] for r in out] == [bodytext.clean(p) for p in pages] + [None, ""]


def test_clean_udf_options(spark):
    from bodytext.spark import clean_udf

    page = read(ROOT / "tests" / "seeds" / "000_ead172d562056f8b" / "input.txt")
    df = spark.createDataFrame([(page,)], "text STRING")
    udf = clean_udf(preset="precision", settle=False, threads=2)
    got = df.select(udf("text").alias("body")).first()["body"]
    assert got == bodytext.Cleaner(preset="precision", settle=False).clean(page)
    with pytest.raises(ValueError):
        clean_udf(preset="fast")


def test_clean_udf_page_type_options(spark):
    from bodytext.spark import clean_udf

    listing = listing_page()
    df = spark.createDataFrame([(listing,)], "text STRING")
    off = df.select(clean_udf(detect_page_type=False)("text").alias("body")).first()["body"]
    assert off == bodytext.Cleaner(detect_page_type=False).clean(listing)
    assert off != bodytext.clean(listing)
    given = clean_udf(page_type="listing", detect_page_type=False)
    got = df.select(given("text").alias("body")).first()["body"]
    assert got == bodytext.Cleaner(page_type="listing").clean(listing)
    with pytest.raises(ValueError, match="unknown page type"):
        clean_udf(page_type="blog")
