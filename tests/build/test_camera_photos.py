"""Photos as they come from phones and cameras: HEIC published like JPEG;
a caption written into the photo used when the front matter has none; alt
text still required."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import build_site, empty_content, soup, text
from tests.fixtures.camera_photos import heic, jpeg, read_tags, write_iim, write_xmp

PAGE = "releases/2021/from-the-camera/index.html"
FRONT = "title: From the camera\ndate: 2021-11-26 10:00 +08:00\ncategory: Press Releases\n"


def release(content: Path, photos: str) -> Path:
    bundle = content / "releases/2021/from-the-camera"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text(f"---\n{FRONT}photos:\n{photos}---\nThe text.\n",
                                     encoding="utf-8")
    return bundle


def download_xmp(output: Path, url: str) -> str:
    with Image.open(output / url.lstrip("/")) as image:
        return image.info["xmp"].decode("utf-8")


@pytest.fixture(scope="module")
def camera_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("camera")
    content = empty_content(root)
    bundle = release(content, (
        "  - file: phone.heic\n    caption: Taken on a phone.\n    alt: A red test card.\n"
        "  - file: iim.jpg\n    alt: Dr Chai on stage.\n"
        "  - file: xmp.jpg\n    alt: Robots on the line.\n    credit: Our own credit\n"))
    heic(bundle / "phone.heic", size=(1200, 900))
    write_iim(jpeg(bundle / "iim.jpg", size=(1000, 750)), caption="Dr Chai at INNOPARK 香港",
              byline="Jane Lee", copyright="© Jane Lee 2021")
    write_xmp(jpeg(bundle / "xmp.jpg", size=(1000, 750)), description="The MARS line",
              credit="Embedded credit", rights="© HKSTP 2021")
    assert read_tags(bundle / "iim.jpg")["IPTC:Caption-Abstract"] == "Dr Chai at INNOPARK 香港"
    assert read_tags(bundle / "xmp.jpg")["XMP-dc:Description"] == "The MARS line"
    build = build_site(content, root / "output",
                       extra_settings={"PRESS_ROOM_CACHE_PATH": str(root / "cache")})
    assert build.returncode == 0, build.log
    return build


def test_a_heic_photo_is_published_like_a_jpeg(camera_site):
    page = soup(camera_site.output / PAGE)
    lead = page.select("figure.pr-photo")[0]
    assert lead.img["alt"] == "A red test card."
    types = [s["type"] for s in lead.select("picture source")]
    assert types == ["image/avif", "image/webp"], types
    for candidate in lead.img["srcset"].split(", "):
        url, width = candidate.split(" ")
        with Image.open(camera_site.output / url.lstrip("/")) as image:
            assert image.format == "JPEG" and image.width == int(width[:-1]), (url, image.size)
    download = lead.select_one("a.pr-photo__download")["href"]
    with Image.open(camera_site.output / download.lstrip("/")) as image:
        assert image.format == "JPEG" and image.size == (1200, 900), image.size
    assert not list(camera_site.output.rglob("*.heic")), "the original was published"


def test_an_embedded_iim_caption_is_used_when_none_is_written(camera_site):
    page = soup(camera_site.output / PAGE)
    caption = text(page.select("figcaption.pr-photo__caption")[1])
    assert "Dr Chai at INNOPARK 香港" in caption and "Credit: Jane Lee" in caption, caption
    download = page.select("a.pr-photo__download")[1]["href"]
    xmp = download_xmp(camera_site.output, download)
    assert "Dr Chai at INNOPARK 香港" in xmp and "© Jane Lee 2021" in xmp, xmp


def test_an_embedded_xmp_caption_is_used_and_written_text_wins(camera_site):
    page = soup(camera_site.output / PAGE)
    caption = text(page.select("figcaption.pr-photo__caption")[2])
    assert "The MARS line" in caption, caption
    assert "Credit: Our own credit" in caption and "Embedded credit" not in caption, caption
    xmp = download_xmp(camera_site.output, page.select("a.pr-photo__download")[2]["href"])
    assert "© HKSTP 2021" in xmp, xmp


def test_alt_text_stays_required_with_an_embedded_caption(tmp_path):
    content = empty_content(tmp_path)
    bundle = release(content, "  - file: iim.jpg\n")
    write_iim(jpeg(bundle / "iim.jpg"), caption="Dr Chai at INNOPARK")
    build = build_site(content, tmp_path / "output",
                       extra_settings={"PRESS_ROOM_CACHE_PATH": str(tmp_path / "cache")})
    assert build.returncode != 0, build.log
    lines = build.stderr.splitlines()
    assert f"{bundle}/index.md:6: photos[1].alt: missing — describe the photo for screen " \
        "readers" in lines, build.log
    assert not any("caption" in line for line in lines), build.log
