"""Which line breaks in rendered HTML are joined without a space, and which stay."""

from __future__ import annotations

import pytest

from press_room.cjk_lines import join_wrapped_lines


@pytest.mark.parametrize("html, expected", [
    ("<p>創新中心，\n以及位於</p>", "<p>創新中心，以及位於</p>"),
    ('<p>開發、\n<a href="x">生產</a></p>', '<p>開發、<a href="x">生產</a></p>'),
    ("<p>並<strong>推動\n再工業化</strong></p>", "<p>並<strong>推動再工業化</strong></p>"),
    ("<p>一\n二\n三</p>", "<p>一二三</p>"),
    ("<p>说：\n“创新”</p>", "<p>说：“创新”</p>"),  # a curly quote beside a wide character
    ("<p>日本語の\nテキスト</p>", "<p>日本語のテキスト</p>"),
    ("<p>English\nwords</p>", "<p>English\nwords</p>"),
    ("<p>中文\nEnglish</p>", "<p>中文\nEnglish</p>"),  # mixed: the space is right
    ("<p>한국어\n문장</p>", "<p>한국어\n문장</p>"),  # Korean puts spaces between words
    ("<pre>中\n文</pre><p>中\n文</p>", "<pre>中\n文</pre><p>中文</p>"),
    ("<p>行內<code>中\n文</code></p>", "<p>行內<code>中\n文</code></p>"),
    ("<p>。</p>\n<p>香</p>", "<p>。</p>\n<p>香</p>"),  # between blocks: not text
    ("<p>換行<br />\n文字</p>", "<p>換行<br />\n文字</p>"),  # a hard break stays
])
def test_line_breaks_between_cjk_characters(html, expected):
    assert join_wrapped_lines(html) == expected
