"""Base model and the append-only audit log."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


def user_field(verbose_name=None, **kwargs) -> models.ForeignKey:
    """An optional reference to the user who did something (drafted, approved, acted). Users are never deleted
    while a record names them (PROTECT) and get no reverse accessor."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=verbose_name, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", **kwargs,
    )  # fmt: skip


def org_field(verbose_name=None, *, required: bool = False, **kwargs) -> models.ForeignKey:
    """A reference to an organisation a record names (the one acting, the one a case came from), optional
    unless `required`, kept while the record exists (PROTECT), without reverse accessor."""
    return models.ForeignKey(
        "orgs.Organization", verbose_name=verbose_name, null=not required, blank=not required,
        on_delete=models.PROTECT, related_name="+", **kwargs,
    )  # fmt: skip


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit events are append-only: they are never updated.")

    def delete(self):
        raise PermissionError("Audit events are append-only: they are never deleted.")

    def for_object(self, obj: models.Model) -> AuditEventQuerySet:
        return self.filter(object_type=object_type_label(obj), object_id=str(obj.pk))


def object_type_label(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.label_lower


class AuditEvent(models.Model):
    """One change of state: who did what to which object, with the values before and after.

    Rows are written by services in the transaction of the change (`gongkai.core.audit.record`) and are
    never updated or deleted: the model, its QuerySet and a database trigger all refuse.
    """

    occurred_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    actor = user_field(_("操作人"))
    actor_label = models.CharField(_("操作人名称"), max_length=150, blank=True)
    org = org_field(_("所属机构"))
    action = models.CharField(_("操作"), max_length=80, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=100)
    object_id = models.CharField(_("对象标识"), max_length=64)
    object_repr = models.CharField(_("对象"), max_length=300, blank=True)
    before = models.JSONField(_("变更前"), null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("变更后"), null=True, blank=True, encoder=DjangoJSONEncoder)
    note = models.TextField(_("说明"), blank=True)
    client_ip = models.GenericIPAddressField(_("客户端地址"), null=True, blank=True)
    source = models.CharField(_("来源"), max_length=20, default="system")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("审计事件")
        verbose_name_plural = _("审计事件")
        indexes = [models.Index(fields=["object_type", "object_id", "occurred_at"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise PermissionError("Audit events are append-only: they are never updated.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only: they are never deleted.")

    # Chinese labels for staff pages (gongkai.core.labels); the codes stay in the API and exports.
    @property
    def action_label(self) -> str:
        from gongkai.core import labels

        return labels.action_label(self.action)

    @property
    def note_label(self) -> str:
        from gongkai.core import labels

        return labels.note_label(self.action, self.note)

    @property
    def changes(self) -> list[tuple[str, str, str]]:
        from gongkai.core import labels

        return labels.changes(self.object_type, self.before, self.after)
