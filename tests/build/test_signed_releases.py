"""Signed releases: each published release's manifest lists every file the
build wrote for it, signed with minisign; Debian's minisign and `make verify`
accept it, and reject a tampered file, another key and a missing signature."""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import minisign
import pytest

from tests.conftest import FIXTURES, REPO, build_site, soup, text

NOW = "2022-06-01 10:00 +08:00"
SITEURL = "https://press.example.org/room"
THREE = "releases/2021/three-languages/"
FOLDERS = [THREE, "zh-hant/" + THREE, "zh-hans/" + THREE]


def make_key(folder: Path, password: str | None = None) -> tuple[Path, str]:
    """A fresh minisign key pair: (secret key file, public key as -P takes it)."""
    pair = minisign.KeyPair.generate()
    if password:  # the cheapest scrypt parameters: a test, not a vault
        pair.secret_key.encrypt(password, opslimit=32768, memlimit=16 * 1024 * 1024)
    path = folder / f"minisign-{os.urandom(4).hex()}.key"
    path.write_bytes(bytes(pair.secret_key))
    return path, pair.public_key.to_base64().decode()


def publish(content: Path, output: Path, env: dict):
    return build_site(content, output, settings_file="publishconf.py",
                      env={"SITEURL": SITEURL, "PRESS_ROOM_NOW": NOW, **env})


def run_verify(target, public_key: str):
    return subprocess.run([sys.executable, "-m", "press_room.trust.verify", str(target),
                           "--public-key", public_key], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO / "plugins")}, timeout=120)


