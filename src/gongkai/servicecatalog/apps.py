from django.apps import AppConfig


class ServiceCatalogConfig(AppConfig):
    name = "gongkai.servicecatalog"
    verbose_name = "政务服务事项目录与基层公开标准目录"

    def ready(self) -> None:
        from gongkai.servicecatalog.report_part import services
        from gongkai.workreport import sections

        sections.provide("services", services)  # part of the work report (docs/workreport.md)
