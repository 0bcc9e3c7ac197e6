"""Report fixtures: records written straight into the catalog and foi tables (the reports read them only)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone

_serial = itertools.count(1)


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def make_item(org, *, published: date | None, normative_kind: str = "", validity: str = "", written_on=None,
              validity_changed_on=None, is_late: bool = False, topic_code: str = "0203", statutory_class="a20_15",
              focus: tuple[str, ...] = (), channel: bool = True):  # fmt: skip
    from gongkai.catalog.models import FocusArea, Genre, Item, Publication, Topic

    n = next(_serial)
    item = Item.objects.create(
        org=org,
        title=f"测试信息{n}",
        written_on=written_on or published or date(2025, 1, 1),
        topic=Topic.objects.get(code=topic_code),
        genre=Genre.objects.get(code="notice"),
        statutory_class=statutory_class,
        is_normative=bool(normative_kind),
        normative_kind=normative_kind,
        validity=validity or ("in_force" if normative_kind else ""),
        validity_changed_on=validity_changed_on,
        status="published" if published else "draft",
        index_no=f"T{n:08d}/2025-{n:05d}" if published else None,
        slug=f"t{n:08d}-2025-{n:05d}" if published else None,
        published_at=at(published) if published else None,
        is_late=is_late,
    )
    if focus:
        item.focus_areas.set(FocusArea.objects.filter(code__in=focus))
    if published and channel:
        Publication.objects.create(item=item, org=org, channel="website", published_on=published)
    return item


def make_application(org, *, received: date | None, closed: date | None = None, outcome: str = "",
                     applicant_type: str = "natural", due: date | None = None):  # fmt: skip
    from gongkai.foi.models import Application

    n = next(_serial)
    return Application.objects.create(
        org=org,
        tracking_no=f"TEST{n:08d}",
        query_code_hash="x",
        channel="online",
        applicant_type=applicant_type,
        applicant_name=f"申请人{n}",
        phone="13800000000",
        applicant_key=f"k{n}",
        info_title="某信息",
        delivery_form="electronic",
        delivery_method="online",
        received_on=received,
        due_on=due,
        status="closed" if closed else "in_progress",
        closed_on=closed,
        outcome=outcome if closed else "",
    )


def make_remedy(application, *, kind: str, filed: date, result: str = "pending", decided: date | None = None):
    from gongkai.foi.models import Remedy

    return Remedy.objects.create(
        application=application,
        kind=kind,
        filed_on=filed,
        result=result,
        decided_on=decided,
        report_year=filed.year,
    )


def make_fee(
    application, *, amount: str, paid: date | None, waived: bool = False, receipt_no: str | None = None
):
    """A fee; a payment carries its fiscal bill number unless `receipt_no=""` says it was not recorded."""
    from gongkai.foi.models import Fee

    if receipt_no is None:
        receipt_no = f"21010125-{application.pk:010d}" if paid and not waived else ""
    return Fee.objects.create(
        application=application, method="per_application", amount=Decimal(amount), paid_on=paid, waived=waived,
        receipt_no=receipt_no,
    )  # fmt: skip


@pytest.fixture
def data2025(tree):
    """A small, consistent year 2025 over the city region: items at city level and in the county, normative
    documents, applications of several types and outcomes with carry-overs, remedies and a fee."""
    d = date
    make_item(tree.city, published=d(2025, 2, 3))
    make_item(tree.eco, published=d(2025, 3, 10), focus=("livelihood-environment",), topic_code="1003")
    make_item(tree.eco, published=d(2025, 7, 1), is_late=True)
    make_item(tree.finance, published=d(2025, 11, 30), normative_kind="normative", written_on=d(2025, 11, 20))
    make_item(tree.finance, published=d(2024, 5, 1), normative_kind="normative", written_on=d(2024, 4, 1),
              validity="repealed", validity_changed_on=d(2025, 6, 1))  # fmt: skip
    make_item(tree.city, published=d(2025, 4, 1), normative_kind="rule", written_on=d(2025, 3, 20))
    make_item(tree.county, published=d(2025, 5, 5))
    make_item(
        tree.county_dept, published=d(2025, 12, 31), normative_kind="normative", written_on=d(2025, 12, 1)
    )
    make_item(tree.township, published=d(2025, 9, 9))
    make_item(tree.other_city, published=d(2025, 9, 9))  # outside the region
    make_item(tree.eco, published=d(2024, 12, 31))  # previous year
    make_item(tree.eco, published=None)  # draft
    apps = [
        make_application(tree.eco, received=d(2024, 12, 20), closed=d(2025, 1, 10), outcome="granted"),
        make_application(tree.eco, received=d(2024, 12, 28)),  # still open: carried in and out
        make_application(
            tree.eco,
            received=d(2025, 2, 1),
            closed=d(2025, 2, 20),
            outcome="partial",
            applicant_type="commercial",
        ),
        make_application(
            tree.finance,
            received=d(2025, 3, 1),
            closed=d(2025, 3, 25),
            outcome="refused.state_secret",
            applicant_type="research",
        ),
        make_application(
            tree.city,
            received=d(2025, 6, 30),
            closed=d(2025, 7, 2),
            outcome="unavailable.not_held",
            applicant_type="legal_services",
        ),
        make_application(
            tree.county, received=d(2025, 9, 1), closed=d(2025, 9, 30), outcome="not_handled.repeated"
        ),
        make_application(
            tree.township,
            received=d(2025, 12, 29),
            closed=d(2026, 1, 6),
            outcome="granted",
            applicant_type="social_welfare",
        ),
        make_application(
            tree.county_dept,
            received=d(2025, 10, 8),
            closed=d(2025, 10, 9),
            outcome="other.other",
            applicant_type="other",
        ),
        make_application(tree.other_dept, received=d(2025, 5, 1), closed=d(2025, 5, 2), outcome="granted"),
    ]
    make_remedy(apps[3], kind="reconsideration", filed=d(2025, 4, 10), result="upheld", decided=d(2025, 6, 1))
    make_remedy(apps[4], kind="litigation_direct", filed=d(2025, 8, 1))
    make_remedy(apps[2], kind="litigation_after_reconsideration", filed=d(2025, 11, 1), result="corrected",
                decided=d(2026, 2, 1))  # fmt: skip
    make_fee(apps[2], amount="100.00", paid=d(2025, 2, 15))
    return apps


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Publishing attaches the DOCX and PDF to the catalog item: keep them out of the project's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


def report_staff(org):
    """The office clerk and the head of the working body of `org` (created once per test)."""
    from gongkai.orgs.models import Membership, Role
    from gongkai.testing.factories import staff

    head = Membership.objects.filter(org=org, role=Role.HEAD).select_related("user").first()
    if head is not None:
        clerk = Membership.objects.filter(org=org, role=Role.OFFICE).exclude(user=head.user).first()
        return clerk.user, head.user
    return (
        staff(org, Role.OFFICE, username=f"office{org.pk}"),
        staff(org, Role.OFFICE, Role.HEAD, username=f"head{org.pk}"),
    )


def confirm_office_figures(report, **figures):
    """The offices of the report's scope confirm their table-2 figures (0 unless given)."""
    from gongkai.orgs.models import Kind
    from gongkai.reports.models import OfficeFigures
    from gongkai.reports.scopes import resolve

    for org in resolve(report.org, report.scope).orgs.values():
        if org.kind in (Kind.GOVERNMENT, Kind.DEPARTMENT):
            values = dict.fromkeys(OfficeFigures.FIGURES, 0) | figures
            OfficeFigures.objects.update_or_create(org=org, year=report.year, defaults=values)


def publish(report, *, today: date, to_catalog: bool = False):
    """The workflow as staff follow it: the office confirms its figures, completes the drafts and submits; the
    head of the working body approves. Returns the published report."""
    from gongkai.reports import services

    clerk, head = report_staff(report.org)
    confirm_office_figures(report)
    report.refresh_from_db()
    services.annual_report_update(
        actor=clerk,
        report=report,
        **{
            f: services.PLACEHOLDER.sub("", getattr(report, f))
            for f in ("overview", "problems", "other_matters")
        },
    )
    services.annual_report_submit(actor=clerk, report=report, today=today)
    return services.annual_report_approve(actor=head, report=report, to_catalog=to_catalog, today=today)