def minisign_verify(manifest: Path, public_key: str):
    return subprocess.run(["minisign", "-Vm", str(manifest), "-P", public_key],
                          capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def key(tmp_path_factory):
    return make_key(tmp_path_factory.mktemp("keys"))


@pytest.fixture(scope="module")
def signed(tmp_path_factory, key):
    """The languages fixture (one release in three languages) and the photo
    fixture (downloads, renditions, ZIPs), published and signed."""
    root = tmp_path_factory.mktemp("signed")
    content = root / "content"
    shutil.copytree(FIXTURES / "languages-site", content)
    shutil.copytree(FIXTURES / "site/releases/2021/release-with-every-field",
                    content / "releases/2021/release-with-every-field")
    build = publish(content, root / "output", {"PRESS_ROOM_SIGNING_KEY": str(key[0])})
    assert build.returncode == 0, build.log
    return build


def manifest_paths(output: Path, folder: str) -> list[str]:
    return [line.split("  ", 1)[1]
            for line in (output / folder / "manifest.sha256").read_text().splitlines()]


def test_manifest_lists_every_file_of_every_language(signed):
    output = signed.output
    written = sorted(str(p.relative_to(output)) for folder in FOLDERS
                     for p in (output / folder).rglob("*")
                     if p.is_file() and not p.name.startswith("manifest.sha256"))
    listed = manifest_paths(output, THREE)
    assert listed == written, f"manifest: {listed}\nwritten: {written}"
    assert {f"{folder}index.html" for folder in FOLDERS} <= set(listed), listed
    for folder in FOLDERS[1:]:
        assert not (output / folder / "manifest.sha256").exists(), \
            f"one manifest per release, in its first language's folder; also in {folder}"


def test_manifest_covers_downloads_and_zip(signed):
    listed = manifest_paths(signed.output, "releases/2021/release-with-every-field/")
    kinds = {Path(p).suffix for p in listed}
    assert {".html", ".jpg", ".webp", ".zip"} <= kinds, listed
    for line in (signed.output / "releases/2021/release-with-every-field/manifest.sha256"
                 ).read_text().splitlines():
        digest, path = line.split("  ", 1)
        actual = hashlib.sha256((signed.output / path).read_bytes()).hexdigest()
        assert digest == actual, f"{path}: manifest {digest}, file {actual}"


def test_debian_minisign_verifies_the_manifest(signed, key):
    result = minisign_verify(signed.output / THREE / "manifest.sha256", key[1])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Signature and comment signature verified" in result.stdout, result.stdout
    assert f"Trusted comment: press release {THREE} of {SITEURL}" in result.stdout, result.stdout


def test_debian_minisign_rejects_another_key_and_an_altered_manifest(signed, key, tmp_path):
    _, other = make_key(tmp_path)
    wrong = minisign_verify(signed.output / THREE / "manifest.sha256", other)
    assert wrong.returncode != 0, wrong.stdout + wrong.stderr
    copy = tmp_path / "manifest.sha256"
    copy.write_bytes((signed.output / THREE / "manifest.sha256").read_bytes() + b"0" * 64 + b"  x\n")
    shutil.copy(signed.output / THREE / "manifest.sha256.minisig", tmp_path)
    altered = minisign_verify(copy, key[1])
    assert altered.returncode != 0, altered.stdout + altered.stderr


def test_verify_page_shows_the_key_in_every_language(signed, key):
    for prefix in ("", "zh-hant/", "zh-hans/"):
        page = soup(signed.output / prefix / "verify/index.html")
        shown = page.select_one("[data-pr-public-key]")
        assert shown is not None and text(shown) == key[1], f"{prefix}verify/: {shown}"
        commands = [text(pre) for pre in page.select(".pr-verify__command")]
        assert f"minisign -Vm manifest.sha256 -P {key[1]}" in commands, commands
    footer = soup(signed.output / THREE / "index.html").select_one(".pr-footer__verify a")
    assert footer is not None and footer["href"] == f"{SITEURL}/verify/", footer


def test_make_verify_accepts_the_published_site_and_one_release(signed, key):
    result = run_verify(signed.output, key[1])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("OK ") == 4, result.stdout  # four releases
    one = run_verify(signed.output / THREE, key[1])
    assert one.returncode == 0 and "the signature is good" in one.stdout, one.stdout + one.stderr
    make = subprocess.run(["make", "--no-print-directory", "verify",
                           f"DIR_OR_URL={signed.output / THREE}", f"PUBLIC_KEY={key[1]}",
                           f"VENV={Path(sys.executable).parent.parent}"],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert make.returncode == 0 and "OK " in make.stdout, make.stdout + make.stderr


@pytest.fixture
def served(signed):
    """The published site on 127.0.0.1, under its sub-path (/room/)."""
    root = signed.output.parent / "served"
    if not root.exists():
        root.mkdir()
        os.symlink(signed.output, root / "room")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/room/"
    server.shutdown()
    server.server_close()


def test_verify_checks_a_release_by_its_address(served, key):
    result = run_verify(served + THREE, key[1])
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"OK http://127.0.0.1" in result.stdout and "the signature is good" in result.stdout, \
        result.stdout


def test_verify_by_address_fails_on_a_tampered_file(served, signed, key):
    page = signed.output / "zh-hant" / THREE / "index.html"
    original = page.read_bytes()
    try:
        page.write_bytes(original.replace(b"</body>", b"<p>forged</p></body>"))
        result = run_verify(served + THREE + "index.html", key[1])
    finally:
        page.write_bytes(original)
    assert result.returncode == 1, result.stdout + result.stderr
    assert (f"FAILED zh-hant/{THREE}index.html: its SHA-256 is not the signed one"
            in result.stderr), result.stderr


@pytest.fixture
def copy_of_release(signed, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(signed.output, copy)
    return copy


def test_tampered_file_fails(copy_of_release, key):
    zip_file = next((copy_of_release / "releases/2021/release-with-every-field").glob("*.zip"))
    zip_file.write_bytes(zip_file.read_bytes() + b"\0")
    result = run_verify(copy_of_release, key[1])
    assert result.returncode == 1, result.stdout + result.stderr
    shown = zip_file.relative_to(copy_of_release)
    assert f"FAILED {shown}: its SHA-256 is not the signed one — the file was changed" \
        in result.stderr, result.stderr


def test_missing_file_fails(copy_of_release, key):
    (copy_of_release / "zh-hans" / THREE / "index.html").unlink()
    result = run_verify(copy_of_release / THREE, key[1])
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"FAILED zh-hans/{THREE}index.html: missing" in result.stderr, result.stderr


def test_wrong_key_fails(copy_of_release, tmp_path):
    _, other = make_key(tmp_path)
    result = run_verify(copy_of_release / THREE, other)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "signed with another key than the public key given" in result.stderr, result.stderr


def test_missing_signature_fails(copy_of_release, key):
    (copy_of_release / THREE / "manifest.sha256.minisig").unlink()
    result = run_verify(copy_of_release / THREE, key[1])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "no signature (manifest.sha256.minisig is missing)" in result.stderr, result.stderr


@pytest.mark.parametrize("arguments, expected", [
    (["", "--public-key", "RWQ"], "FAILED: nothing to check"),
    (["somewhere"], "FAILED: no public key — give the one on the site's Verify a release page"),
    (["somewhere", "--public-key", "not-a-key"], "is not a minisign public key"),
])
def test_verify_usage_mistakes_are_explained(arguments, expected):
    result = subprocess.run([sys.executable, "-m", "press_room.trust.verify", *arguments],
                            cwd=REPO, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(REPO / "plugins"),
                                 "PUBLIC_KEY": ""})
    assert result.returncode == 1 and expected in result.stderr, result.stdout + result.stderr


def test_altered_manifest_fails(copy_of_release, key):
    manifest = copy_of_release / THREE / "manifest.sha256"
    lines = manifest.read_text().splitlines()
    manifest.write_text("\n".join(lines[1:]) + "\n")  # drop a file from the list
    result = run_verify(copy_of_release / THREE, key[1])
    assert result.returncode == 1, result.stdout + result.stderr
    assert "the signature does not match manifest.sha256" in result.stderr, result.stderr


def test_same_input_and_key_same_manifest_and_signature(signed, key, tmp_path):
    again = publish(signed.output.parent / "content", tmp_path / "output",
                    {"PRESS_ROOM_SIGNING_KEY": str(key[0])})
    assert again.returncode == 0, again.log
    for name in ("manifest.sha256", "manifest.sha256.minisig"):
        first, second = (signed.output / THREE / name).read_bytes(), \
            (again.output / THREE / name).read_bytes()
        assert first == second, f"{name} differs between two builds:\n{first!r}\n{second!r}"


def test_publish_without_a_key_is_unsigned_and_says_so_once(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PRESS_ROOM_SIGNING_KEY"}
    build = build_site(FIXTURES / "languages-site", tmp_path / "output",
                       settings_file="publishconf.py",
                       env={**env, "SITEURL": SITEURL, "PRESS_ROOM_NOW": NOW,
                            "PRESS_ROOM_SIGNING_KEY": ""})
    assert build.returncode == 0, build.log
    warnings = [line for line in (build.stdout + build.stderr).splitlines() if "NOT signed" in line]
    assert len(warnings) == 1, build.log
    assert "PRESS_ROOM_SIGNING_KEY is not set" in warnings[0], warnings
    assert (build.output / THREE / "manifest.sha256").is_file(), "the manifest is written anyway"
    assert not (build.output / THREE / "manifest.sha256.minisig").exists()
    note = soup(build.output / "verify/index.html").select_one(".pr-verify__unsigned")
    assert note is not None, "the Verify page must say releases are not signed"


def test_password_protected_key(tmp_path):
    secret, public = make_key(tmp_path, password="correct horse")
    env = {"PRESS_ROOM_SIGNING_KEY": str(secret)}
    locked = publish(FIXTURES / "languages-site", tmp_path / "locked", env)
    assert locked.returncode != 0, locked.log
    assert "the key is protected by a password — set PRESS_ROOM_SIGNING_PASSWORD" in \
        locked.stderr, locked.log
    wrong = publish(FIXTURES / "languages-site", tmp_path / "wrong",
                    {**env, "PRESS_ROOM_SIGNING_PASSWORD": "battery staple"})
    assert wrong.returncode != 0 and "does not open this key" in wrong.stderr, wrong.log
    opened = publish(FIXTURES / "languages-site", tmp_path / "opened",
                     {**env, "PRESS_ROOM_SIGNING_PASSWORD": "correct horse"})
    assert opened.returncode == 0, opened.log
    result = minisign_verify(opened.output / THREE / "manifest.sha256", public)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("contents, expected", [
    (None, "no such file — name the minisign secret key file"),
    (b"untrusted comment: minisign public key\nRWQ\n", "not a minisign secret key"),
])
def test_unusable_key_file_stops_the_publish(tmp_path, contents, expected):
    path = tmp_path / "minisign.key"
    if contents is not None:
        path.write_bytes(contents)
    build = publish(FIXTURES / "languages-site", tmp_path / "output",
                    {"PRESS_ROOM_SIGNING_KEY": str(path)})
    assert build.returncode != 0, build.log
    assert f"PRESS_ROOM_SIGNING_KEY={path}: {expected}" in build.stderr, build.log
    assert not (tmp_path / "output" / THREE).exists(), "nothing is written with a bad key"


def test_key_not_matching_the_configured_public_key_stops_the_publish(tmp_path, key):
    _, other = make_key(tmp_path)
    build = build_site(FIXTURES / "languages-site", tmp_path / "output",
                       settings_file="publishconf.py",
                       extra_settings={"PRESS_ROOM_PUBLIC_KEY": other},
                       env={"SITEURL": SITEURL, "PRESS_ROOM_NOW": NOW,
                            "PRESS_ROOM_SIGNING_KEY": str(key[0])})
    assert build.returncode != 0, build.log
    assert f"is not PRESS_ROOM_PUBLIC_KEY ({other})" in build.stderr, build.log


def test_withheld_releases_get_no_manifest_and_the_audit_passes(tmp_path, key):
    """Manifests are written before the leak audit, which reads them too."""
    build = publish(FIXTURES / "embargo-site", tmp_path / "output",
                    {"PRESS_ROOM_SIGNING_KEY": str(key[0]), "PRESS_ROOM_NOW": "2021-06-01 10:00"})
    assert build.returncode == 0, build.log
    manifests = sorted(str(p.relative_to(build.output)) for p in build.output.rglob("manifest.sha256"))
    assert manifests == ["releases/2021/published-release/manifest.sha256"], manifests


def test_a_real_minisign_key_signs_too(tmp_path):
    """A key made by Debian's `minisign -G -W` (no password), as a site would."""
    made = subprocess.run(["minisign", "-G", "-W", "-p", str(tmp_path / "k.pub"),
                           "-s", str(tmp_path / "k.key")], capture_output=True, text=True,
                          timeout=60)
    assert made.returncode == 0, made.stdout + made.stderr
    build = publish(FIXTURES / "languages-site", tmp_path / "output",
                    {"PRESS_ROOM_SIGNING_KEY": str(tmp_path / "k.key")})
    assert build.returncode == 0, build.log
    result = subprocess.run(["minisign", "-Vm", str(build.output / THREE / "manifest.sha256"),
                             "-p", str(tmp_path / "k.pub")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert run_verify(build.output, str(tmp_path / "k.pub")).returncode == 0
