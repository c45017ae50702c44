"""Pages per second of ``Cleaner.clean_batch`` over every ``w3m.txt`` of the corpus, with
threads=1 and threads=2, and of ``bodytext.clean`` called page by page.

    python benches/batch.py CORPUS [--repeat N] [--every K] [--runs batch1,batch2,pages]

CORPUS holds ``<set>/<page>/w3m.txt``; the pages are read in path order (invalid UTF-8
replaced), as ``cargo run --release --example pages -- CORPUS`` reads them for the Rust
library's figure. Each figure is the best of N passes (default 3), in wall time and in CPU
time (of the calling thread for one thread, of the process for two), which other processes
on the machine disturb less. ``--every K`` keeps every K-th page only and ``--runs`` picks
the runs, as ``--every`` does for the Rust example: small enough to count instructions under
``valgrind --tool=callgrind``.
"""

import argparse
import time
from pathlib import Path

import bodytext


def load(root: Path) -> list:
    files = sorted(
        page / "w3m.txt"
        for s in sorted(root.iterdir())
        if s.is_dir()
        for page in sorted(s.iterdir())
        if (page / "w3m.txt").is_file()
    )
    return [f.read_bytes().decode("utf-8", errors="replace") for f in files]


def best(repeat: int, run, cpu_clock):
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), cpu_clock()
        run()
        wall.append(time.perf_counter() - t)
        cpu.append(cpu_clock() - c)
    return min(wall), min(cpu)


def main() -> None:
    ap = argparse.ArgumentParser(description="clean_batch pages/s on the corpus")
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--every", type=int, default=1, help="keep every K-th page")
    ap.add_argument("--runs", default="batch1,batch2,pages", help="which runs, comma-separated")
    args = ap.parse_args()
    texts = load(args.corpus)[:: args.every]
    chosen = args.runs.split(",")
    if not texts:
        raise SystemExit(f"no w3m.txt under {args.corpus}")
    mb = sum(len(t.encode()) for t in texts) / 1e6
    cleaner = bodytext.Cleaner()
    print(f"{len(texts)} pages, {mb:.1f} MB; best of {args.repeat} passes")
    n = len(texts)
    runs = {
        "batch1": (
            "clean_batch, threads=1",
            lambda: cleaner.clean_batch(texts, threads=1),
            time.thread_time,
        ),
        "batch2": (
            "clean_batch, threads=2",
            lambda: cleaner.clean_batch(texts, threads=2),
            time.process_time,
        ),
        "pages": (
            "clean, page by page",
            lambda: [bodytext.clean(t) for t in texts],
            time.thread_time,
        ),
    }
    for key in chosen:
        name, run, clock = runs[key]
        wall, cpu = best(args.repeat, run, clock)
        print(
            f"python {name}: wall {wall:.3f} s, {n / wall:.1f} pages/s, {mb / wall:.2f} MB/s; "
            f"cpu {cpu:.3f} s, {n / cpu:.1f} pages/s"
        )


if __name__ == "__main__":
    main()
