from django.apps import AppConfig


def _recompute_on_calendar_change(sender, years=None, **kwargs):
    """The one sanctioned signal: a changed working-day calendar moves the due dates of open cases."""
    from gongkai.foi.services import applications_recompute_due

    applications_recompute_due(years=years)


class FoiConfig(AppConfig):
    name = "gongkai.foi"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.workdays.services import calendar_changed

        calendar_changed.connect(_recompute_on_calendar_change, dispatch_uid="gongkai.foi.recompute_due")
