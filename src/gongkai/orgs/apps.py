from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "gongkai.orgs"
    verbose_name = "组织机构"

    def ready(self) -> None:
        from gongkai.core import access as core_access
        from gongkai.orgs.access import can_manage_calendar

        # Platform administrators (superusers, administrators of a root organisation) maintain core data.
        core_access.provide(core_access.PLATFORM_ADMIN, can_manage_calendar)
