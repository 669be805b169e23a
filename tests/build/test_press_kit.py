"""The press kit as unzip tools and picture desks read it, in every language.

`zipinfo` (Debian's unzip, installed by `make test`) lists each member's Unix
mode and time: regular files, dated with the release's publication time in the
site's time zone (the same in every build). A Chinese kit's captions.txt and
release text carry Chinese labels, and its downloads the Chinese rights line
(read with ExifTool).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import soup

RELEASE = "releases/2021/innopark-mars-centre/index.html"
LANGUAGES = {
    # prefix: (caption label, credit label, media enquiries, rights line)
    "": ("Caption: ", "Credit: ", "Media enquiries",
         "© Hong Kong Science and Technology Parks Corporation"),
    "zh-hant/": ("圖片說明：", "鳴謝：", "傳媒查詢", "© 香港科技園公司"),
    "zh-hans/": ("图片说明：", "图片来源：", "传媒查询", "© 香港科技园公司"),
}
ENGLISH_LABELS = ("Caption:", "Credit:", "Media enquiries")


def kit_path(output: Path, prefix: str) -> Path:
    link = soup(output / prefix / RELEASE).select_one("a.pr-press-kit__link")
    assert link is not None, f"{prefix}{RELEASE} has no press-kit link"
    return output / link["href"].lstrip("/")


def zipinfo(path: Path) -> list[str]:
    tool = shutil.which("zipinfo")
    assert tool, "zipinfo is not installed: `make test` installs Debian's unzip"
    # -T: times as yyyymmdd.hhmmss; one line per member after the header.
    result = subprocess.run([tool, "-T", str(path)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line[:1] in "-?dl" and " unx " in line]


@pytest.mark.parametrize("prefix", list(LANGUAGES), ids=lambda p: p.strip("/") or "en")
def test_zipinfo_shows_regular_files_dated_with_the_release(real_site, prefix):
    members = zipinfo(kit_path(real_site.output, prefix))
    assert len(members) == 8, members  # six photos, captions.txt, the release text
    wrong = [line for line in members
             if not (line.startswith("-rw-r--r--") and " 20211126.100000 " in line)]
    assert wrong == [], ("members not shown as regular files (-rw-r--r--) dated "
                         f"2021-11-26 10:00:00, the release's time: {wrong}")


@pytest.mark.parametrize("prefix", ["zh-hant/", "zh-hans/"])
def test_chinese_kit_texts_use_chinese_labels(real_site, prefix):
    caption, credit, enquiries, _ = LANGUAGES[prefix]
    with zipfile.ZipFile(kit_path(real_site.output, prefix)) as kit:
        captions = kit.read("captions.txt").decode("utf-8")
        release = kit.read("innopark-mars-centre.txt").decode("utf-8")
    english = [label for label in ENGLISH_LABELS if label in captions + release]
    assert english == [], f"{prefix} kit still says {english}:\n{captions[:400]}"
    assert captions.count(caption) == 6 and captions.count(credit) == 6, captions[:600]
    assert enquiries in release.splitlines(), release[-800:]


@pytest.mark.parametrize("prefix", list(LANGUAGES), ids=lambda p: p.strip("/") or "en")
def test_exiftool_reads_the_rights_line_in_the_kit_language(real_site, prefix):
    rights = LANGUAGES[prefix][3]
    downloads = sorted({real_site.output / a["href"].lstrip("/") for a in
                        soup(real_site.output / prefix / RELEASE).select("a.pr-photo__download")})
    assert len(downloads) == 6, downloads
    tool = shutil.which("exiftool")
    assert tool, "exiftool is not installed: `make test` installs libimage-exiftool-perl"
    result = subprocess.run([tool, "-json", "-XMP-dc:Rights", *map(str, downloads)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    found = {Path(r["SourceFile"]).name: r.get("Rights") for r in json.loads(result.stdout)}
    assert set(found.values()) == {rights}, f"{prefix} downloads' XMP dc:rights: {found}"
