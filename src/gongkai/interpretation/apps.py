from django.apps import AppConfig


class InterpretationConfig(AppConfig):
    name = "gongkai.interpretation"
    verbose_name = "政策解读与发布"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from gongkai.catalog import presubmit
        from gongkai.catalog.models import Item
        from gongkai.interpretation import services

        presubmit.provide("interpretation", services.sync_problems)
        post_save.connect(services.on_item_saved, sender=Item, dispatch_uid="gongkai.interpretation.deadline")
