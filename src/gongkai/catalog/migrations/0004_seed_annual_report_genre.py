"""Add the genre 年度报告 (annual reports of government information disclosure, Art. 49-50). Data only."""

from django.db import migrations


def add(apps, schema_editor):
    Genre = apps.get_model("catalog", "Genre")
    Genre.objects.get_or_create(code="annual-report", defaults={"name": "年度报告", "sort_order": 95})


def remove(apps, schema_editor):
    Genre = apps.get_model("catalog", "Genre")
    Item = apps.get_model("catalog", "Item")
    if not Item.objects.filter(genre__code="annual-report").exists():
        Genre.objects.filter(code="annual-report").delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_add_source_name")]
    operations = [migrations.RunPython(add, remove)]
