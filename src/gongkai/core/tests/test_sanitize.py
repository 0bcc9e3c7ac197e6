from gongkai.core.sanitize import clean_html, text_to_html


def test_scripts_and_handlers_are_removed():
    html = clean_html('<p onclick="x()">正文<script>alert(1)</script><a href="javascript:x">链接</a></p>')
    assert "script" not in html
    assert "onclick" not in html
    assert "javascript" not in html
    assert "正文" in html


def test_plain_text_paragraphs_become_escaped_html():
    assert text_to_html("第一段<b>\n\n第二段") == "<p>第一段&lt;b&gt;</p><p>第二段</p>"
