"""Lighthouse (npm, pinned) over pages of a built site, mobile profile.

    python scripts/lighthouse.py OUTPUT_DIR [PATH ...] [--reports DIR]

Serves OUTPUT_DIR on 127.0.0.1 (a free port), runs Lighthouse with Debian's
Chromium on each path (default: home and the INNOPARK release), prints the
four category scores and every audit that is not perfect, and exits 1 unless
every category of every page scores 1.00.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules/.bin/lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
DEFAULT_PATHS = ("/", "/releases/2021/innopark-mars-centre/")
# Chromium as the browser tests run it: headless, no sandbox (root), quiet on the network.
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def audit(url: str, report: Path) -> dict:
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def shortfalls(report: dict) -> list[str]:
    """Scored audits below 1 that count towards a category score."""
    weighted = {ref["id"] for category in report["categories"].values()
                for ref in category["auditRefs"] if ref.get("weight")}
    return [f"{audit_id} {item['score']} {item.get('displayValue', '')}".strip()
            for audit_id, item in sorted(report["audits"].items())
            if audit_id in weighted and item.get("score") is not None and item["score"] < 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("paths", nargs="*", default=list(DEFAULT_PATHS))
    parser.add_argument("--reports", type=Path, default=REPO / ".cache/lighthouse")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("node_modules/.bin/lighthouse is missing: run `make test` or `npm ci`")
    args.reports.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(args.output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    perfect = True
    try:
        print(f"| page | {' | '.join(CATEGORIES)} |\n|---|{'---:|' * len(CATEGORIES)}")
        for path in args.paths:
            name = path.strip("/").replace("/", "_") or "home"
            report = audit(base + path, args.reports / f"{name}.json")
            scores = [report["categories"][c]["score"] for c in CATEGORIES]
            print(f"| {path} | {' | '.join(f'{s:.2f}' for s in scores)} |")
            if any(score < 1 for score in scores):
                perfect = False
                for line in shortfalls(report):
                    print(f"    {path}: {line}")
    finally:
        server.shutdown()
    return 0 if perfect else 1


if __name__ == "__main__":
    sys.exit(main())
