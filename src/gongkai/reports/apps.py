from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    verbose_name = "统计报表"

    def ready(self):
        from gongkai.foi import reported
        from gongkai.reports import checks_system  # noqa: F401  (registers the font check)
        from gongkai.reports.selectors import reported_years

        reported.provide(reported_years)  # foi refuses to change the figures of a published year
