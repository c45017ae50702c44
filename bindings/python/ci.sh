#!/usr/bin/env bash
# The Python package: clippy on the binding crate; then, in a fresh virtual environment, the
# README's install command (`pip install ./bindings/python`: maturin builds the abi3 wheel in
# release mode) and pytest, with the real datatrove, and the Spark UDF with Spark in local mode
# when Java is there.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
cargo clippy -p bodytext-python --all-targets -- -D warnings
python3 -m venv "$work/venv"
py="$work/venv/bin/python"
pip=("$py" -m pip install --quiet --disable-pip-version-check)

# datatrove's WarcReader and JsonlWriter need the rest (they are its `io` extra, less the
# heavy `datasets`); its formatters import `regex`.
"${pip[@]}" pytest datatrove regex warcio faust-cchardet python-magic orjson
if ! command -v java >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    { apt-get update -q && apt-get install -y -q default-jre-headless; } >/dev/null || true
fi
if command -v java >/dev/null; then
    # PySpark 4 does not support pandas 3 yet.
    "${pip[@]}" pyspark "pandas<3" pyarrow
else
    echo "no Java runtime: the Spark test is skipped"
fi

"${pip[@]}" ./bindings/python
cd bindings/python
"$py" -m pytest -q -p no:cacheprovider tests
