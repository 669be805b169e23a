"""Photo pipeline benchmark: `make bench-photos`.

Measures, on this machine:
- photos/second for a cold run (empty cache) of N camera-size (4000×3000)
  JPEGs, on one core and on all cores;
- the time of a rebuild with no photo changed (planning only: nothing encoded);
- the bytes of the INNOPARK page's photos a 390 px wide phone fetches
  (Chromium, device pixel ratio 1 and 3) against the original files.
Writes bench/results-photos.md. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageFilter

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from press_room.models import Photo  # noqa: E402
from press_room.photos import PhotoPipeline  # noqa: E402
from press_room.settings import DEFAULTS  # noqa: E402

INNOPARK = REPO / "content/releases/2021/innopark-mars-centre"


def camera_like_jpeg(path: Path, seed: int) -> None:
    """4000×3000 with photo-like detail: smooth shapes plus sensor-like noise,
    so encoders work as hard as on a real photo (flat colour would flatter them)."""
    rng = random.Random(seed)
    small = Image.effect_noise((500, 375), 60).convert("RGB")
    tint = Image.new("RGB", small.size, tuple(rng.randrange(60, 200) for _ in range(3)))
    base = Image.blend(small, tint, 0.6).resize((4000, 3000), Image.Resampling.BICUBIC)
    base = base.filter(ImageFilter.GaussianBlur(2))
    grain = Image.effect_noise((4000, 3000), 18).convert("RGB")
    Image.blend(base, grain, 0.12).save(path, quality=92)


def make_corpus(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = folder / f"camera-{number:03d}.jpg"
        if not path.exists():
            camera_like_jpeg(path, number)
        paths.append(path)
    return paths


def run_pipeline(paths, cache: Path, workers: int) -> tuple[float, PhotoPipeline]:
    settings = {**DEFAULTS, "PRESS_ROOM_CACHE_PATH": str(cache), "PRESS_ROOM_PHOTO_WORKERS": workers}
    started = time.perf_counter()
    pipeline = PhotoPipeline(settings)
    for path in paths:
        photo = Photo(file=path.name, source=str(path), caption="Caption", alt="Alt", credit="Credit")
        pipeline.plan(photo, "bench/", rights="© Bench", owner=("bench", "photos", path.name))
    failures = pipeline.encode_missing()
    elapsed = time.perf_counter() - started
    assert not failures, failures
    return elapsed, pipeline


def phone_bytes(output: Path) -> dict[int, int]:
    """Image bytes Chromium fetches for the INNOPARK page at 390 px, scrolled through."""
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    from functools import partial
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/releases/2021/innopark-mars-centre/"
    results = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True,
                args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                      "--disable-background-networking", "--disable-component-update",
                      "--disable-sync"])
            for ratio in (1, 3):
                context = browser.new_context(viewport={"width": 390, "height": 844},
                                              device_scale_factor=ratio)
                page = context.new_page()
                fetched = []
                page.on("response", lambda r: fetched.append(r)
                        if r.request.resource_type == "image" else None)
                page.goto(url, wait_until="load")
                for image in page.locator("figure img").all():
                    image.scroll_into_view_if_needed()
                    page.wait_for_function("img => img.complete", arg=image.element_handle())
                results[ratio] = sum(len(r.body()) for r in fetched if r.url.endswith(
                    (".avif", ".webp", ".jpg")))
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--output", type=Path, default=REPO / "bench/results-photos.md")
    args = parser.parse_args()

    corpus = make_corpus(REPO / ".cache/bench/camera-photos", args.photos)
    cores = os.cpu_count() or 1
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        one, pipeline = run_pipeline(corpus, scratch / "cache-1", workers=1)
        files = pipeline.encoded_files
        rows.append(("cold, 1 core", one, f"{args.photos / one:.2f} photos/s", files))
        everything, _ = run_pipeline(corpus, scratch / "cache-all", workers=cores)
        rows.append((f"cold, {cores} cores", everything,
                     f"{args.photos / everything:.2f} photos/s", files))
        again, pipeline = run_pipeline(corpus, scratch / "cache-all", workers=cores)
        rows.append(("rebuild, no photo changed", again, "planning only",
                     pipeline.encoded_files))

        site = scratch / "site"
        build = subprocess.run([str(Path(sys.executable).parent / "pelican"), "content",
                                "-s", "pelicanconf.py", "-o", str(site), "--fatal", "errors"],
                               cwd=REPO, capture_output=True, text=True)
        assert build.returncode == 0, build.stderr
        fetched = phone_bytes(site)
    originals = sum(p.stat().st_size for p in INNOPARK.glob("photo-*.jpg"))

    lines = [
        "# Photo pipeline benchmark", "",
        f"Machine: {cores} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"Pillow {Image.__version__}. Photos: {args.photos} × 4000×3000 JPEG; per photo "
        f"{files // args.photos} files (widths {DEFAULTS['PRESS_ROOM_PHOTO_WIDTHS']} × "
        f"{', '.join(DEFAULTS['PRESS_ROOM_PHOTO_FORMATS'])} + hi-res download).", "",
        "| run | seconds | rate | files encoded |", "|---|---:|---|---:|",
        *(f"| {name} | {seconds:.2f} | {rate} | {count} |" for name, seconds, rate, count in rows),
        "",
        "INNOPARK page, six photos, fetched by Chromium at 390 px wide (scrolled through):", "",
        "| what | bytes |", "|---|---:|",
        f"| originals (photo-1..6.jpg) | {originals:,} |",
        *(f"| phone, device pixel ratio {ratio} | {size:,} |" for ratio, size in fetched.items()),
        "",
    ]
    report = "\n".join(lines)
    args.output.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
