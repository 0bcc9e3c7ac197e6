"""Imported plain-text bodies: the same safe paragraphs as core.sanitize.text_to_html, and their plain text."""

import random

from gongkai.catalog.richtext import plain_body
from gongkai.core.sanitize import text_to_html


def test_plain_bodies_are_escaped_paragraphs():
    assert plain_body("第一段<b>\n\n\n第二段 & “引号”'\n换行\x00\n\n  ") == (
        "<p>第一段&lt;b&gt;</p><p>第二段 &amp; “引号”&#x27;<br>换行</p>",
        "第一段<b>\n\n第二段 & “引号”'\n换行",
    )
    assert plain_body("") == ("", "") and plain_body(" \n\n \r\n") == ("", "")


def test_plain_bodies_match_text_to_html():
    rng = random.Random(7)
    pieces = ["\n", "\n\n", "\r\n", " ", "\u3000", "<", ">", "&", '"', "'", "第一条", "政府信息", "a", "\t"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        markup, plain = plain_body(text)
        assert markup == text_to_html(text), repr(text)
        assert plain == "\n\n".join(p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())
