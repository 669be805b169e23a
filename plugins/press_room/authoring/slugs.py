"""A release's URL name from its headline, in any of the site's languages.

Latin text is slugified as it is (python-slugify: accents folded, lower
case, hyphens). Chinese is written in pinyin first (pypinyin, which reads
characters in their phrases: 银行 is "yin hang", not Unidecode's
character-by-character "yin xing"), so a Chinese headline gives a readable
URL rather than an empty or %-encoded one. pypinyin's phrases are in
Simplified characters, so Traditional text is converted first (OpenCC, Hong
Kong to Simplified: 重慶銀行 is then "chong qing yin hang", not "zhong qing
yin xing").
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc
from pypinyin import lazy_pinyin
from slugify import slugify

# A URL name stays short: the first words of the headline say enough.
MAX_LENGTH = 60
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")


@lru_cache(maxsize=1)
def _to_simplified():
    return opencc.OpenCC("hk2s")


def slug_from_title(title: str) -> str:
    text = title
    if _HAN.search(text):
        text = _to_simplified().convert(text)
        # lazy_pinyin keeps runs of other text as one item: "AI 中心" ->
        # ["AI ", "zhong", "xin"]; spaces between items separate the words.
        text = " ".join(lazy_pinyin(text))
    return slugify(text, max_length=MAX_LENGTH, word_boundary=True, save_order=True)
