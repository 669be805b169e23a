"""Check a downloaded or published release against its signed manifest.

    python -m press_room.trust.verify DIR_OR_URL --public-key RW…
    make verify DIR_OR_URL=… PUBLIC_KEY=RW…

DIR_OR_URL is a release's address (`https://example.org/releases/2021/x/`),
the release's folder in a copy of the site, or a copy of the whole site
(every release in it is checked). The signature is checked first, with the
public key the site shows on its "Verify a release" page; then every file
the manifest lists, against its SHA-256. Exit 0 when everything matches; 1
with one line per failure otherwise (tampered, missing, unsigned, wrong key).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import minisign

from .manifest import MANIFEST_NAME, SIGNATURE_NAME, Entry, ManifestError, parse, sha256_of

FETCH_TIMEOUT = 30


class VerifyFailure(Exception):
    """The release cannot be trusted; the message says why, for a reader."""


@dataclass
class Result:
    release: str  # where the manifest was found
    trusted_comment: str = ""
    files: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


class _Folder:
    """Files of a local copy, read by path relative to the site's root."""

    def __init__(self, root: str):
        self.root = root

    def read(self, path: str) -> bytes | None:
        try:
            with open(os.path.join(self.root, *path.split("/")), "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def digest(self, path: str) -> str | None:
        full = os.path.join(self.root, *path.split("/"))
        return sha256_of(full) if os.path.isfile(full) else None


class _Site:
    """Files of a published site, fetched over HTTP(S)."""

    def __init__(self, root_url: str):
        self.root = root_url

    def read(self, path: str) -> bytes | None:
        url = self.root + urllib.parse.quote(path)
        try:
            with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise VerifyFailure(f"{url}: the server answered {error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            raise VerifyFailure(f"{url}: cannot be fetched ({error})") from None

    def digest(self, path: str) -> str | None:
        data = self.read(path)
        return None if data is None else hashlib.sha256(data).hexdigest()


def read_public_key(text: str) -> minisign.PublicKey:
    """A key as `-P` takes it (RW…), or the contents of a minisign.pub file."""
    text = text.strip()
    try:
        if "\n" in text:
            return minisign.PublicKey.from_bytes(text.encode())
        return minisign.PublicKey.from_base64(text)
    except (minisign.Error, ValueError):
        raise VerifyFailure(f"{text[:60]!r} is not a minisign public key — copy the key "
                            "from the site's Verify a release page (it starts with RW)") from None


def _site_root(location: str, entries: list[Entry]) -> str:
    """The site's root, from where the manifest was found: its folder is one
    of the release's folders the manifest lists (`releases/2021/x/`)."""
    folders = sorted({entry.path.rsplit("/", 1)[0] + "/" for entry in entries if "/" in entry.path},
                     key=len, reverse=True)
    for folder in folders:
        if location.endswith("/" + folder) or location == folder:
            return location[: len(location) - len(folder)]
    listed = folders[-1] if folders else "?"
    raise VerifyFailure(f"{location}: the manifest there is for the release in {listed} — keep "
                        f"the site's folder layout (…/{listed}) so that its files are found "
                        "(a copy of the site), or give the release's address")


def check_signature(source, manifest_path: str, public_key: minisign.PublicKey,
                    shown: str) -> tuple[Result, list[Entry]]:
    """The manifest at `manifest_path` of `source`, if its signature is good:
    (result, its entries); (result with the failure, []) otherwise."""
    result = Result(shown)
    data = source.read(manifest_path)
    if data is None:
        raise VerifyFailure(f"{shown}: no {MANIFEST_NAME} — this is not a release folder, or "
                            "the release was published before releases were signed")
    signature_data = source.read(manifest_path + ".minisig")
    if signature_data is None:
        result.failures.append(f"{shown}: no signature ({SIGNATURE_NAME} is missing) — the "
                               "release is unsigned or the copy is incomplete: do not trust it")
        return result, []
    try:
        signature = minisign.Signature.from_bytes(signature_data)
    except (minisign.Error, ValueError):
        result.failures.append(f"{shown}: {SIGNATURE_NAME} is not a minisign signature — "
                               "the copy is damaged or altered: do not trust it")
        return result, []
    try:
        public_key.verify(data, signature)
    except minisign.VerifyError as error:
        if "key identifiers" in str(error):
            result.failures.append(
                f"{shown}: signed with another key than the public key given — check the key "
                "on the site's Verify a release page; a release signed by anyone else is not "
                "the organisation's")
        else:
            result.failures.append(f"{shown}: the signature does not match {MANIFEST_NAME} — "
                                   "the manifest was altered: do not trust this release")
        return result, []
    result.trusted_comment = signature.trusted_comment
    try:
        entries = parse(data)
    except ManifestError as error:
        result.failures.append(f"{shown}: {error}")
        return result, []
    result.files = len(entries)
    return result, entries


def _check_files(source, entries: list[Entry], result: Result):
    for entry in entries:
        found = source.digest(entry.path)
        if found is None:
            result.failures.append(f"{entry.path}: missing — the manifest lists it; download "
                                   "the whole release")
        elif found != entry.digest:
            result.failures.append(f"{entry.path}: its SHA-256 is not the signed one — the file "
                                   "was changed after publication: do not trust it")


def _verify_release(source, manifest_path, location, files_at, public_key, shown) -> Result:
    """`location`: the manifest's folder as a path ending in the release's folder
    (`…/releases/2021/x/`); `files_at(root)`: the files under the site's root."""
    result, entries = check_signature(source, manifest_path, public_key, shown)
    if entries:
        _check_files(files_at(_site_root(location, entries)), entries, result)
    return result


def verify_url(url: str, public_key) -> list[Result]:
    parsed = urllib.parse.urlsplit(url)
    path = parsed.path or "/"
    if not path.endswith("/"):
        path = path.rsplit("/", 1)[0] + "/"  # …/index.html or …/manifest.sha256
    host = urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, "", "", ""))
    folder_url = host + path
    return [_verify_release(_Site(folder_url), MANIFEST_NAME, urllib.parse.unquote(path),
                            lambda root: _Site(host + urllib.parse.quote(root)),
                            public_key, folder_url)]


