"""The internal link checker: how a link on a built page is resolved to a file.

Each case is a tiny output folder: one page holding the link under test, and the
files that exist beside it. The expected result is the exact list
`broken_links` returns: [] when the link resolves (or is not the site's own).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from press_room.link_check import broken_links, main, srcset_urls

SUB = "https://example.org/pressroom"
RELEASE = "releases/2021/x/index.html"


def make_output(root: Path, page: str, html: str, files: tuple[str, ...]) -> Path:
    for name in (page, *files):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("<!doctype html><title>t</title>" if name.endswith(".html") else "x",
                        encoding="utf-8")
    (root / page).write_text(f"<!doctype html><title>t</title>{html}", encoding="utf-8")
    return root


@pytest.mark.parametrize("page, html, files, site_url, expected", [
    # root-relative: from the output's root
    ("index.html", '<link rel="stylesheet" href="/theme/main.css">', ("theme/main.css",), "", []),
    ("index.html", '<link rel="stylesheet" href="/theme/main.css">', (), "",
     ["index.html: href /theme/main.css → no such file"]),
    # page-relative: from the page's folder, ".." included
    (RELEASE, '<img src="photo-1.jpg" alt="">', ("releases/2021/x/photo-1.jpg",), "", []),
    (RELEASE, '<img src="photo-9.jpg" alt="">', (), "",
     [f"{RELEASE}: src photo-9.jpg → no such file"]),
    (RELEASE, '<a href="../y/">y</a>', ("releases/2021/y/index.html",), "", []),
    (RELEASE, '<a href="../../../../x.jpg">x</a>', ("x.jpg",), "", []),  # clamped at the root
    # a trailing slash names the folder's index.html; without it, no file
    ("index.html", '<a href="/releases/2021/x/">x</a>', (RELEASE,), "", []),
    ("index.html", '<a href="/">home</a>', (), "", []),  # the page itself is /index.html
    ("index.html", '<a href="/releases/2021/x">x</a>', (RELEASE,), "",
     ["index.html: href /releases/2021/x → no such file"]),
    ("index.html", '<a href="/releases/2021/empty/">x</a>', ("releases/2021/empty/a.jpg",), "",
     ["index.html: href /releases/2021/empty/ → no such file"]),
    # srcset: every candidate, each reported on its own
    (RELEASE, '<img src="a-480.jpg" srcset="a-480.jpg 480w, a-960.jpg 960w" alt="">',
     ("releases/2021/x/a-480.jpg",), "", [f"{RELEASE}: srcset a-960.jpg → no such file"]),
    ("index.html", '<picture><source srcset="/a.avif 1x,/b.avif 2x"></picture>', ("a.avif",), "",
     ["index.html: srcset /b.avif → no such file"]),
    ("index.html", '<video poster="/poster.jpg"></video>', (), "",
     ["index.html: poster /poster.jpg → no such file"]),
    # a sub-path SITEURL: absolute URLs under it are ours, and it is where "/" is
    ("index.html", f'<a href="{SUB}/releases/2021/x/">x</a>', (RELEASE,), SUB, []),
    ("index.html", f'<a href="{SUB}/releases/2021/z/">z</a>', (), SUB,
     [f"index.html: href {SUB}/releases/2021/z/ → no such file"]),
    ("index.html", f'<a href="{SUB}/">home</a>', (), SUB + "/", []),
    (RELEASE, f'<meta property="og:image" content="{SUB}/releases/2021/x/lead.jpg">', (), SUB,
     [f"{RELEASE}: content {SUB}/releases/2021/x/lead.jpg → no such file"]),
    # ... so a root-relative link that forgot the sub-path is broken on the host
    ("index.html", '<a href="/releases/2021/x/">x</a>', (RELEASE,), SUB,
     ["index.html: href /releases/2021/x/ → no such file"]),
    ("index.html", '<a href="../elsewhere/">up</a>', ("elsewhere/index.html",), SUB,
     ["index.html: href ../elsewhere/ → no such file"]),
    (RELEASE, '<a href="x/">x</a>', ("releases/2021/x/x/index.html",), SUB, []),
    # not the site's own: other hosts, the host's other paths, other schemes
    ("index.html", '<a href="https://www.hkstp.org/">HKSTP</a>', (), "", []),
    ("index.html", '<script src="//cdn.example.com/x.js"></script>', (), SUB, []),
    ("index.html", f'<a href="{SUB}-archive/">old</a>', (), SUB, []),
    ("index.html", '<a href="https://example.org/">main site</a>', (), SUB, []),
    ("index.html", f'<a href="{SUB}/x/">x</a>', (), "", []),  # a preview: every absolute URL
    ("index.html", '<a href="mailto:media@example.org">m</a><a href="tel:+85212345678">t</a>'
     '<img src="data:image/gif;base64,R0lGOD" alt="">', (), "", []),
    ("index.html", '<meta property="og:image" content="https://cdn.example.com/a.jpg">', (), SUB,
     []),
    ("index.html", '<meta name="description" content="/not/a/link">', (), "", []),
    # fragments and queries: "#x" is this page; otherwise stripped before resolving
    ("index.html", '<a href="#main">skip</a><a href="?page=2">2</a>', (), "", []),
    ("index.html", '<a href="/about/#team">team</a><link href="/a.css?v=2">',
     ("about/index.html", "a.css"), "", []),
    ("index.html", '<a href="/about/#team">team</a>', (), "",
     ["index.html: href /about/#team → no such file"]),
    # percent-encoding: decoded as the host reads it; entities: unescaped as a browser does
    ("index.html", '<img src="/photos/caf%C3%A9%20one.jpg" alt="">', ("photos/café one.jpg",), "",
     []),
    ("index.html", '<img src="/photos/caf%C3%A9.jpg" alt="">', ("photos/cafe.jpg",), "",
     ["index.html: src /photos/caf%C3%A9.jpg → no such file"]),
    ("index.html", '<a href="/a&amp;b.txt">a&amp;b</a>', ("a&b.txt",), "", []),
])
def test_resolution(tmp_path, page, html, files, site_url, expected):
    assert broken_links(str(make_output(tmp_path, page, html, files)), site_url) == expected


def test_lines_are_sorted_and_each_broken_link_listed_once(tmp_path):
    make_output(tmp_path, "b/index.html", '<a href="/z.jpg">1</a><a href="/z.jpg">2</a>', ())
    make_output(tmp_path, "a/index.html", '<img src="/y.jpg" srcset="/y.jpg 1x" alt="">', ())
    assert broken_links(str(tmp_path)) == [
        "a/index.html: src /y.jpg → no such file",
        "a/index.html: srcset /y.jpg → no such file",
        "b/index.html: href /z.jpg → no such file",
    ]


@pytest.mark.parametrize("srcset, urls", [
    ("a.jpg 480w, b.jpg 960w", ["a.jpg", "b.jpg"]),
    ("a.jpg", ["a.jpg"]),
    ("a.jpg, b.jpg 2x", ["a.jpg", "b.jpg"]),  # a candidate without descriptor ends at its comma
    ("a.jpg,b.jpg 2x", ["a.jpg,b.jpg"]),  # one URL, as browsers read it: URLs end at whitespace
    ("  a.jpg 1x ,\n b.jpg 2x  ", ["a.jpg", "b.jpg"]),
    ("/img?size=1,2 1x, c.jpg 2x", ["/img?size=1,2", "c.jpg"]),
    ("", []),
])
def test_srcset_candidates(srcset, urls):
    assert srcset_urls(srcset) == urls


def test_command_line_lists_broken_links_and_fails(tmp_path, capsys):
    make_output(tmp_path, "index.html", '<a href="/gone/">gone</a>', ())
    assert main([str(tmp_path)]) == 1
    assert capsys.readouterr().out == "index.html: href /gone/ → no such file\n"


def test_command_line_summarises_a_clean_site(tmp_path, capsys):
    make_output(tmp_path, "index.html", f'<a href="{SUB}/">home</a><a href="{SUB}/a/">a</a>',
                ("a/index.html",))
    assert main([str(tmp_path), "--site-url", SUB]) == 0
    assert capsys.readouterr().out == "2 pages, 2 links checked, none broken\n"


def test_command_line_fails_when_no_link_is_internal(tmp_path, capsys):
    # Checked with the wrong --site-url, every link looks external: not a pass.
    make_output(tmp_path, "index.html", f'<a href="{SUB}/">home</a>', ())
    assert main([str(tmp_path), "--site-url", "https://other.example/"]) == 1
    assert "no internal link found" in capsys.readouterr().err
