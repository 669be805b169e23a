"""Attachments: listed on the page with type and size, published under a
stable name, in the press-kit ZIP and the signed manifest; withheld and
audited under embargo like photos."""

from __future__ import annotations

import zipfile
from pathlib import Path

import minisign
import pytest

from tests.conftest import build_site, empty_content, soup, text
from tests.fixtures.bad_inputs import PHOTO
from tests.fixtures.documents import office, pdf

NOW = "2022-01-10 10:00 +08:00"
SITEURL = "https://press.example.org"
FOLDER = "releases/2021/with-documents/"
DOCUMENTS = {"Fact Sheet.pdf": pdf("Fact sheet"), "figures.xlsx": office("xlsx", "Figures"),
             "speech.docx": office("docx", "Speech"), "slides.pptx": office("pptx", "Slides")}
FRONT = ("title: A release with its fact sheets attached\ndate: 2021-11-26 10:00\n"
         "category: Press Releases\n"
         "photos:\n  - file: photo.jpg\n    caption: The launch.\n    alt: People at a launch.\n"
         "attachments:\n"
         "  - file: Fact Sheet.pdf\n    title: Fact sheet\n"
         "  - file: figures.xlsx\n    title: Figures for 2021\n"
         "  - file: speech.docx\n    title: The chairman's speech\n"
         "  - file: slides.pptx\n    title: Presentation slides\n")


def make_bundle(folder: Path, front: str = FRONT, documents=DOCUMENTS,
                body="The release's text about fact sheets."):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "photo.jpg").write_bytes(PHOTO)
    for file_name, data in documents.items():
        (folder / file_name).write_bytes(data)
    (folder / "index.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")


def publish(content, output, env=None):
    return build_site(content, output, settings_file="publishconf.py",
                      env={"SITEURL": SITEURL, "PRESS_ROOM_NOW": NOW, **(env or {})})


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("attachments")
    content = empty_content(root)
    make_bundle(content / "releases/2021/with-documents")
    pair = minisign.KeyPair.generate()
    key = root / "minisign.key"
    key.write_bytes(bytes(pair.secret_key))
    build = publish(content, root / "output", {"PRESS_ROOM_SIGNING_KEY": str(key)})
    assert build.returncode == 0, build.log
    return build


def test_listed_with_type_and_size(site):
    items = soup(site.output / FOLDER / "index.html").select(".pr-attachments__item")
    listed = [text(item) for item in items]
    assert listed == ["Fact sheet (PDF, 1 KB)", "Figures for 2021 (Excel, 1 KB)",
                      "The chairman's speech (Word, 1 KB)", "Presentation slides (PowerPoint, 1 KB)"], \
        listed
    link = items[0].select_one("a")
    assert link["href"] == f"{SITEURL}/{FOLDER}fact-sheet.pdf", link
    assert link["type"] == "application/pdf", link


def test_published_under_a_stable_name_with_the_same_bytes(site):
    for file_name, data in DOCUMENTS.items():
        published = {"Fact Sheet.pdf": "fact-sheet.pdf"}.get(file_name, file_name)
        path = site.output / FOLDER / published
        assert path.is_file(), f"{path} missing; folder has {sorted(p.name for p in path.parent.iterdir())}"
        assert path.read_bytes() == data, f"{path}: not the bundle's bytes"


def test_in_the_press_kit_and_the_manifest(site):
    kit = next((site.output / FOLDER).glob("*.zip"))
    with zipfile.ZipFile(kit) as archive:
        names = archive.namelist()
        assert archive.read("documents/fact-sheet.pdf") == DOCUMENTS["Fact Sheet.pdf"], names
    assert {"documents/figures.xlsx", "documents/speech.docx", "documents/slides.pptx"} <= \
        set(names), names
    manifest = (site.output / FOLDER / "manifest.sha256").read_text()
    for name in ("fact-sheet.pdf", "figures.xlsx", "speech.docx", "slides.pptx"):
        assert f"  {FOLDER}{name}\n" in manifest, manifest


