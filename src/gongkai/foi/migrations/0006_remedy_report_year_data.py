"""Existing remedies count in the year they were filed (as table 4 counted them until now)."""

from django.db import migrations
from django.db.models.functions import ExtractYear


def fill(apps, schema_editor):
    Remedy = apps.get_model("foi", "Remedy")
    Remedy.objects.filter(report_year__isnull=True).update(report_year=ExtractYear("filed_on"))


class Migration(migrations.Migration):
    dependencies = [("foi", "0005_remedy_report_year")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
