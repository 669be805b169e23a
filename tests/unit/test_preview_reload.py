"""The reload script tag goes into served HTML only, before the last </body>."""

from __future__ import annotations

import pytest

from press_room.preview import reload


def test_the_tag_goes_before_the_last_body_end():
    page = b"<html><body><p>a</p><pre>&lt;/body&gt;</pre></body>\n</html>"
    served = reload.inject(page, "s1-3")
    tag = reload.script_tag("s1-3")
    assert served == page.replace(b"</body>\n", tag + b"</body>\n"), served
    assert served.count(b"<script") == 1, served


def test_a_page_without_body_end_gets_the_tag_at_its_end():
    assert reload.inject(b"<p>fragment", "x-1") == b"<p>fragment" + reload.script_tag("x-1")


@pytest.mark.parametrize("end", [b"</BODY>", b"</body >"])
def test_body_end_is_found_in_any_case_and_spacing(end):
    served = reload.inject(b"<body>x" + end, "x-1")
    assert served.endswith(reload.script_tag("x-1") + end), served


def test_the_tag_names_the_script_and_the_build():
    tag = reload.script_tag('a"b-1').decode()
    assert f'src="{reload.SCRIPT_URL}"' in tag, tag
    assert 'data-preview-build="a&quot;b-1"' in tag, tag  # escaped: never breaks the tag


def test_the_script_listens_to_the_events_the_server_sends():
    script = reload.SCRIPT_FILE.read_text(encoding="utf-8")
    assert f'new EventSource("{reload.EVENTS_URL}")' in script, script
    assert 'addEventListener("build"' in script and "location.reload()" in script, script
