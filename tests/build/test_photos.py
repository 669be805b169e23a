"""Photos as published: correct pixels, no metadata leaks, downloads and the
press kit, and an encoding cache that does no work twice."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from press_room.srgb_profile import srgb_icc
from tests.build.conftest import write_filler_releases
from tests.conftest import build_site, copy_fixture, soup, text

EVERY_FIELD = "releases/2021/release-with-every-field/index.html"
DIFFICULT = "releases/2020/release-with-difficult-photos/index.html"
IMAGE_TYPES = (".jpg", ".webp", ".avif")
XMP_NS = {"dc": "http://purl.org/dc/elements/1.1/",
          "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "photoshop": "http://ns.adobe.com/photoshop/1.0/"}


def file_of(output: Path, url: str) -> Path:
    return output / url.lstrip("/")


def srcset_urls(srcset: str) -> list[tuple[str, int]]:
    return [(c.split(" ")[0], int(c.split(" ")[1][:-1])) for c in srcset.split(", ")]


def published_images(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*") if p.suffix in IMAGE_TYPES)


def test_picture_offers_avif_and_webp_before_the_jpeg_fallback(fixture_site):
    page = soup(fixture_site.output / EVERY_FIELD)
    for picture in page.select("figure.pr-photo picture"):
        types = [source["type"] for source in picture.select("source")]
        assert types == ["image/avif", "image/webp"], types
        img = picture.img
        assert img["width"] and img["height"], img.attrs
        assert img["sizes"] and all(s["sizes"] == img["sizes"] for s in picture.select("source"))


def test_every_srcset_candidate_is_a_file_of_its_stated_width(fixture_site):
    page = soup(fixture_site.output / EVERY_FIELD)
    candidates = [c for tag in page.select("picture source, picture img")
                  for c in srcset_urls(tag["srcset"])]
    # 3 formats × (portrait 600 px: 480, 600; landscape 1200 px: 480, 960, 1200)
    assert len(candidates) == 3 * (2 + 3), candidates
    for url, width in candidates:
        path = file_of(fixture_site.output, url)
        assert path.is_file(), f"{url} has no file"
        with Image.open(path) as image:
            assert image.width == width, (url, image.size)
            assert image.width <= 1200, f"{url} upscaled beyond the 1200 px original"


def test_no_published_image_carries_exif_gps_or_serials(fixture_site):
    images = published_images(fixture_site.output)
    assert len(images) > 20, images
    for path in images:
        with Image.open(path) as image:
            exif = image.getexif()
            assert not dict(exif), f"{path.name} carries EXIF {dict(exif)}"
            assert not exif.get_ifd(0x8825), f"{path.name} carries GPS"
            assert b"SN-123456" not in path.read_bytes(), f"{path.name} carries the serial"


@pytest.mark.parametrize("photo_number, check", [
    (1, ("cmyk", lambda rgb: rgb[0] < 40 and rgb[1] > 200 and rgb[2] > 200)),
    (2, ("transparent flattened onto white", lambda rgb: min(rgb) > 245)),
    (3, ("16-bit grey scaled, not clipped", lambda rgb: 110 < rgb[0] < 145)),
    (4, ("animated: first frame (red)", lambda rgb: rgb[0] > 200 and rgb[2] < 60)),
    (5, ("icc-tagged orange", lambda rgb: rgb[0] > 170 and 90 < rgb[1] < 150 and rgb[2] < 80)),
])
def test_difficult_photos_publish_as_plain_srgb(fixture_site, photo_number, check):
    label, is_right = check
    page = soup(fixture_site.output / DIFFICULT)
    figure = page.select_one(f"#photo-{photo_number}")
    urls = [url for tag in figure.select("picture source, picture img")
            for url, _ in srcset_urls(tag["srcset"])] + [figure.select_one("a.pr-photo__download")["href"]]
    for url in urls:
        with Image.open(file_of(fixture_site.output, url)) as image:
            assert image.mode == "RGB", (label, url, image.mode)
            # The source's own profile is gone: the pixels were converted to sRGB,
            # and the file says sRGB (test_colour_profile.py).
            assert image.info.get("icc_profile") in (None, srgb_icc()), (
                label, url, "carries a profile other than the site's sRGB")
            pixel = image.convert("RGB").getpixel((image.width // 2, image.height - 5))
            assert is_right(pixel), (label, url, pixel)


def test_download_is_upright_full_size_jpeg_with_caption_credit_and_rights_as_xmp(fixture_site):
    page = soup(fixture_site.output / EVERY_FIELD)
    link = page.select_one("#photo-1 a.pr-photo__download")
    assert "(JPEG, 600 × 900 px," in text(link), text(link)
    assert link["download"] == "release-with-every-field-photo-1.jpg"
    path = file_of(fixture_site.output, link["href"])
    with Image.open(path) as image:
        assert (image.format, image.size) == ("JPEG", (600, 900))
        xmp = image.info["xmp"].decode("utf-8")
    root = ET.fromstring(xmp[xmp.index("<x:xmpmeta"): xmp.index("</x:xmpmeta>") + len("</x:xmpmeta>")])
    assert root.find(".//dc:description//rdf:li", XMP_NS).text == (
        "A portrait photo stored sideways with EXIF Orientation 6.")
    assert root.find(".//photoshop:Credit", XMP_NS).text == "Fixture Photographer"
    assert root.find(".//dc:rights//rdf:li", XMP_NS).text == "© Fixture Organisation Limited"
    size_shown = re.search(r"(\d+) KB\)", text(link)).group(1)
    assert abs(int(size_shown) - path.stat().st_size / 1000) <= 1, (size_shown, path.stat().st_size)


def test_press_kit_zip_holds_downloads_captions_and_release_text(fixture_site):
    page = soup(fixture_site.output / EVERY_FIELD)
    link = page.select_one("a.pr-press-kit__link")
    assert re.fullmatch(r"Download all photos \(ZIP, \d+ KB\)", text(link)), text(link)
    path = file_of(fixture_site.output, link["href"])
    with zipfile.ZipFile(path) as kit:
        names = kit.namelist()
        assert names == ["release-with-every-field-photo-1.jpg",
                         "release-with-every-field-photo-2.jpg",
                         "captions.txt", "release-with-every-field.txt"], names
        downloads = [file_of(fixture_site.output, a["href"]).read_bytes()
                     for a in page.select("a.pr-photo__download")]
        assert [kit.read(n) for n in names[:2]] == downloads
        captions = kit.read("captions.txt").decode()
        assert ("release-with-every-field-photo-2.jpg\nCaption: A landscape photo, written first."
                "\nCredit: Fixture Photographer") in captions, captions
        release_text = " ".join(kit.read("release-with-every-field.txt").decode().split())
        for expected in ("Release with every field", "(Kowloon, 1 March 2021) The first paragraph",
                         "sapphire lanterns drift over Kowloon Bay", "Media enquiries",
                         "About Other Org"):
            assert expected in release_text, (expected, release_text)
        # Dated with the release (2021-03-01 09:30 in the site's time zone), not the build.
        assert {info.date_time for info in kit.infolist()} == {(2021, 3, 1, 9, 30, 0)}


def test_release_without_photos_has_no_press_kit(fixture_site):
    page = soup(fixture_site.output / "releases/2022/release-with-required-fields-only/index.html")
    assert page.select_one(".pr-press-kit") is None


@pytest.fixture(scope="module")
def cold_and_warm_builds(tmp_path_factory):
    """The fixture site built cold (own empty cache), then again into a second folder."""
    root = tmp_path_factory.mktemp("photo-cache")
    content = copy_fixture("site", root)
    write_filler_releases(content, 2)
    cache = {"PRESS_ROOM_CACHE_PATH": str(root / "cache")}
    cold = build_site(content, root / "cold", extra_settings=cache, verbose=True)
    warm = build_site(content, root / "warm", extra_settings=cache, verbose=True)
    return content, cache, cold, warm


def encoded_count(build) -> int:
    match = re.search(r"Photos: (\d+) files planned; (\d+) encoded", build.stdout + build.stderr)
    assert match, f"no photo statistics in the log:\n{build.log}"
    return int(match.group(2))


def test_second_build_encodes_nothing_and_gives_identical_bytes(cold_and_warm_builds):
    _, _, cold, warm = cold_and_warm_builds
    assert cold.returncode == 0 and warm.returncode == 0, cold.log + warm.log
    assert encoded_count(cold) > 0
    assert encoded_count(warm) == 0, warm.log
    cold_files = {p.relative_to(cold.output): p.read_bytes() for p in cold.output.rglob("*") if p.is_file()}
    warm_files = {p.relative_to(warm.output): p.read_bytes() for p in warm.output.rglob("*") if p.is_file()}
    assert sorted(cold_files) == sorted(warm_files)
    differing = [str(name) for name in cold_files if cold_files[name] != warm_files[name]]
    assert differing == [], differing


def test_second_build_reads_no_unchanged_source_photo(cold_and_warm_builds):
    _, _, cold, warm = cold_and_warm_builds
    read = [int(re.search(r"(\d+) source photos read", build.log).group(1)) for build in (cold, warm)]
    assert read[0] > 0 and read[1] == 0, (read, warm.log)


def test_published_photos_are_links_to_the_cached_files(cold_and_warm_builds):
    content, cache, _, warm = cold_and_warm_builds
    cached = {(p.stat().st_dev, p.stat().st_ino)
              for p in Path(cache["PRESS_ROOM_CACHE_PATH"]).rglob("*") if p.is_file()}
    images = list(published_images(warm.output))
    copies = [str(p) for p in images if (p.stat().st_dev, p.stat().st_ino) not in cached]
    assert images and not copies, f"published as copies, not links: {copies[:5]}"


def test_changing_one_setting_reencodes_only_what_it_shapes(cold_and_warm_builds, tmp_path):
    content, cache, cold, _ = cold_and_warm_builds
    quality = {"avif": 60, "webp": 70, "jpeg": 82}  # only WebP differs from the default
    build = build_site(content, tmp_path / "out", verbose=True,
                       extra_settings={**cache, "PRESS_ROOM_PHOTO_QUALITY": quality})
    assert build.returncode == 0, build.log
    old = {p.name for p in published_images(cold.output)}
    new = {p.name for p in published_images(build.output)}
    changed = sorted(new - old)
    assert changed and all(name.endswith(".webp") for name in changed), changed
    assert encoded_count(build) == len(changed), (encoded_count(build), changed)


def test_a_deleted_photo_leaves_nothing_behind_in_output(cold_and_warm_builds, tmp_path):
    content, cache, _, _ = cold_and_warm_builds
    output = tmp_path / "out"
    assert build_site(content, output, extra_settings=cache).returncode == 0
    before = {p.name for p in published_images(output)}
    bundle = content / "releases/2020/release-with-difficult-photos"
    index = bundle / "index.md"
    original = index.read_text(encoding="utf-8")
    try:
        index.write_text(original.replace(
            "  - file: animated.gif\n    caption: An animated GIF whose first frame is red.\n"
            "    alt: Red test card\n", ""), encoding="utf-8")
        rebuilt = build_site(content, output, extra_settings=cache)
    finally:
        index.write_text(original, encoding="utf-8")
    assert rebuilt.returncode == 0, rebuilt.log
    after = {p.name for p in published_images(output)}
    gone = sorted(before - after)
    assert gone and all(name.startswith("animated") for name in gone), gone
    assert not [n for n in after if n.startswith("animated")], "animated.gif renditions linger"
