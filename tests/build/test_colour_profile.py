"""Published photos say what colour space they are in, and how large to print.

Read with ExifTool (Debian's libimage-exiftool-perl, installed by `make test`),
what picture desks use, and with Pillow's colour-management module: every
JPEG and WebP carries an sRGB ICC profile (the pixels are converted to sRGB),
and every JPEG its density (JFIF dpi) — 300 for the download, 72 on the web.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from tests.conftest import soup

EXIFTOOL = shutil.which("exiftool")
ICC_BUDGET = 1_000  # bytes: the profile rides in every rendition, phones included


def exiftool(paths: list[Path]) -> list[dict]:
    assert EXIFTOOL, "exiftool is not installed: `make test` installs libimage-exiftool-perl"
    result = subprocess.run([EXIFTOOL, "-json", "-G", "-ICC_Profile:ProfileDescription",
                             "-ICC_Profile:ColorSpaceData", "-ICC_Profile:ProfileClass",
                             "-JFIF:XResolution", "-JFIF:YResolution", "-JFIF:ResolutionUnit",
                             *map(str, paths)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def release_files(output: Path, pattern: str) -> list[Path]:
    if pattern == "download":  # the high-resolution downloads, as the pages link them
        files = sorted({output / a["href"].lstrip("/") for page in output.rglob("index.html")
                        for a in soup(page).select("a.pr-photo__download")})
    else:
        files = sorted((output / "releases").rglob(pattern))
    assert files, f"no {pattern} under {output / 'releases'}"
    return files


@pytest.mark.parametrize("pattern, dpi", [
    ("download", 300),
    ("*-480.*.jpg", 72),
    ("*-16x9.*.jpg", 72),  # the social card's crop
    ("*-960.*.webp", None),
])
def test_exiftool_reads_an_srgb_profile_and_the_density(fixture_site, pattern, dpi):
    files = release_files(fixture_site.output, pattern)
    for record in exiftool(files):
        where = record["SourceFile"]
        assert record.get("ICC_Profile:ColorSpaceData", "").strip() == "RGB", (where, record)
        assert "sRGB" in record.get("ICC_Profile:ProfileDescription", ""), (where, record)
        if dpi is not None:
            density = (record.get("JFIF:XResolution"), record.get("JFIF:YResolution"),
                       record.get("JFIF:ResolutionUnit"))
            assert density == (dpi, dpi, "inches"), (where, record)


def test_pillow_finds_one_compact_srgb_profile_in_every_jpeg_and_webp(fixture_site):
    files = [p for p in (fixture_site.output / "releases").rglob("*")
             if p.suffix in (".jpg", ".webp")]
    assert len(files) > 20, files
    profiles: dict[bytes, list[str]] = {}
    for path in files:
        with Image.open(path) as image:
            profiles.setdefault(image.info.get("icc_profile") or b"", []).append(path.name)
    assert b"" not in profiles, f"JPEG/WebP files without an ICC profile: {profiles.get(b'')}"
    assert len(profiles) == 1, f"{len(profiles)} different profiles: {list(profiles.values())}"
    profile = next(iter(profiles))
    assert len(profile) <= ICC_BUDGET, f"the embedded profile is {len(profile)} bytes"
    description = ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(profile)))
    assert "sRGB" in description, description
