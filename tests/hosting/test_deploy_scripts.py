"""The deploy scripts, run for real against stand-ins for what they talk to.

deploy_s3.sh runs with a fake `aws` first on PATH that records its arguments.
`aws s3 sync` is then replayed on the output folder with the CLI's documented
filter rules (patterns matched against the path relative to the source, the
last matching filter wins; a file already uploaded is not sent again), so the
tests state what each file ends up as on S3: its Content-Type and Cache-Control.

deploy_ghpages.sh runs in a clone of this repository, with `origin` pointing to
a bare repository in a temp folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

from tests.conftest import REPO

DEPLOY_S3 = REPO / "scripts" / "deploy_s3.sh"
DEPLOY_GHPAGES = REPO / "scripts" / "deploy_ghpages.sh"
BASH = shutil.which("bash") or "/bin/bash"
BUCKET = "s3://press-bucket/pressroom"
YEAR = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300"

# A small published site: one of each kind of file the build writes.
SITE_FILES = {
    "index.html": "<!doctype html><title>Home</title>",
    "404.html": "<!doctype html><title>Not found</title>",
    "index.html.gz": "gzip bytes",
    "index.html.br": "brotli bytes",
    "_headers": "/*\n  X-Content-Type-Options: nosniff\n",
    "releases/2021/innopark-mars-centre/index.html": "<!doctype html><title>Release</title>",
    "releases/2021/innopark-mars-centre/photo-1-960.0123456789.avif": "avif",
    "releases/2021/innopark-mars-centre/photo-1-960.0123456789.webp": "webp",
    "releases/2021/innopark-mars-centre/photo-1-960.abcdef0123.jpg": "jpeg",
    "releases/2021/innopark-mars-centre/photo-1.fedcba9876.jpg": "jpeg download",
    "releases/2021/innopark-mars-centre/innopark-mars-centre-photos.0a1b2c3d4e.zip": "zip",
    "theme/css/main.0123456789ab.css": "body{}",
    "theme/css/main.0123456789ab.css.gz": "gzip bytes",
    "theme/images/favicon.0123456789ab.svg": "<svg/>",
    "images/logo.svg": "<svg/>",
    "feeds/all.atom.xml": "<feed/>",
    "sitemap.xml": "<urlset/>",
    "robots.txt": "User-agent: *\n",
    "pagefind/pagefind.js": "js",
    "pagefind/pagefind-ui.css": "css",
    "pagefind/pagefind-entry.json": "{}",
    "pagefind/wasm.en.pagefind": "wasm",
    "pagefind/pagefind.en_d44776a4db.pf_meta": "meta",
    "pagefind/fragment/en_9fdaf8f.pf_fragment": "fragment",
}
# What S3 should hold: (Content-Type, Cache-Control); None: never uploaded.
EXPECTED_ON_S3 = {
    "index.html": ("text/html; charset=utf-8", SHORT),
    "404.html": ("text/html; charset=utf-8", SHORT),
    "index.html.gz": None,
    "index.html.br": None,
    "_headers": None,
    "releases/2021/innopark-mars-centre/index.html": ("text/html; charset=utf-8", SHORT),
    "releases/2021/innopark-mars-centre/photo-1-960.0123456789.avif": ("image/avif", YEAR),
    "releases/2021/innopark-mars-centre/photo-1-960.0123456789.webp": ("image/webp", YEAR),
    "releases/2021/innopark-mars-centre/photo-1-960.abcdef0123.jpg": ("image/jpeg", YEAR),
    "releases/2021/innopark-mars-centre/photo-1.fedcba9876.jpg": ("image/jpeg", YEAR),
    "releases/2021/innopark-mars-centre/innopark-mars-centre-photos.0a1b2c3d4e.zip":
        ("application/zip", YEAR),
    "theme/css/main.0123456789ab.css": ("text/css; charset=utf-8", YEAR),
    "theme/css/main.0123456789ab.css.gz": None,
    "theme/images/favicon.0123456789ab.svg": ("image/svg+xml", YEAR),
    "images/logo.svg": ("image/svg+xml", SHORT),
    "feeds/all.atom.xml": ("application/atom+xml", SHORT),
    "sitemap.xml": ("application/xml", SHORT),
    "robots.txt": ("text/plain; charset=utf-8", SHORT),
    "pagefind/pagefind.js": ("text/javascript; charset=utf-8", SHORT),
    "pagefind/pagefind-ui.css": ("text/css; charset=utf-8", SHORT),
    "pagefind/pagefind-entry.json": ("application/json", SHORT),
    "pagefind/wasm.en.pagefind": ("application/octet-stream", SHORT),
    "pagefind/pagefind.en_d44776a4db.pf_meta": ("application/octet-stream", SHORT),
    "pagefind/fragment/en_9fdaf8f.pf_fragment": ("application/octet-stream", SHORT),
}


def write_site(root: Path) -> Path:
    for name, content in SITE_FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


# --- S3 -----------------------------------------------------------------------------------

def fake_aws(bin_dir: Path) -> Path:
    """An `aws` that appends its argv, as one JSON line, to $FAKE_AWS_LOG."""
    bin_dir.mkdir()
    script = bin_dir / "aws"
    script.write_text(f"#!{sys.executable}\n"
                      "import json, os, sys\n"
                      "with open(os.environ['FAKE_AWS_LOG'], 'a') as log:\n"
                      "    log.write(json.dumps(sys.argv[1:]) + '\\n')\n")
    script.chmod(0o755)
    return script


def run_deploy_s3(tmp_path: Path, *args: str, path: str | None = None):
    log = tmp_path / "aws-calls.jsonl"
    if path is None:
        fake_aws(tmp_path / "bin")
        path = f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"
    result = subprocess.run([BASH, str(DEPLOY_S3), *args], capture_output=True, text=True,
                            env={**os.environ, "PATH": path, "FAKE_AWS_LOG": str(log)},
                            timeout=60)
    calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
    return result, calls


def option(call: list[str], name: str) -> str | None:
    return call[call.index(name) + 1] if name in call else None


def selects(call: list[str], relative: str) -> bool:
    """Whether `aws s3 sync` with this call's filters takes `relative` (last match wins)."""
    chosen = True
    for index, word in enumerate(call):
        if word in ("--exclude", "--include") and fnmatchcase(relative, call[index + 1]):
            chosen = word == "--include"
    return chosen