def test_changed_document_keeps_its_url_and_updates_the_output(tmp_path):
    content = empty_content(tmp_path)
    bundle = content / "releases/2021/with-documents"
    make_bundle(bundle)
    output = tmp_path / "output"
    first = build_site(content, output)
    assert first.returncode == 0, first.log
    kit_before = sorted(p.name for p in (output / FOLDER).glob("*.zip"))
    (bundle / "Fact Sheet.pdf").write_bytes(pdf("Fact sheet, corrected"))
    second = build_site(content, output)  # the same output folder: a preview rebuild
    assert second.returncode == 0, second.log
    assert (output / FOLDER / "fact-sheet.pdf").read_bytes() == pdf("Fact sheet, corrected")
    kit_after = sorted(p.name for p in (output / FOLDER).glob("*.zip"))
    assert kit_after != kit_before, f"the press kit kept its old bytes: {kit_before} {kit_after}"
    assert len(kit_after) == 1, kit_after


def embargoed_front(file_name: str) -> str:
    return (FRONT.replace("2021-11-26", "2030-01-01")
            .replace("A release with its fact sheets attached", "An embargoed plan for the moon")
            .split("attachments:")[0]
            + f"attachments:\n  - file: {file_name}\n    title: The plan\n")


EMBARGOED_BODY = "Nobody may read about the embargoed plan for the moon yet."


def test_withheld_under_embargo(tmp_path):
    content = empty_content(tmp_path)
    secret = {"secret-plan.pdf": pdf("Embargoed plan")}
    make_bundle(content / "releases/2030/embargoed-with-document",
                embargoed_front("secret-plan.pdf"), secret, EMBARGOED_BODY)
    make_bundle(content / "releases/2021/with-documents")
    build = publish(content, tmp_path / "output")
    assert build.returncode == 0, build.log
    published = [p for p in build.output.rglob("*") if p.is_file()]
    assert not [p for p in published if p.read_bytes() == secret["secret-plan.pdf"]], \
        "an embargoed attachment was published"
    assert not list(build.output.rglob("secret-plan.pdf"))


def test_leak_audit_searches_for_withheld_attachments(tmp_path):
    """A published release carrying the same document as an embargoed one:
    those bytes are a trace of the embargoed release, and the publish fails."""
    content = empty_content(tmp_path)
    shared = {"plan.pdf": pdf("The plan before its announcement")}
    make_bundle(content / "releases/2030/embargoed-with-document", embargoed_front("plan.pdf"),
                shared, EMBARGOED_BODY)
    published_front = (FRONT.split("attachments:")[0].replace("fact sheets", "plans")
                       + "attachments:\n  - file: plan.pdf\n    title: A plan\n")
    make_bundle(content / "releases/2021/leaking-release", published_front, shared)
    build = publish(content, tmp_path / "output")
    assert build.returncode != 0, build.log
    leaks = [line for line in build.stderr.splitlines() if line.startswith("LEAK ")]
    assert any(line.startswith("LEAK releases/2021/leaking-release/plan.pdf: the attachment "
                               "plan.pdf of ") for line in leaks), build.log
    assert all("the attachment plan.pdf" in line for line in leaks), leaks  # the only trace


def test_release_with_documents_and_no_photos_has_its_own_zip(tmp_path):
    content = empty_content(tmp_path)
    front = ("title: Documents only\ndate: 2021-11-26 10:00\ncategory: Press Releases\n"
             "attachments:\n  - file: Fact Sheet.pdf\n    title: Fact sheet\n")
    make_bundle(content / "releases/2021/documents-only", front,
                {"Fact Sheet.pdf": DOCUMENTS["Fact Sheet.pdf"]})
    (content / "releases/2021/documents-only/photo.jpg").unlink()
    build = publish(content, tmp_path / "output")
    assert build.returncode == 0, build.log
    folder = build.output / "releases/2021/documents-only"
    link = soup(folder / "index.html").select_one(".pr-attachments .pr-press-kit__link")
    assert link is not None, "no ZIP link for a release with documents and no photos"
    assert text(link).startswith("Download all documents (ZIP, "), text(link)
    kit = build.output / link["href"].removeprefix(SITEURL + "/")
    assert kit.name.startswith("documents-only-documents.") and kit.is_file(), kit
    with zipfile.ZipFile(kit) as archive:
        assert archive.namelist() == ["documents-only.txt", "documents/fact-sheet.pdf"], \
            archive.namelist()
