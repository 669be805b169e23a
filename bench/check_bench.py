"""`make check` benchmark: `make bench-check`.

Times `python -m press_room.authoring.check` (what `make check` runs) on the
synthetic corpora of bench/corpus.py (with photos: their headers are read)
at 1,000 and 5,000 releases, in three scenarios: cold (no check cache:
every file parsed, over every core), no change (everything from the cache)
and one release edited. Writes bench/results-check.md. The target is
≤ 3 s at 5,000 releases. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from corpus import generate  # noqa: E402

SIZES = (1000, 5000)


def corpus(count: int) -> Path:
    """The corpus `make corpus N=count` writes, made if it is not there yet."""
    folder = REPO / ".cache" / "bench" / f"corpus-{count}"
    if not (folder / "releases").is_dir():
        generate(count, folder)
    return folder


def run_check(content: Path, cache: Path) -> tuple[float, float, int, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "press_room.authoring.check", str(content), "--cache", str(cache)],
        cwd=REPO, capture_output=True, text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
    return wall, cpu, result.returncode, summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    parser.add_argument("--output", type=Path, default=REPO / "bench/results-check.md")
    args = parser.parse_args()
    rows, notes = [], []
    for count in args.sizes:
        content = corpus(count)
        cache = REPO / ".cache" / "bench" / f"check-cache-{count}"
        shutil.rmtree(cache, ignore_errors=True)
        files = sorted((content / "releases").rglob("index.md"))
        scenarios = [("cold (no check cache)", None), ("no change", None),
                     ("one release edited", files[len(files) // 2])]
        for name, edited in scenarios:
            if edited is not None:
                edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more line.\n",
                                  encoding="utf-8")
            wall, cpu, status, summary = run_check(content, cache)
            rows.append(f"| {count:,} | {name} | {wall:.2f} | {cpu:.1f} | {status} |")
            notes.append(f"- N={count:,}, {name}: {summary}")
            print(rows[-1], flush=True)
            if edited is not None:  # leave the corpus as it was made
                text = edited.read_text(encoding="utf-8")
                edited.write_text(text[: -len("\nOne more line.\n")], encoding="utf-8")
    load = os.getloadavg()
    text = "\n".join([
        "# `make check` benchmark", "",
        f"Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. Machine: "
        f"{os.cpu_count()} cores, {platform.machine()}; Python {platform.python_version()}. "
        f"Load average after: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (other work on the "
        "machine inflates wall times).", "",
        "Corpora: bench/corpus.py (`make corpus N=…`), seed 1, with photos (their headers are "
        "read, never decoded). `python -m press_room.authoring.check <corpus> --cache <dir>`, "
        "one run per scenario, in order: cold (empty check cache), no change, one release "
        "edited (a line appended to one index.md). Target: ≤ 3 s at 5,000 releases.", "",
        "| N | scenario | wall (s) | CPU s | exit |", "|---:|---|---:|---:|---:|", *rows, "",
        *notes, ""])
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
