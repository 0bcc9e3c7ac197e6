from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("foi", "0004_heads_from_past_approvals")]

    operations = [
        migrations.AddField(
            model_name="remedy",
            name="report_year",
            field=models.PositiveSmallIntegerField(
                null=True,
                help_text="申请复议或起诉的年度；登记时该年度报告已发布的，计入登记时尚未发布的年度",
                verbose_name="计入年度报告的年度",
            ),
        ),
    ]
