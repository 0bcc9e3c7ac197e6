"""The portal's 法定主动公开内容 lists: one statutory class across every organisation, newest first."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0006_item_due_missing_year"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="item",
            index=models.Index(
                fields=["statutory_class", "status", "disclosure", "-published_at", "-id"],
                name="item_class_pub_idx",
            ),
        ),
    ]