def replay_syncs(calls: list[list[str]], source: Path) -> dict[str, tuple[str | None, str]]:
    """What each file is stored with on S3 after these syncs: the first sync that
    selects a file uploads it; later ones find it unchanged and skip it."""
    stored = {}
    files = sorted(str(p.relative_to(source)) for p in source.rglob("*") if p.is_file())
    for call in calls:
        if call[:2] != ["s3", "sync"]:
            continue
        for relative in files:
            if relative not in stored and selects(call, relative):
                stored[relative] = (option(call, "--content-type"), option(call, "--cache-control"))
    return stored


@pytest.fixture(scope="module")
def s3_deploy(tmp_path_factory):
    """One run of deploy_s3.sh (no DISTRIBUTION), shared by the tests that read it."""
    tmp_path = tmp_path_factory.mktemp("deploy-s3")
    site = write_site(tmp_path / "output")
    result, calls = run_deploy_s3(tmp_path, str(site), BUCKET)
    assert result.returncode == 0, f"deploy_s3.sh failed:\n{result.stdout}\n{result.stderr}"
    return site, calls


def test_s3_every_sync_goes_from_the_output_to_the_bucket(s3_deploy):
    site, calls = s3_deploy
    syncs = [call for call in calls if call[:2] == ["s3", "sync"]]
    assert syncs and all(call[2:4] == [str(site), BUCKET] for call in syncs), syncs
    assert [call[:2] for call in calls] == [["s3", "sync"]] * len(calls), (
        "without DISTRIBUTION no other aws command runs")


def test_s3_each_file_gets_its_content_type_and_cache_control(s3_deploy):
    site, calls = s3_deploy
    stored = replay_syncs(calls, site)
    actual = {name: stored.get(name) for name in EXPECTED_ON_S3}
    wrong = {name: f"got {actual[name]}, expected {want}"
             for name, want in EXPECTED_ON_S3.items() if actual[name] != want}
    assert not wrong, "\n".join(f"{name}: {why}" for name, why in wrong.items())


def test_s3_html_pass_is_short_lived_text_html(s3_deploy):
    _, calls = s3_deploy
    html_passes = [call for call in calls if option(call, "--content-type") and
                   option(call, "--content-type").startswith("text/html")]
    assert len(html_passes) == 1, html_passes
    assert option(html_passes[0], "--cache-control") == SHORT
    assert selects(html_passes[0], "releases/2021/x/index.html")


