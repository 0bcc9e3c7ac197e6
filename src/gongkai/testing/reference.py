"""The reference data that data migrations seed (working-day calendar, catalog taxonomies), put back where a
transactional test's flush removed it. Used by the suite's fixtures before anything that needs it."""

from __future__ import annotations

import importlib


def ensure_reference_data() -> None:
    from django.apps import apps

    from gongkai.catalog.models import Topic
    from gongkai.workdays.models import CalendarYear

    if not CalendarYear.objects.filter(year=2026).exists():
        importlib.import_module("gongkai.workdays.migrations.0002_seed_chinesecalendar").seed(apps, None)
    if not Topic.objects.exists():
        importlib.import_module("gongkai.catalog.migrations.0002_seed_taxonomies").seed(apps, None)
        importlib.import_module("gongkai.catalog.migrations.0004_seed_annual_report_genre").add(apps, None)
        importlib.import_module("gongkai.catalog.migrations.0008_disclosure_rules_choice").mark_default_topic(
            apps, None
        )
    from gongkai.proposals.models import Policy

    if not Policy.objects.exists():
        for name in ("0002_policy_defaults", "0004_result_classes", "0006_catalog_genre"):
            module = importlib.import_module(f"gongkai.proposals.migrations.{name}")
            (module.seed if hasattr(module, "seed") else module.add)(apps, None)
    from gongkai.interpretation.models import SyncRule

    if not SyncRule.objects.exists():
        importlib.import_module("gongkai.interpretation.migrations.0002_seed").seed(apps, None)
        importlib.import_module(
            "gongkai.interpretation.migrations.0005_sync_on_for_normative_documents"
        ).switch_on(apps, None)
    from gongkai.interaction.models import ConsultationBasis, DeadlinePolicy

    if not DeadlinePolicy.objects.exists():
        importlib.import_module("gongkai.interaction.migrations.0002_default_deadlines").seed(apps, None)
    if not ConsultationBasis.objects.exists():
        importlib.import_module("gongkai.interaction.migrations.0004_consultation_bases").seed(apps, None)
    from gongkai.supervision.models import Threshold

    if not Threshold.objects.exists():
        importlib.import_module("gongkai.supervision.migrations.0002_seed_thresholds").seed(apps, None)
    from gongkai.servicecatalog.models import Code

    if not Code.objects.exists():
        importlib.import_module("gongkai.servicecatalog.migrations.0002_seed_code_lists").seed(apps, None)
