from django.apps import AppConfig


class WorkReportConfig(AppConfig):
    name = "gongkai.workreport"
    label = "workreport"
    verbose_name = "政务公开工作总结"

    def ready(self) -> None:
        from gongkai.workreport import builtin, sections

        for name, builder in builtin.BUILDERS.items():
            sections.provide(name, builder)