def test_s3_hashed_assets_go_first_immutable_and_delete_comes_last(s3_deploy):
    _, calls = s3_deploy
    syncs = [call for call in calls if call[:2] == ["s3", "sync"]]
    immutable = [i for i, call in enumerate(syncs) if option(call, "--cache-control") == YEAR]
    html = [i for i, call in enumerate(syncs)
            if (option(call, "--content-type") or "").startswith("text/html")]
    assert immutable and max(immutable) < min(html), (
        "pages must be uploaded after the assets they name")
    assert all("immutable" in option(syncs[i], "--cache-control") for i in immutable)
    deleting = [i for i, call in enumerate(syncs) if "--delete" in call]
    assert deleting == [len(syncs) - 1], (
        f"--delete belongs to the last sync only, found it in syncs {deleting}")


def test_s3_never_uploads_headers_file_or_compressed_siblings(s3_deploy):
    _, calls = s3_deploy
    for call in (c for c in calls if c[:2] == ["s3", "sync"]):
        for name in ("_headers", "index.html.gz", "theme/css/main.0123456789ab.css.br"):
            assert not selects(call, name), f"{name} is uploaded (or deleted) by {call}"


def test_s3_invalidates_cloudfront_when_given_a_distribution(tmp_path):
    site = write_site(tmp_path / "output")
    result, calls = run_deploy_s3(tmp_path, str(site), BUCKET, "E1234EXAMPLE")
    assert result.returncode == 0, result.stderr
    assert calls[-1][:2] == ["cloudfront", "create-invalidation"]
    assert option(calls[-1], "--distribution-id") == "E1234EXAMPLE"


def test_s3_fails_clearly_without_aws(tmp_path):
    site = write_site(tmp_path / "output")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    result, calls = run_deploy_s3(tmp_path, str(site), BUCKET, path=str(empty))
    assert result.returncode != 0 and calls == []
    assert "AWS CLI" in result.stderr and "not installed" in result.stderr, result.stderr


def test_s3_refuses_a_destination_that_is_not_s3(tmp_path):
    site = write_site(tmp_path / "output")
    result, calls = run_deploy_s3(tmp_path, str(site), "press-bucket")
    assert result.returncode != 0 and calls == []
    assert "s3://" in result.stderr


# --- GitHub Pages -------------------------------------------------------------------------

GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
                "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            env={**os.environ, **GIT_IDENTITY}, timeout=60)
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stderr}"
    return result.stdout.strip()


