"""`make new`: a release bundle that builds, from a title and a folder of
photos — each option, each refusal, and the built result."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from press_room.authoring import new_release
from tests.build.conftest import write_filler_releases
from tests.conftest import REPO, build_site, empty_content, soup, text
from tests.fixtures.camera_photos import heic, jpeg, write_iim, write_xmp

NOW = "2026-12-02 14:20 +08:00"  # the clock `make new` and the builds read
SETTINGS = str(REPO / "pelicanconf.py")


def new(content: Path, capsys, *arguments: str) -> tuple[int, str, str]:
    code = new_release.main([*arguments, "--content", str(content), "-s", SETTINGS])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tree(content: Path) -> list[str]:
    return sorted(str(p.relative_to(content)) for p in content.rglob("*"))


@pytest.fixture
def content(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESS_ROOM_NOW", NOW)
    return empty_content(tmp_path)


@pytest.fixture
def camera_folder(tmp_path) -> Path:
    """Three photos as they arrive: taken in the order c, a, b (not their
    names' order); one with IIM, one with XMP, one HEIC from a phone with none."""
    folder = tmp_path / "from-the-camera"
    folder.mkdir()
    write_iim(jpeg(folder / "a-stage.jpg", taken="2026:11:30 09:00:00"),
              caption="Dr Chai on stage at the INNOPARK", byline="Jane Lee", credit="HKSTP",
              copyright="© HKSTP 2026")
    heic(folder / "b-phone.heic", taken="2026:11:30 10:30:00")
    write_xmp(jpeg(folder / "c-arrival.jpg", taken="2026:11:30 08:15:00"),
              description="Guests arrive: 嘉賓抵達", credit="HKSTP / Sam Wong",
              rights="© HKSTP 2026")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")  # the system's, ignored
    return folder


def test_a_title_alone_makes_a_release_under_embargo_until_the_next_full_hour(content, capsys):
    code, out, err = new(content, capsys, "--title", "HKSTP Opens the MARS Centre: Phase 2")
    assert code == 0, err
    bundle = content / "releases/2026/hkstp-opens-the-mars-centre-phase-2"
    written = (bundle / "index.md").read_text(encoding="utf-8")
    assert written.startswith(
        '---\ntitle: "HKSTP Opens the MARS Centre: Phase 2"\n'
        "date: 2026-12-02 15:00 +08:00\ncategory: Press Releases\n"
        "contacts: [press-office]\n---\nTO WRITE"), written
    assert sorted(os.listdir(bundle)) == ["index.md"]
    assert f"Created {bundle}/" in out, out
    assert "Embargo: under embargo until 2 Dec 2026, 15:00 HKT" in out, out
    assert ("http://127.0.0.1:8000/releases/2026/hkstp-opens-the-mars-centre-phase-2/"
            in out), out


def test_date_category_languages_and_slug_are_taken_as_given(content, capsys):
    code, out, err = new(content, capsys, "--title", "Annual results", "--date",
                         "2025-03-04 09:30", "--category", "Corporate News", "--langs",
                         "zh-hans,en,zh-hant", "--slug", "results-2025")
    assert code == 0, err
    bundle = content / "releases/2025/results-2025"
    assert sorted(os.listdir(bundle)) == ["index.md", "index.zh-hans.md", "index.zh-hant.md"]
    for name in os.listdir(bundle):
        written = (bundle / name).read_text(encoding="utf-8")
        assert "date: 2025-03-04 09:30 +08:00\ncategory: Corporate News\n" in written, written
    assert "Embargo: none — dated 4 Mar 2025, 09:30 HKT, in the past" in out, out
    assert "http://127.0.0.1:8000/zh-hant/releases/2025/results-2025/" in out, out
    assert "http://127.0.0.1:8000/zh-hans/releases/2025/results-2025/" in out, out


def test_a_chinese_title_gives_a_pinyin_slug(content, capsys):
    code, out, err = new(content, capsys, "--title", "科技園與重慶銀行推出 AI 平台",
                         "--langs", "zh-hant")
    assert code == 0, err
    (bundle,) = (content / "releases/2026").iterdir()
    # Phrases read as phrases (重慶 chong qing, 銀行 yin hang), Latin kept.
    assert bundle.name == "ke-ji-yuan-yu-chong-qing-yin-hang-tui-chu-ai-ping-tai", bundle.name
    assert sorted(os.listdir(bundle)) == ["index.zh-hant.md"]


def test_photos_are_copied_in_capture_order_with_their_embedded_text(content, capsys,
                                                                     camera_folder):
    code, out, err = new(content, capsys, "--title", "Photos from the day", "--photos",
                         str(camera_folder))
    assert code == 0, err
    bundle = content / "releases/2026/photos-from-the-day"
    assert sorted(os.listdir(bundle)) == ["a-stage.jpg", "b-phone.heic", "c-arrival.jpg",
                                          "index.md"]
    assert (bundle / "a-stage.jpg").read_bytes() == (camera_folder / "a-stage.jpg").read_bytes()
    written = (bundle / "index.md").read_text(encoding="utf-8")
    photos = written.split("photos:\n", 1)[1].split("contacts:", 1)[0]
    assert photos == (
        "  - file: c-arrival.jpg\n"
        '    caption: "Guests arrive: 嘉賓抵達"\n'
        "    alt: TO WRITE — describe the photo for screen readers\n"
        "    credit: HKSTP / Sam Wong\n"
        "    copyright: © HKSTP 2026\n"
        "  - file: a-stage.jpg\n"
        "    caption: Dr Chai on stage at the INNOPARK\n"
        "    alt: TO WRITE — describe the photo for screen readers\n"
        "    credit: HKSTP\n"
        "    copyright: © HKSTP 2026\n"
        "  - file: b-phone.heic\n"
        "    caption: TO WRITE — the caption printed with the photo\n"
        "    alt: TO WRITE — describe the photo for screen readers\n"), photos
    assert "photos, in the order they were taken: c-arrival.jpg, a-stage.jpg, b-phone.heic" \
        in out, out
    assert "captions taken from the photos: 2 of 3" in out, out


@pytest.fixture
def built_new_release(tmp_path, content, capsys, camera_folder):
    code, out, err = new(content, capsys, "--title", "Photos from the day", "--photos",
                         str(camera_folder), "--langs", "en,zh-hant")
    assert code == 0, err
    return content, out


def test_the_new_release_builds_and_its_preview_says_what_is_left_to_write(
        built_new_release, tmp_path):
    content, out = built_new_release
    build = build_site(content, tmp_path / "output", env={"PRESS_ROOM_NOW": NOW},
                       extra_settings={"PRESS_ROOM_CACHE_PATH": str(tmp_path / "cache")})
    assert build.returncode == 0, build.log
    page_path = tmp_path / "output/releases/2026/photos-from-the-day/index.html"
    assert page_path.is_file(), build.log
    page = soup(page_path)
    captions = [text(c) for c in page.select("figcaption.pr-photo__caption")]
    assert "Guests arrive: 嘉賓抵達" in captions[0] and "Credit: HKSTP / Sam Wong" in captions[0], \
        captions
    assert "TO WRITE" in page.select("figure.pr-photo img")[0]["alt"]
    banner = page.select_one(".pr-banner--embargo")
    assert banner is not None and "EMBARGOED" in text(banner), "no embargo banner"
    log = " ".join((build.stdout + build.stderr).split())
    assert "photos[1].alt: still to write (TO WRITE …)" in log, build.log
    assert (tmp_path / "output/zh-hant/releases/2026/photos-from-the-day/index.html").is_file()


def test_a_public_build_withholds_it_under_embargo_and_refuses_it_once_due(
        built_new_release, tmp_path):
    content, _ = built_new_release
    write_filler_releases(content, 1)  # a public site with nothing published has no search
    env = {"SITEURL": "https://press.example.org"}
    cache = {"PRESS_ROOM_CACHE_PATH": str(tmp_path / "cache")}
    before = build_site(content, tmp_path / "before", settings_file="publishconf.py",
                        env={**env, "PRESS_ROOM_NOW": NOW}, extra_settings=cache)
    assert before.returncode == 0, before.log
    assert not (tmp_path / "before/releases/2026").exists()
    due = build_site(content, tmp_path / "due", settings_file="publishconf.py",
                     env={**env, "PRESS_ROOM_NOW": "2026-12-02 15:00 +08:00"},
                     extra_settings=cache)
    assert due.returncode != 0, due.log
    bundle = content / "releases/2026/photos-from-the-day"
    assert (f"{bundle}/index.md:8: photos[1].alt: still to write (TO WRITE …) — describe the "
            "photo for screen readers") in due.stderr.splitlines(), due.log
    assert (f"{bundle}/index.zh-hant.md:21: body: still to write (TO WRITE …) — write the "
            "release text") in due.stderr.splitlines(), due.log


# --- refusals: a clear message, exit status 2, nothing written ---------------------

@pytest.mark.parametrize("arguments, message", [
    (["--category", "Press Release"],
     'make new: CATEGORY "Press Release" is not a configured category — did you mean "Press '
     'Releases"? Use one of: Press Releases, Corporate News, Media Statements'),
    (["--category", "Gossip"],
     'make new: CATEGORY "Gossip" is not a configured category — use one of: Press Releases, '
     "Corporate News, Media Statements"),
    (["--date", "3/12/2026"],
     'make new: DATE "3/12/2026" is not a date — write it as 2021-11-26 10:00 +08:00'),
    (["--date", "2026-12-03"],
     'make new: DATE "2026-12-03" has no time — write it as 2021-11-26 10:00 +08:00'),
    (["--langs", "en,zh-hk"],
     'make new: LANGS "zh-hk" is not a configured language — did you mean "zh-hant"? Use one '
     "of: en, zh-hant, zh-hans"),
    (["--slug", "Not A Slug"],
     'make new: SLUG "Not A Slug" is not a valid slug — use lower-case letters, digits and '
     "hyphens"),
], ids=["misspelled category", "unknown category", "day-first date", "date without time",
        "unknown language", "bad slug"])
def test_refuses_a_bad_option(content, capsys, arguments, message):
    before = tree(content)
    code, out, err = new(content, capsys, "--title", "A release", *arguments)
    assert code == 2 and err.strip() == message, (code, out, err)
    assert tree(content) == before


def test_refuses_a_slug_that_exists(content, capsys):
    assert new(content, capsys, "--title", "A release")[0] == 0
    before = tree(content)
    code, out, err = new(content, capsys, "--title", "A Release")
    assert code == 2, (out, err)
    assert err.strip() == (f"make new: {content}/releases/2026/a-release already exists — "
                           "choose another title, or give the release another URL name: "
                           "SLUG=…"), err
    assert tree(content) == before


def test_refuses_a_file_that_is_not_a_photo(content, capsys, camera_folder):
    (camera_folder / "notes.txt").write_text("Shot list\n", encoding="utf-8")
    (camera_folder / "broken.jpg").write_bytes(b"not a jpeg at all")
    before = tree(content)
    code, out, err = new(content, capsys, "--title", "A release", "--photos",
                         str(camera_folder))
    assert code == 2, (out, err)
    assert err.strip() == (
        "make new: PHOTOS: broken.jpg is not an image Pillow can read — export it again as "
        "JPEG; notes.txt is not a photo type the site publishes — use .jpg, .jpeg, .png, "
        ".webp, .tif, .tiff, .gif, .heic, .heif, or take the file out of the folder"), err
    assert tree(content) == before


def test_refuses_an_empty_title_and_a_missing_photo_folder(content, capsys, tmp_path):
    code, _, err = new(content, capsys, "--title", "  ")
    assert code == 2 and err.strip() == 'make new: TITLE is empty — give the headline: ' \
        'make new TITLE="…"', err
    code, _, err = new(content, capsys, "--title", "A release", "--photos",
                       str(tmp_path / "nowhere"))
    assert code == 2 and "no such folder" in err, err


# --- the commands -------------------------------------------------------------------

def test_make_new_passes_every_option_through(tmp_path, camera_folder):
    content = empty_content(tmp_path)
    result = subprocess.run(
        ["make", "--no-print-directory", "new", "TITLE=A \"quoted\" title: it's HK$10 million",
         "DATE=2026-12-24 10:00", "CATEGORY=Media Statements", "LANGS=en,zh-hans",
         f"PHOTOS={camera_folder}", f"CONTENT={content}"],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, "PRESS_ROOM_NOW": NOW})
    assert result.returncode == 0, result.stdout + result.stderr
    bundle = content / "releases/2026/a-quoted-title-it-s-hk-10-million"
    written = (bundle / "index.zh-hans.md").read_text(encoding="utf-8")
    assert written.startswith('---\ntitle: "A \\"quoted\\" title: it\'s HK$10 million"\n'
                              "date: 2026-12-24 10:00 +08:00\ncategory: Media Statements\n"), \
        written
    assert (bundle / "b-phone.heic").is_file()
    assert "Embargo: under embargo until 24 Dec 2026, 10:00 HKT" in result.stdout


def test_make_new_refuses_with_status_2_through_make(tmp_path):
    content = empty_content(tmp_path)
    result = subprocess.run(["make", "--no-print-directory", "new", "TITLE=X",
                             "CATEGORY=Gossip", f"CONTENT={content}"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode != 0 and 'CATEGORY "Gossip"' in result.stderr, result.stderr


def test_the_python_command_explains_itself():
    result = subprocess.run([sys.executable, "-m", "press_room.authoring.new_release", "--help"],
                            cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO / "plugins")})
    assert result.returncode == 0, result.stderr
    for option in ("--title", "--date", "--category", "--langs", "--photos", "--slug"):
        assert option in result.stdout, result.stdout
