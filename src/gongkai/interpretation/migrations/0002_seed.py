"""The genre 政策解读 (when missing) and the 三同步 rules: every statutory class due 3 working days after the
document. The check before review ("requires_interpretation") is seeded off, so existing workflows keep working
until a place switches it on for its classes in the admin (docs/interpretation.md). Data only."""

from django.db import migrations

SOURCE_SYNC = (
    "国务院办公厅《〈关于全面推进政务公开工作的意见〉实施细则》（国办发〔2016〕80号）：按照“谁起草谁解读”的原则，"
    "政策解读材料与政策性文件同步组织、同步审签、同步部署"
)
SOURCE_DAYS = "示例城市的要求：政策文件公开后3个工作日内发布解读材料（各地按本地规定修改）"
CLASSES = [
    "a20_01", "a20_02", "a20_03", "a20_04", "a20_05", "a20_06", "a20_07", "a20_08", "a20_09", "a20_10",
    "a20_11", "a20_12", "a20_13", "a20_14", "a20_15", "a21_urban_construction", "a21_public_service",
    "a21_public_welfare", "a21_public_security", "a21_land_expropriation", "a21_house_expropriation",
    "a21_social_assistance", "a21_rural_policy", "a21_irrigation", "a21_land_contract", "a21_homestead",
    "a21_funding_labour",
]  # fmt: skip


def seed(apps, schema_editor):
    Genre = apps.get_model("catalog", "Genre")
    SyncRule = apps.get_model("interpretation", "SyncRule")
    if not Genre.objects.filter(code="policy-interpretation").exists():
        Genre.objects.get_or_create(name="政策解读", defaults={"code": "policy-interpretation", "sort_order": 90})
    for code in CLASSES:
        SyncRule.objects.get_or_create(
            statutory_class=code,
            defaults={
                "requires_interpretation": False,
                "due_workdays": 3,
                "source": f"{SOURCE_SYNC}；{SOURCE_DAYS}" if code == "a20_01" else SOURCE_DAYS,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("interpretation", "SyncRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("interpretation", "0001_initial"), ("catalog", "0008_disclosure_rules_choice")]
    operations = [migrations.RunPython(seed, unseed)]
