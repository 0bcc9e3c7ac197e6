"""Hostile text (NUL and other control characters, overlong strings, right-to-left overrides, SQL-ish and HTML
fragments, odd Unicode) sent to every public form: 0 server errors. The forms are found on the public pages
themselves (every <form> and its fields), so a new form on these pages is covered without new code; the case
count is reported (`cases` in the summary)."""

from __future__ import annotations

import os
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "15"))

FRAGMENTS = [
    "\x00", "\x00\x00", "a\x00b", "\x01\x02\x1b[31m", "\u202e", "\u202egpj.exe", "\ufeff", "\u200b", "\udcff"[:0],
    "' OR 1=1 --", "'; DROP TABLE foi_application; --", "\" OR \"\"=\"", "%00", "%27", "../../etc/passwd",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% debug %}", "${7*7}",
    "𠀀𪚥", "ﷺ", "Ⅻ", "١٢٣", "🏛️", "\r\n\r\n", "\t", " " * 3, "-1", "0", "99999999999999999999999", "1e309",
    "2025-02-30", "GK20250101ABCDE", "x" * 256, "中" * 5000,
]  # fmt: skip

hostile_text = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Lo"]), max_size=60),
    st.builds(lambda a, b: a + b, st.sampled_from(FRAGMENTS), st.text(max_size=20)),
    st.text(min_size=300, max_size=3000),
)

PUBLIC_PAGES = ["/", "/catalog/", "/catalog/normative/", "/search/", "/orgs/", "/apply/", "/apply/track/",
                "/reports/", "/reports/statistics/", "/manage/login/", "/jiucuo/"]  # fmt: skip


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"method": (a.get("method") or "get").lower(), "action": a.get("action"), "fields": {}}
            )
        elif tag in {"input", "textarea", "select"} and self.forms and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind not in {"submit", "button", "image", "file", "reset"}:
                self.forms[-1]["fields"][a["name"]] = a.get("value") or ""


def public_forms(client, extra_pages=(), pages=PUBLIC_PAGES):
    found = {}
    for page in [*pages, *extra_pages]:
        response = client.get(page)
        assert response.status_code == 200, page
        parser = _Forms()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = form["action"] or page
            key = (form["method"], action, tuple(sorted(form["fields"])))
            found.setdefault(key, form | {"action": action})
    return list(found.values())


def _fuzz(client, forms, *, before=None) -> tuple[int, list[str], dict[str, set[int]]]:
    """Send hostile text to every field of every form; `before()` runs ahead of each request (to put back the
    state a form needs). Returns the case count, the server errors and the statuses seen per form action."""
    cases: list[int] = [0]
    errors: list[str] = []
    statuses: dict[str, set[int]] = {}

    def runner(form):
        names = sorted(form["fields"])

        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(
            values=st.fixed_dictionaries(dict.fromkeys(names, hostile_text)),
            keep=st.sets(st.sampled_from(names)),
        )
        def run(values, keep):
            cache.clear()  # rate limits would otherwise answer 429 before the form is read
            if before is not None:
                before()
            data = {n: (form["fields"][n] if n in keep else v) for n, v in values.items()}
            send = client.get if form["method"] == "get" else client.post
            response = send(form["action"], data)
            cases[0] += 1
            statuses.setdefault(form["action"], set()).add(response.status_code)
            if response.status_code >= 500:
                errors.append(
                    f"{form['method'].upper()} {form['action']} {data!r:.300} -> {response.status_code}"
                )

        return run

    for form in forms:
        if form["fields"]:
            runner(form)()
    return cases[0], errors, statuses


@pytest.mark.django_db
def test_hostile_text_in_every_public_form_never_breaks_the_server(tree, record_property):
    import logging

    from django.urls import reverse

    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    client = Client(raise_request_exception=False)
    apply_form = reverse("portal:foi_apply_form", args=[tree.eco.credit_code])
    forms = public_forms(client, extra_pages=[apply_form, f"/orgs/{tree.eco.credit_code}/"])
    assert len(forms) >= 5, forms
    assert any(f["action"] == apply_form and f["method"] == "post" for f in forms)
    cases, errors, _statuses = _fuzz(client, forms)
    record_property("cases", cases)
    print(f"hostile forms: {cases} cases over {len(forms)} forms, {len(errors)} server errors")
    assert not errors, errors[:10]


@pytest.mark.django_db
def test_hostile_text_in_the_applicants_own_case_forms_never_breaks_the_server(tree, record_property):
    """The forms an applicant sees after opening a case with its query code (the correction of an application
    awaiting one, leaving the case): public too, but only on the case page."""
    import logging

    from django.utils import timezone

    from gongkai.foi import services
    from gongkai.foi.models import Application, Status
    from gongkai.foi.tests.conftest import applicant_data
    from gongkai.orgs.models import Role
    from gongkai.testing.factories import staff

    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    clerk = staff(tree.eco, Role.OFFICE, username="hostile_clerk")
    submission = services.application_submit(org=tree.eco, data=applicant_data())
    application = submission.application
    today = timezone.localdate()
    services.application_confirm_receipt(actor=clerk, application=application, received_on=today)
    services.application_request_correction(
        actor=clerk, application=application, requested_on=today, items="请写明年度"
    )
    client = Client(raise_request_exception=False)
    credentials = {"tracking_no": application.tracking_no, "query_code": submission.query_code}

    def reopen():
        """The case awaits its correction again and the applicant has it open (a hostile correction may have
        been accepted, and the leave form closes the case)."""
        Application.objects.filter(pk=application.pk).update(status=Status.AWAITING_CORRECTION)
        assert client.post("/apply/track/", credentials).status_code == 302

    reopen()
    page = f"/apply/case/{application.tracking_no}/"
    forms = public_forms(client, extra_pages=[page])
    actions = {f["action"] for f in forms if f["method"] == "post"}
    assert f"{page}correction/" in actions and "/apply/track/leave/" in actions, actions
    forms = [
        f for f in forms if f["action"].startswith("/apply/case/") or f["action"] == "/apply/track/leave/"
    ]
    cases, errors, statuses = _fuzz(client, forms, before=reopen)
    record_property("cases", cases)
    print(
        f"hostile case forms: {cases} cases over {len(forms)} forms, {len(errors)} server errors, {statuses}"
    )
    assert not errors, errors[:10]
    # The service was reached: some hostile corrections were taken (302), others refused on the form (400).
    assert {302, 400} <= statuses[f"{page}correction/"], statuses
