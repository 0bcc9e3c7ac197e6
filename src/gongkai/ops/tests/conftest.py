"""Fixtures of the operations tests: file roots in a temporary folder, a small demo with files and a report."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _roots(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_FOI_FILES_ROOT = tmp_path / "private"
    settings.GONGKAI_BACKUP_DIR = tmp_path / "backups"


@pytest.fixture
def demo(freeze, settings):
    """The demo city, its users and its applications (with their letters), on the demo's date."""
    from gongkai.demo import city
    from gongkai.demo import foi as demo_foi

    freeze(date(2026, 11, 27))
    root, _ = city.load_city()
    city.load_users()
    demo_foi.load(root)
    return root


@pytest.fixture
def published_report(demo):
    from gongkai.reports.models import AnnualReport, ReportStatus

    return AnnualReport.objects.create(
        org=demo,
        year=2025,
        scope="region",
        status=ReportStatus.PUBLISHED,
        title="2025年政府信息公开工作年度报告",
        snapshot={
            "table2": {"rows": [1, 2, 3.5]},
            "table3": {"total": {"new": 12, "carried": 3}},
            "note": "x",
        },
        published_at=timezone.now(),
    )


@pytest.fixture
def audit_removable(transactional_db):
    """Transactional tests end with a flush, which the audit log's triggers refuse: remove the test's audit
    rows first, with the triggers off for that moment only (a test database; never done elsewhere)."""
    yield
    import importlib

    from django.db import connection

    guard = importlib.import_module("gongkai.core.migrations.0002_audit_append_only")
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
            cur.execute("DELETE FROM core_auditevent")
            cur.execute("ALTER TABLE core_auditevent ENABLE TRIGGER USER")
        else:
            for sql in guard.SQLITE_DOWN:
                cur.execute(sql)
            cur.execute("DELETE FROM core_auditevent")
            for sql in guard.SQLITE_UP:
                cur.execute(sql)


@pytest.fixture
def small(tree, people, settings):
    """A small data set without the demo: the organisation tree, users, a published report and two files."""
    from pathlib import Path

    from gongkai.reports.models import AnnualReport, ReportStatus

    AnnualReport.objects.create(
        org=tree.city,
        year=2025,
        scope="region",
        status=ReportStatus.PUBLISHED,
        title="2025年政府信息公开工作年度报告",
        snapshot={"table3": {"total": {"new": 12, "carried": 3}}},
        published_at=timezone.now(),
    )
    for root, name in (
        (settings.MEDIA_ROOT, "catalog/2026/01/a.pdf"),
        (settings.GONGKAI_FOI_FILES_ROOT, "foi/x/1"),
    ):
        path = Path(root) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4 " + name.encode())
    return tree
