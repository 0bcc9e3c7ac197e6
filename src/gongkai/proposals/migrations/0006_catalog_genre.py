"""The catalog genre of published replies (建议提案答复): reference data the replies are filed under, like the
catalog's own 年度报告 genre (catalog 0004). Items themselves are created only through the catalog's services."""

from django.db import migrations

CODE = "proposal-reply"


def add(apps, schema_editor):
    Genre = apps.get_model("catalog", "Genre")
    Genre.objects.get_or_create(code=CODE, defaults={"name": "建议提案答复", "sort_order": 96})


def remove(apps, schema_editor):
    Genre = apps.get_model("catalog", "Genre")
    Item = apps.get_model("catalog", "Item")
    if not Item.objects.filter(genre__code=CODE).exists():
        Genre.objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("proposals", "0005_reply_disclosure"), ("catalog", "0004_seed_annual_report_genre")]
    operations = [migrations.RunPython(add, remove)]
