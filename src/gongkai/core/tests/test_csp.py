"""The Content-Security-Policy is sent everywhere and the pages satisfy it: no inline script, no event-handler
attributes, no javascript: links, no inline style attributes (a check over every template and over the rendered
main pages of the portal, the back office and the API docs)."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

DATA_SCRIPTS = {"application/json", "application/ld+json"}


class _Inline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False
        self._script_data = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"<{tag} style=…>")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:…>")
        if tag == "script" and not attributes.get("src") and attributes.get("type") not in DATA_SCRIPTS:
            self._in_script = True
            self._script_data = ""

    def handle_data(self, data):
        if self._in_script:
            self._script_data += data

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script:
            self._in_script = False
            self.problems.append(f"inline <script>: {self._script_data.strip()[:60]!r}")


def _problems(html: str) -> list[str]:
    parser = _Inline()
    parser.feed(html)
    return parser.problems


def _templates() -> list[Path]:
    root = Path(settings.PACKAGE_DIR)
    return list(root.rglob("templates/**/*.html"))


def test_no_template_has_inline_script_or_style():
    found = {str(p.relative_to(settings.PACKAGE_DIR)): _problems(p.read_text()) for p in _templates()}
    found = {k: v for k, v in found.items() if v}
    assert len(_templates()) > 20
    assert not found, found


def test_the_policy_forbids_inline_script():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert "'unsafe-eval'" not in directives["script-src"]


@pytest.mark.django_db
def test_main_pages_send_the_header_and_have_no_inline_script(client, tree, people):
    pages = [
        "/",
        "/catalog/",
        "/orgs/",
        f"/orgs/{tree.eco.credit_code}/",
        "/apply/",
        reverse("portal:foi_apply_form", args=[tree.eco.credit_code]),
        "/apply/track/",
        "/reports/",
        "/search/?q=预算",
        reverse("backoffice:login"),
        "/api/v1/docs",
        "/no-such-page/",
    ]
    staff_pages = [reverse("backoffice:dashboard"), reverse("backoffice:org_list"), "/manage/catalog/"]
    checked = 0
    for url, user in [(u, None) for u in pages] + [(u, people.city_admin) for u in staff_pages]:
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code in {200, 404}, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert "frame-ancestors 'none'" in policy
        assert not _problems(response.content.decode()), (url, _problems(response.content.decode()))
        checked += 1
    assert checked == len(pages) + len(staff_pages)


@pytest.mark.django_db
def test_api_docs_use_local_assets(client):
    body = client.get("/api/v1/docs").content.decode()
    assert "cdn.jsdelivr.net" not in body and "unpkg.com" not in body
    assert "/static/ninja/swagger-ui-bundle.js" in body


def _style_blocks(html: str) -> list[str]:
    import re

    return re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S)


def _refused_under(html: str, policy: str) -> list[str]:
    """What the browser would refuse under `policy`: inline script and style (attributes, <script>, <style>
    elements whose hash the policy does not list)."""
    import base64
    import hashlib

    problems = [p for p in _problems(html) if not p.startswith("inline <script>")]
    if "inline <script>" in " ".join(_problems(html)):
        problems.append("inline <script>")
    for block in _style_blocks(html):
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        if f"'sha256-{digest}'" not in policy and "'unsafe-inline'" not in policy:
            problems.append(f"<style> not allowed by the policy: {block.strip()[:40]!r}")
    return problems


@pytest.mark.django_db
def test_pages_with_charts_and_the_html_export_satisfy_the_policy(client, tree, people):
    """The server-side SVG statistics (portal and back office) and the annual report's HTML export, which the
    browser opens inline under the same policy: nothing in them is refused."""
    from gongkai.reports.models import AnnualReport

    report = AnnualReport.objects.create(org=tree.city, year=2025, scope="alone", title="甲市2025年度报告")
    public = [reverse("portal:report_statistics")]
    staff_pages = [
        reverse("backoffice:report_statistics"),
        reverse("backoffice:report_export", args=[report.pk, "html"]),
    ]
    seen_chart = seen_style = False
    for url, user in [(u, None) for u in public] + [(u, people.city_admin) for u in staff_pages]:
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        seen_chart |= 'class="chart"' in html
        seen_style |= bool(_style_blocks(html))
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy, url
        assert not _refused_under(html, policy), (url, _refused_under(html, policy))
    assert seen_chart and seen_style  # the pages checked do have charts and the export its stylesheet
