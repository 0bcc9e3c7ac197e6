"""PDFs of annual reports are never made without a font for Chinese (they would show empty boxes), and those
made before are rendered again once the font is there. The missing font is simulated with a fontconfig
configuration that knows only a Latin font directory."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from gongkai.core import fonts
from gongkai.core.actors import System
from gongkai.reports import builder, exports, narrative, services
from gongkai.reports.models import Scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_cjk_font(tmp_path, monkeypatch):
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{tmp_path}/cache</cachedir>"
        "</fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    assert fonts.cjk_families() == []
    return monkeypatch


@pytest.fixture
def report_data(tree, data2025):
    data = builder.build_annual(org=tree.city, year=2025, scope=Scope.REGION)
    data["narrative"] = narrative.drafts(data)
    data["title"] = builder.annual_title(tree.city, 2025, Scope.REGION)
    return data


def _publish(tree):
    from datetime import date

    from gongkai.reports.tests.conftest import publish

    report = services.annual_report_create(actor=System("测试"), org=tree.city, year=2025, scope=Scope.REGION)
    report.overview = "2025年，全市政府信息公开工作平稳开展。"
    report.save()
    return publish(report, today=date(2026, 1, 20), to_catalog=True)


def _pdf_attachments(report):
    from gongkai.catalog.models import Attachment

    return list(Attachment.objects.filter(item_id=report.catalog_item_id, kind="pdf"))


def test_fontconfig_finds_the_chinese_fonts_ci_installs():
    assert any("CJK" in f for f in fonts.cjk_families())


def test_pdf_is_refused_without_a_chinese_font(no_cjk_font, report_data):
    with pytest.raises(fonts.FontMissing, match="中文字体"):
        exports.to_pdf(report_data)


def test_pdf_with_the_font_embeds_it(report_data):
    assert fonts.pdf_has_cjk_font(exports.to_pdf(report_data))


def test_system_check_and_make_run_check_name_the_font(no_cjk_font):
    from gongkai.reports.checks_system import cjk_font

    warnings = cjk_font()
    assert [w.id for w in warnings] == ["gongkai.reports.W001"] and "fonts-noto-cjk" in warnings[0].msg
    with pytest.raises(CommandError, match="fonts-noto-cjk"):
        call_command("report_pdfs", "--check")


def test_no_warning_with_the_font():
    from gongkai.reports.checks_system import cjk_font

    assert cjk_font() == []


def test_published_without_font_then_pdf_added_when_font_installed(
    client, tree, data2025, monkeypatch, tmp_path
):
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{tmp_path}/c</cachedir></fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    report = _publish(tree)
    assert report.is_published and _pdf_attachments(report) == []  # never a PDF of empty boxes
    url = reverse("portal:report_download", args=[tree.city.credit_code, 2025, Scope.REGION, "pdf"])
    refused = client.get(url)
    assert refused.status_code == 503 and "中文字体" in refused.content.decode()
    assert client.get(url.replace(".pdf", ".docx")).status_code == 200
    # The font is installed: the portal renders it, the command attaches it to the catalog item, once.
    monkeypatch.delenv("FONTCONFIG_FILE")
    served = client.get(url)
    assert served.status_code == 200 and fonts.pdf_has_cjk_font(served.content)
    call_command("report_pdfs")
    (pdf,) = _pdf_attachments(report)
    with pdf.file.open("rb") as fh:
        assert fonts.pdf_has_cjk_font(fh.read())
    call_command("report_pdfs")
    assert [a.pk for a in _pdf_attachments(report)] == [pdf.pk]


def test_existing_broken_pdf_is_rendered_again(tree, data2025, monkeypatch, tmp_path):
    from weasyprint import HTML

    from gongkai.core.models import AuditEvent

    report = _publish(tree)
    (pdf,) = _pdf_attachments(report)
    # A rendition made before the check, on a machine without the font: Chinese text, no Chinese font.
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{tmp_path}/c</cachedir></fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    broken = HTML(string=exports.to_html(report.snapshot)).write_pdf()
    monkeypatch.delenv("FONTCONFIG_FILE")
    assert not fonts.pdf_has_cjk_font(broken)
    with pdf.file.open("wb") as fh:
        fh.write(broken)
    call_command("report_pdfs")
    pdf.refresh_from_db()
    with pdf.file.open("rb") as fh:
        assert fonts.pdf_has_cjk_font(fh.read())
    event = AuditEvent.objects.filter(action="item.rendition").latest("occurred_at")
    assert "缺少中文字体" in event.note and event.before["name"] == pdf.original_name
