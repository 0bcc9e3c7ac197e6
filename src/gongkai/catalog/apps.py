from django.apps import AppConfig


def _recompute_on_calendar_change(*, years=None) -> int:
    """A changed working-day calendar fills in and moves publication deadlines (and flags late items)."""
    from gongkai.catalog.services import items_recompute_due

    return items_recompute_due(years=years or [])


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    verbose_name = "主动公开目录"

    def ready(self) -> None:
        from gongkai.core import deadlines

        deadlines.provide("catalog", _recompute_on_calendar_change)