@pytest.fixture
def clone(tmp_path):
    """A clone of this repository whose `origin` is a bare repository in tmp_path."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(REPO), str(clone))
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", str(remote))
    git(clone, "remote", "set-url", "origin", str(remote))
    return clone


def state(repo: Path) -> dict:
    return {"HEAD": git(repo, "rev-parse", "HEAD"),
            "branch": git(repo, "symbolic-ref", "--short", "HEAD"),
            "index": git(repo, "ls-files", "--stage"),
            "status": git(repo, "status", "--porcelain", "--ignored")}


def run_ghpages(clone: Path, output: Path, push: bool = False):
    env = {**os.environ, **GIT_IDENTITY, "PUSH": "1" if push else ""}
    return subprocess.run([BASH, str(DEPLOY_GHPAGES), str(output)], cwd=clone,
                          capture_output=True, text=True, env=env, timeout=60)


def test_ghpages_commits_the_output_and_leaves_the_working_tree_alone(clone, tmp_path):
    site = write_site(tmp_path / "output")
    before = state(clone)

    result = run_ghpages(clone, site)

    assert result.returncode == 0, f"deploy_ghpages.sh failed:\n{result.stdout}\n{result.stderr}"
    published = set(git(clone, "ls-tree", "-r", "--name-only", "gh-pages").splitlines())
    expected = {name for name in SITE_FILES
                if not name.endswith((".gz", ".br")) and name != "_headers"} | {".nojekyll"}
    assert published == expected, (
        f"missing: {sorted(expected - published)}; unexpected: {sorted(published - expected)}")
    assert git(clone, "show", "gh-pages:releases/2021/innopark-mars-centre/index.html") == \
        SITE_FILES["releases/2021/innopark-mars-centre/index.html"]
    assert state(clone) == before, "the working tree, index, HEAD or branch changed"
    assert git(tmp_path / "remote.git", "branch", "--list") == "", "pushed without PUSH=1"


def test_ghpages_adds_a_commit_per_change_and_none_without(clone, tmp_path):
    site = write_site(tmp_path / "output")
    assert run_ghpages(clone, site).returncode == 0
    first = git(clone, "rev-parse", "gh-pages")

    assert run_ghpages(clone, site).returncode == 0
    assert git(clone, "rev-parse", "gh-pages") == first, "an unchanged site made a new commit"

    (site / "index.html").write_text("<!doctype html><title>Home, updated</title>")
    assert run_ghpages(clone, site).returncode == 0
    second = git(clone, "rev-parse", "gh-pages")
    assert second != first and git(clone, "rev-parse", "gh-pages^") == first


def test_ghpages_pushes_only_with_push_1(clone, tmp_path):
    site = write_site(tmp_path / "output")
    result = run_ghpages(clone, site, push=True)
    assert result.returncode == 0, result.stderr
    assert git(tmp_path / "remote.git", "rev-parse", "gh-pages") == git(clone, "rev-parse",
                                                                         "gh-pages")


# --- Netlify / Cloudflare Pages: _headers -----------------------------------------------------

def run_write_headers(output: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "scripts" / "write_headers.py"),
                           str(output), *args], capture_output=True, text=True, timeout=60)


def test_headers_file_rules(tmp_path):
    site = write_site(tmp_path / "output")
    result = run_write_headers(site, "--base", "/pressroom/")
    assert result.returncode == 0, result.stderr
    text = (site / "_headers").read_text()
    blocks = {block.splitlines()[0]: block.splitlines()[1:]
              for block in text.split("\n\n") if block.startswith("/")}
    assert "  X-Content-Type-Options: nosniff" in blocks["/pressroom/*"]
    assert not any("Cache-Control" in line for line in blocks["/pressroom/*"]), (
        "a Cache-Control on /* would be merged into every other rule's")
    for pattern in ("/pressroom/theme/*", "/pressroom/releases/*.avif",
                    "/pressroom/releases/*.jpg", "/pressroom/releases/*.zip"):
        assert blocks[pattern] == [f"  Cache-Control: {YEAR}"], pattern
    assert blocks["/pressroom/feeds/*"] == [f"  Cache-Control: {SHORT}"]


def headers_blocks(site: Path) -> dict[str, list[str]]:
    text = (site / "_headers").read_text()
    return {block.splitlines()[0]: block.splitlines()[1:]
            for block in text.split("\n\n") if block.startswith("/")}


def test_headers_cover_every_language_folder(tmp_path):
    site = write_site(tmp_path / "output")
    for name in ("zh-hant/releases/2021/innopark-mars-centre/photo-1-960.0123456789.avif",
                 "zh-hant/releases/2021/innopark-mars-centre/photo-1.fedcba9876.jpg",
                 "zh-hant/feeds/all.atom.xml", "zh-hant/index.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("x")
    result = run_write_headers(site, "--site-url", "https://example.org/pressroom")
    assert result.returncode == 0, result.stderr
    blocks = headers_blocks(site)
    assert blocks["/pressroom/zh-hant/*.avif"] == [f"  Cache-Control: {YEAR}"], blocks
    assert blocks["/pressroom/zh-hant/*.jpg"] == [f"  Cache-Control: {YEAR}"], blocks
    assert blocks["/pressroom/zh-hant/feeds/*"] == [f"  Cache-Control: {SHORT}"], blocks


def test_an_unhashed_file_is_never_made_immutable(tmp_path):
    site = write_site(tmp_path / "output")
    (site / "theme" / "css" / "print.css").write_text("@media print {}")
    result = run_write_headers(site)
    assert result.returncode == 0, result.stderr
    blocks = headers_blocks(site)
    assert "/theme/*" not in blocks, blocks  # no longer all hashed
    assert blocks["/theme/css/print.css"] == [f"  Cache-Control: {SHORT}"], blocks
    assert blocks["/theme/css/main.0123456789ab.css"] == [f"  Cache-Control: {YEAR}"], blocks
    assert blocks["/theme/*.svg"] == [f"  Cache-Control: {YEAR}"], blocks
