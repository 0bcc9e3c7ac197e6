from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    verbose_name = "统计报表"

    def ready(self):
        from gongkai.reports import checks_system  # noqa: F401  (registers the font check)
