"""Existing data: every report already published closes its year for the organisations of its scope (the same
organisations `reports.scopes.resolve` lists: alone, with departments, or the whole region)."""

from django.db import migrations


def _scope_orgs(Organization, org, scope):
    if scope == "alone":
        return [org.pk]
    subtree = list(Organization.objects.filter(path__startswith=org.path).order_by("path"))
    lower = [o for o in subtree if o.pk != org.pk and o.kind == "government"]
    top = [g for g in lower if not any(g.path.startswith(p.path) and g.pk != p.pk for p in lower)]
    if scope == "region":
        return [o.pk for o in subtree]
    return [o.pk for o in subtree if not any(o.path.startswith(g.path) for g in top)]


def close_years(apps, schema_editor):
    AnnualReport = apps.get_model("reports", "AnnualReport")
    Organization = apps.get_model("orgs", "Organization")
    ReportedYear = apps.get_model("reports", "ReportedYear")
    for report in AnnualReport.objects.filter(status="published").select_related("org"):
        ReportedYear.objects.bulk_create(
            [
                ReportedYear(org_id=pk, year=report.year, report=report)
                for pk in _scope_orgs(Organization, report.org, report.scope)
            ],
            ignore_conflicts=True,
        )


def reopen(apps, schema_editor):
    apps.get_model("reports", "ReportedYear").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0003_reported_years"), ("orgs", "0002_head_role_and_approval_policy")]

    operations = [migrations.RunPython(close_years, reopen)]
