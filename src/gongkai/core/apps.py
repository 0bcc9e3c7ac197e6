from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    verbose_name = "核心"

    def ready(self) -> None:
        from gongkai.core import checks  # noqa: F401 - registers the start-up checks
