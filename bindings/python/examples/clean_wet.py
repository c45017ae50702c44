"""Clean Common Crawl WET files with datatrove and bodytext.

    python clean_wet.py INPUT_DIR OUTPUT_DIR [--glob "*.warc.wet.gz"] [--tasks N]
        [--workers N] [--min-chars N] [--logs DIR]

Reads every WET file under INPUT_DIR with datatrove's WarcReader, replaces each document's
text with its article body (bodytext.datatrove.BodytextFormatter), drops documents whose
body is shorter than --min-chars, and writes the rest as JSON lines (gzip) to OUTPUT_DIR.
Needs: pip install "bodytext[datatrove]" "datatrove[io]".
"""

import argparse

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter

from bodytext.datatrove import BodytextFormatter


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", help="folder of WET files")
    ap.add_argument("output", help="folder for the cleaned JSON lines")
    ap.add_argument("--glob", default="*.warc.wet.gz", help="which files of INPUT to read")
    ap.add_argument("--tasks", type=int, default=1, help="tasks (files are split among them)")
    ap.add_argument("--workers", type=int, default=-1, help="tasks run at once (-1: all)")
    ap.add_argument("--min-chars", type=int, default=0, help="drop shorter bodies")
    ap.add_argument("--logs", default=None, help="logs and stats (default: OUTPUT-logs)")
    args = ap.parse_args()

    executor = LocalPipelineExecutor(
        pipeline=[
            WarcReader(args.input, glob_pattern=args.glob),
            BodytextFormatter(min_chars=args.min_chars),
            JsonlWriter(args.output),
        ],
        tasks=args.tasks,
        workers=args.workers,
        logging_dir=args.logs or f"{args.output.rstrip('/')}-logs",
    )
    executor.run()


if __name__ == "__main__":
    main()
