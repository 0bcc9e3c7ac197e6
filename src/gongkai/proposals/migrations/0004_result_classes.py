"""The grading schemes seen in local practice (docs/proposals.md): editable in the admin."""

from django.db import migrations

CLASSES = {
    "abcd": [
        ("A", "所提问题已经解决或基本解决"),
        ("B", "所提问题正在解决或已列入计划逐步解决"),
        ("C", "所提问题因条件限制暂时不能解决，留作参考"),
        ("D", "所提问题因政策法规等原因不能解决，已作解释说明"),
    ],
    "jyb": [("甲", "已经解决或基本解决"), ("乙", "正在解决或列入计划解决"), ("丙", "因条件限制暂时不能解决")],
}


def seed(apps, schema_editor):
    ResultClass = apps.get_model("proposals", "ResultClass")
    for scheme, rows in CLASSES.items():
        for position, (code, meaning) in enumerate(rows):
            ResultClass.objects.get_or_create(scheme=scheme, code=code, defaults={"meaning": meaning, "position": position})


class Migration(migrations.Migration):
    dependencies = [("proposals", "0003_handling_and_reply")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
