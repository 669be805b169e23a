"""The leak audit's search: what counts as a trace of a withheld release, and
where it is found (plain files, gzip and ZIP members, Pagefind's segmented
Chinese)."""

from __future__ import annotations

import gzip
import io
import zipfile
from types import SimpleNamespace

from press_room.leak_audit import Trace, distinctive_sentences, find_leaks, traces_of

CHINESE_BODY = ("<p>香港科技園公司今日宣布在大埔創新園設立先進製造業中心。"
                "中心將於明年初投入服務，支援本地及海外企業發展智能生產。</p>")
ENGLISH_BODY = ("<p>The centre will support local and overseas companies in smart production. "
                "Short one.</p>")


def test_chinese_sentences_are_traces_although_they_have_no_spaces():
    sentences = distinctive_sentences(CHINESE_BODY)
    assert "香港科技園公司今日宣布在大埔創新園設立先進製造業中心。" in sentences, sentences
    assert "中心將於明年初投入服務，支援本地及海外企業發展智能生產。" in sentences, sentences


def test_english_sentences_need_six_words():
    assert distinctive_sentences(ENGLISH_BODY) == [
        "The centre will support local and overseas companies in smart production."]


def _withheld(tmp_path):
    return SimpleNamespace(source_path=str(tmp_path / "a/index.zh-hant.md"), slug="withheld",
                           title="先進製造業中心明年啟用", subtitle="", content=CHINESE_BODY,
                           photos=[], attachments=[])


def test_a_chinese_sentence_segmented_by_pagefind_in_a_gzip_file_is_a_leak(tmp_path):
    output = tmp_path / "output"
    (output / "pagefind").mkdir(parents=True)
    segmented = "\u200b".join("中心將於明年初投入服務，支援本地及海外企業發展智能生產。")
    (output / "pagefind/fragment.pf_fragment").write_bytes(gzip.compress(segmented.encode()))
    (output / "innocent.html").write_text("<p>另一篇新聞稿。</p>", encoding="utf-8")
    leaks = find_leaks(str(output), traces_of(_withheld(tmp_path)))
    assert leaks and all(leak.startswith("pagefind/fragment.pf_fragment (gunzipped)")
                         for leak in leaks), leaks


def test_a_withheld_photo_inside_a_zip_is_a_leak_by_its_bytes(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    photo = b"\xff\xd8 not really a jpeg, but the withheld photo's bytes"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo-1.jpg", photo)
    (output / "kit.zip").write_bytes(buffer.getvalue())
    import hashlib
    trace = Trace("a/index.md", "photo photo-1.jpg", digest=hashlib.sha256(photo).hexdigest())
    assert find_leaks(str(output), [trace]) == ["kit.zip:photo-1.jpg: the photo photo-1.jpg of "
                                                "a/index.md"]


def test_an_output_without_traces_has_no_leak(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>今日天氣晴朗，適合外出活動，市民可前往郊野公園。</p>",
                                       encoding="utf-8")
    assert find_leaks(str(output), traces_of(_withheld(tmp_path))) == []
