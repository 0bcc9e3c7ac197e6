from django.apps import AppConfig


class ServiceCatalogConfig(AppConfig):
    name = "gongkai.servicecatalog"
    verbose_name = "政务服务事项目录与基层公开标准目录"
