from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("foi", "0006_remedy_report_year_data")]

    operations = [
        migrations.AlterField(
            model_name="remedy",
            name="report_year",
            field=models.PositiveSmallIntegerField(
                help_text="申请复议或起诉的年度；登记时该年度报告已发布的，计入登记时尚未发布的年度",
                verbose_name="计入年度报告的年度",
            ),
        ),
    ]