def verify_folder(folder: str, public_key) -> list[Result]:
    folder = os.path.abspath(folder)
    if not os.path.isdir(folder):
        raise VerifyFailure(f"{folder}: no such folder")
    results = []
    for directory, subfolders, names in os.walk(folder):
        subfolders.sort()
        if MANIFEST_NAME in names:
            location = directory.replace(os.sep, "/").rstrip("/") + "/"
            results.append(_verify_release(_Folder(directory), MANIFEST_NAME, location,
                                           _Folder, public_key, os.path.join(directory, "")))
    if not results:
        raise VerifyFailure(f"{folder}: no {MANIFEST_NAME} in it or below — download the "
                            "release's folder, or give its address")
    return results


def verify(target: str, public_key_text: str) -> list[Result]:
    public_key = read_public_key(public_key_text)
    if urllib.parse.urlsplit(target).scheme in ("http", "https"):
        return verify_url(target, public_key)
    return verify_folder(target, public_key)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", help="a release's URL, its folder, or a copy of the site")
    parser.add_argument("--public-key", default=os.environ.get("PUBLIC_KEY", ""),
                        help="the site's minisign public key (RW…), or a minisign.pub file")
    args = parser.parse_args(argv)
    key_text = args.public_key
    if not args.target.strip():
        print("FAILED: nothing to check — give a release's address or folder: "
              "make verify DIR_OR_URL=… PUBLIC_KEY=RW…", file=sys.stderr)
        return 1
    if not key_text:
        print("FAILED: no public key — give the one on the site's Verify a release page: "
              "make verify DIR_OR_URL=… PUBLIC_KEY=RW…", file=sys.stderr)
        return 1
    if os.path.isfile(key_text):
        with open(key_text, encoding="utf-8") as handle:
            key_text = handle.read()
    try:
        results = verify(args.target, key_text)
    except VerifyFailure as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    failed = False
    for result in results:
        if result.ok:
            files = f"{result.files} file{'' if result.files == 1 else 's'}"
            print(f"OK {result.release}: the signature is good and {files} match the manifest "
                  f"(signed comment: {result.trusted_comment})")
        else:
            failed = True
            for line in result.failures:
                print(f"FAILED {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
