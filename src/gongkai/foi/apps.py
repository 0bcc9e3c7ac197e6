from django.apps import AppConfig


def _recompute_on_calendar_change(*, years=None) -> int:
    """A changed working-day calendar fills in and moves the deadlines of applications and their records."""
    from gongkai.foi.services import applications_recompute_due

    return applications_recompute_due(years=years)


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.core import deadlines

        deadlines.provide("foi", _recompute_on_calendar_change)
