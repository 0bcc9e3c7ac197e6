from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "gongkai.ops"
    verbose_name = "运维"

    def ready(self) -> None:
        from gongkai.ops import checks, metrics  # noqa: F401  (registers the system checks and the collector)
