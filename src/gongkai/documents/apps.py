from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "gongkai.documents"
    verbose_name = "文件文字与遮盖"
