"""Upgrades keep data: every migration applied to a populated database, and back and forth
(gongkai.ops.upgrade_test, run in its own process on an empty database of the suite's backend)."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import pytest
from django.apps import apps as real_apps
from django.db import connection

from gongkai.catalog.models import FocusArea, Genre, Topic


def test_every_migration_keeps_the_data_of_the_oldest_schema(tmp_path, django_db_blocker):
    env = dict(os.environ, DEBUG="1", GONGKAI_DATA_DIR=str(tmp_path))
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
        drop = None
    else:
        settings = connection.settings_dict
        name = f"{settings['NAME']}_upgrade"
        with django_db_blocker.unblock(), connection.cursor() as cur:
            cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cur.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = (
            f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST'] or 'localhost'}:"
            f"{settings['PORT'] or 5432}/{name}"
        )
        drop = name
    try:
        result = subprocess.run(
            [sys.executable, "-m", "gongkai.ops.upgrade_test"],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        if drop:
            with django_db_blocker.unblock(), connection.cursor() as cur:
                cur.execute(f'DROP DATABASE IF EXISTS "{drop}" WITH (FORCE)')
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "0 differences" in result.stdout
    assert "after migrating back to the first migrations and forward again" in result.stdout


@pytest.mark.django_db
def test_reversing_the_taxonomy_seed_keeps_what_administrators_added():
    # Before the fix, migrating catalog back past 0002 deleted every focus area and genre without items,
    # including those an administrator had added.
    FocusArea.objects.create(code="local-custom", name="本地重点领域", sort_order=99)
    Genre.objects.create(code="local-genre", name="本地体裁", sort_order=99)
    Topic.objects.create(code="loc01", name="本地主题", sort_order=99)
    seeded = FocusArea.objects.count()
    module = importlib.import_module("gongkai.catalog.migrations.0002_seed_taxonomies")
    module.unseed(real_apps, None)
    assert set(FocusArea.objects.values_list("code", flat=True)) == {"local-custom"} and seeded > 1
    # genres other apps seed in their own migrations stay too
    seeded_elsewhere = {"annual-report", "policy-interpretation", "proposal-reply"}
    assert set(Genre.objects.values_list("code", flat=True)) <= {"local-genre", *seeded_elsewhere}
    assert "loc01" in set(Topic.objects.values_list("code", flat=True))
