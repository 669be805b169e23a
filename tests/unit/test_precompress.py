"""scripts/precompress.py: .gz (and .br) siblings beside the site's text files.

Each test builds a tiny output folder: text files above and below the 1 KiB
threshold, text that does not compress (random characters), files that are not
text (a JPEG, Pagefind's already-compressed index) and checks which siblings
appear and what they hold.
"""

from __future__ import annotations

import gzip
import importlib.util
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRIPT = REPO / "scripts" / "precompress.py"
spec = importlib.util.spec_from_file_location("precompress", SCRIPT)
precompress = importlib.util.module_from_spec(spec)
spec.loader.exec_module(precompress)

SUFFIXES = [".gz"] + ([".br"] if precompress.brotli else [])


def prose(size: int) -> str:
    words = "press release photo caption credit innopark hong kong manufacturing".split()
    rng = random.Random(1)
    return " ".join(rng.choice(words) for _ in range(size // 6))[:size]


SITE = {
    "index.html": "<!doctype html><title>Home</title>" + prose(6000),
    "releases/2021/x/index.html": "<!doctype html><title>X</title>" + prose(20000),
    "theme/css/main.0123456789ab.css": "body { margin: 0 }\n" * 200,
    "feeds/all.atom.xml": "<feed>" + prose(4000) + "</feed>",
    "sitemap.xml": "<urlset>" + "<url><loc>https://example.org/a/</loc></url>" * 50 + "</urlset>",
    "robots.txt": "User-agent: *\n" + "Disallow: /drafts/\n" * 100,
    "images/logo.svg": "<svg>" + "<path d='M0 0L10 10'/>" * 100 + "</svg>",
    "site.webmanifest": '{"name": "' + prose(2000) + '"}',
    "pagefind/pagefind.js": "export function search() { return 1; }\n" * 100,
    "pagefind/pagefind-entry.json": '{"version": "1.5.2", "languages": {}}' + " " * 2000,
    "pagefind/pagefind-ui.css": ".pagefind-ui { display: block }\n" * 100,
    # Not worth it:
    "404.html": "<!doctype html><title>Not found</title><h1>Page not found</h1>",  # < 1 KiB
    # Does not shrink below 90% (say, an inlined image): bytes without redundancy.
    "theme/js/blob.0123456789ab.js": random.Random(2).randbytes(4000),
}
NOT_TEXT = {
    "releases/2021/x/photo-1.0123456789.jpg": bytes(range(256)) * 40,
    "pagefind/fragment/en_9fdaf8f.pf_fragment": b"\x1f\x8b" + b"a" * 5000,
    "pagefind/pagefind.en_d44776a4db.pf_meta": b"a" * 5000,
    "pagefind/wasm.en.pagefind": b"a" * 5000,
    "_headers": b"/*\n" + b"  X-Content-Type-Options: nosniff\n" * 100,
}
COMPRESSED = {name for name in SITE if name not in ("404.html", "theme/js/blob.0123456789ab.js")}


def make_site(root: Path) -> Path:
    for name, content in {**SITE, **NOT_TEXT}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return root


def siblings(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.suffix in (".gz", ".br")}


def run_script(output: Path) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, str(SCRIPT), str(output)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, f"precompress.py failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One precompressed folder for the tests that only read it."""
    output = make_site(tmp_path_factory.mktemp("precompress") / "output")
    run_script(output)
    return output


@pytest.fixture
def site(tmp_path):
    """A precompressed folder of the test's own, to change."""
    output = make_site(tmp_path / "output")
    run_script(output)
    return output


def test_siblings_only_for_text_files_worth_compressing(built):
    expected = {name + suffix for name in COMPRESSED for suffix in SUFFIXES}
    assert set(siblings(built)) == expected


@pytest.mark.parametrize("name", sorted(COMPRESSED))
def test_gz_is_the_original_compressed(built, name):
    original = (built / name).read_bytes()
    packed = (built / (name + ".gz")).read_bytes()
    assert gzip.decompress(packed) == original
    assert len(packed) < 0.9 * len(original)


def test_gz_header_has_no_name_and_no_time(built):
    header = (built / "index.html.gz").read_bytes()[:10]
    assert header[:3] == b"\x1f\x8b\x08", "not a deflate gzip stream"
    assert header[3] == 0, f"gzip flags {header[3]:#x}: a file name or comment is stored"
    assert header[4:8] == b"\0\0\0\0", "gzip mtime is not 0"
    assert header[8] == 2, "not compressed at level 9 (XFL should be 2, best compression)"


@pytest.mark.skipif(precompress.brotli is None, reason="the optional brotli package is absent")
def test_br_is_the_original_compressed(built):
    brotli = precompress.brotli
    for name in COMPRESSED:
        assert brotli.decompress((built / (name + ".br")).read_bytes()) == \
            (built / name).read_bytes(), name


def test_two_runs_and_two_folders_give_the_same_bytes(tmp_path, site):
    first = siblings(site)
    mtimes = {name: (site / name).stat().st_mtime_ns for name in first}

    result = run_script(site)  # again, same folder: nothing to rewrite
    assert siblings(site) == first
    assert {name: (site / name).stat().st_mtime_ns for name in first} == mtimes, (
        "unchanged siblings were rewritten")
    assert "written" not in result.stdout, result.stdout

    other = make_site(tmp_path / "other")
    run_script(other)
    assert siblings(other) == first


def test_files_are_left_untouched(built):
    for name, content in {**SITE, **NOT_TEXT}.items():
        expected = content if isinstance(content, bytes) else content.encode()
        assert (built / name).read_bytes() == expected, name


def test_stale_siblings_are_removed(site):
    # A page that shrank below the threshold, and a page that is gone.
    (site / "index.html").write_text("<!doctype html><title>Short now</title>")
    (site / "sitemap.xml").unlink()

    run_script(site)

    left = siblings(site)
    assert not any(name.startswith(("index.html.", "sitemap.xml.")) for name in left), left
    assert "releases/2021/x/index.html.gz" in left


def test_usage_error_without_a_folder(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "missing")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "usage" in result.stderr


@pytest.mark.parametrize("data, expected", [
    (b"", None),                                     # empty
    (b"a" * (precompress.MIN_SIZE - 1), None),       # under 1 KiB
    (b"a" * precompress.MIN_SIZE, "compressed"),     # at 1 KiB and compressible
    (random.Random(3).randbytes(4096), None),        # incompressible
])
def test_threshold_table(tmp_path, data, expected):
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    done = precompress.precompress_file(path)
    gz = tmp_path / "file.txt.gz"
    assert done[".gz"] == ("written" if expected else "skipped")
    assert gz.exists() == bool(expected)
