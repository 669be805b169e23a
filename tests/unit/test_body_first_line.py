"""A body's first line is text, whatever it looks like: Pelican's Markdown
reader adds the `meta` extension to the MARKDOWN setting, which would read
"Update: …" as a metadata key and drop it."""

from press_room.authoring.check import load_settings
from press_room.parsing import parse_release
from press_room.reader import ReleaseReader
from tests.conftest import REPO, empty_content


def test_a_first_line_like_a_key_stays_in_the_body(tmp_path):
    content = empty_content(tmp_path)
    bundle = content / "releases/2021/x"
    bundle.mkdir(parents=True)
    (bundle / "index.md").write_text(
        "---\ntitle: T\ndate: 2021-11-26 10:00 +08:00\ncategory: Press Releases\n---\n"
        "Update: the figures below are corrected.\n\nSecond paragraph.\n", encoding="utf-8")
    settings = load_settings(str(content), str(REPO / "pelicanconf.py"))
    ReleaseReader(settings)  # as Pelican makes its readers before reading
    # The Pelican behaviour this guards against (if it changes, so can this note).
    assert "markdown.extensions.meta" in settings["MARKDOWN"]["extensions"], settings["MARKDOWN"]
    parsed = parse_release(str(bundle / "index.md"), settings)
    assert "<p>Update: the figures below are corrected.</p>" in parsed.content, parsed.content
