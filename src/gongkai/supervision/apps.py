from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "gongkai.supervision"
    verbose_name = "监督保障"

    def ready(self) -> None:
        from gongkai.supervision.report_part import overview
        from gongkai.workreport import sections

        sections.provide("overview", overview)  # part of the work report (docs/workreport.md)
