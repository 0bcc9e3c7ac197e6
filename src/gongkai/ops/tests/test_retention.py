"""Records the law needs kept are never deleted: not by a command, not through the admin."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from gongkai.ops import retention
from gongkai.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_admin_cannot_delete_kept_records():
    request = RequestFactory().get("/django-admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    checked = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.label_lower in retention.KEPT:
            assert not model_admin.has_delete_permission(request), model._meta.label
            assert "delete_selected" not in model_admin.get_actions(request), model._meta.label
            checked.append(model._meta.label_lower)
    assert {"catalog.item", "core.auditevent", "orgs.organization"} <= set(checked)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("audit_removable")
def test_no_command_deletes_kept_records(demo, tmp_path, settings, capsys):
    before = retention.kept_counts()
    assert before["foi.application"] >= 30 and before["core.auditevent"] > 0
    runs = [
        ("publish_scheduled",),
        ("foi_close_lapsed",),
        ("foi_reminders",),
        ("report_reminders",),
        ("workdays", "seed"),
        ("search", "reindex"),
        ("backup", "--output", str(tmp_path / "b"), "--no-progress"),
        ("archive", "2025", "--output", str(tmp_path / "a")),
    ]
    for args in runs:
        call_command(*args)
        after = retention.kept_counts()
        shrunk = {k: (before[k], after[k]) for k in before if after[k] < before[k]}
        assert not shrunk, (args, shrunk)
        before = after
    folder = next((tmp_path / "b").iterdir())
    call_command("restore", str(folder), "--verify-only", "--no-progress")


def test_flush_is_refused_on_a_database_with_kept_records(demo):
    with (
        mock.patch("gongkai.ops.management.commands.flush.in_test_environment", return_value=False),
        pytest.raises(CommandError, match=r"依法须保存的记录.*拒绝执行"),
    ):
        call_command("flush", interactive=False)
    assert retention.kept_counts()["foi.application"] >= 30


def test_archive_export_of_a_closed_year(demo, tmp_path):
    from gongkai.foi.models import Application
    from gongkai.ops.archive import export_year
    from gongkai.ops.snapshot import file_sha256

    path, manifest = export_year(year=2025, output=tmp_path)
    expected = Application.objects.filter(received_on__year=2025).count()
    assert expected > 0 and manifest["counts"]["applications"] == expected
    lines = (path / "applications" / "applications.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["model"] == "foi.application" and "events" in first and first["letters"]
    letter = first["letters"][0]["archive_file"]
    assert (path / letter).is_file()
    for name, meta in manifest["files"].items():
        assert file_sha256(path / name) == meta["sha256"]
    assert manifest["legal_basis"].endswith("第二十五条")
    assert manifest["missing_files"] == []


def test_archive_refuses_a_year_not_closed(demo, tmp_path):
    from gongkai.ops.archive import export_year

    out = tmp_path / "out"
    with pytest.raises(Exception, match="尚未结束"):
        export_year(year=2026, output=out)
    with pytest.raises(CommandError, match="尚未结束"):
        call_command("archive", "2026", "--output", str(out))
    assert not out.exists() or not list(Path(out).iterdir())
