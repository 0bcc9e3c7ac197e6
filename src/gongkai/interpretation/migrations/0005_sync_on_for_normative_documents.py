"""三同步 switched on for the class 行政法规、规章和规范性文件 (a20_01): a normative document of that class is not
submitted for review before its interpretation is drafted (国办发〔2016〕80号: 政策解读材料与政策性文件同步组织、
同步审签、同步部署). Other classes stay off; a place changes either in the admin. Data only."""

from django.db import migrations

CLASS = "a20_01"


def switch_on(apps, schema_editor):
    apps.get_model("interpretation", "SyncRule").objects.filter(statutory_class=CLASS).update(
        requires_interpretation=True
    )


def switch_off(apps, schema_editor):
    apps.get_model("interpretation", "SyncRule").objects.filter(statutory_class=CLASS).update(
        requires_interpretation=False
    )


class Migration(migrations.Migration):
    dependencies = [("interpretation", "0004_gazette_media")]
    operations = [migrations.RunPython(switch_on, switch_off)]
