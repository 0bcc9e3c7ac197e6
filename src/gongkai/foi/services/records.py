"""Records of a case beyond its handling: the archive package of a closed case (Art. 45)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.foi import archive, conf
from gongkai.foi.models import Application, EventKind
from gongkai.foi.services.base import _actor_label, _audit, _event, _require_office, _snapshot, _today


@transaction.atomic
def application_archive(*, actor, application: Application) -> archive.Package:
    """Export a closed case's file as one archive package (Art. 45) with its manifest; each export is recorded
    in the case's history and the audit log (with the manifest's digest of the package)."""
    _require_office(actor, application.org)
    if application.is_open:
        raise ValidationError("只有已办结的申请才能归档。")
    package = archive.build(application, made_by=_actor_label(actor), years=conf.retention_years())
    before = _snapshot(application)
    _event(
        application,
        EventKind.ARCHIVED,
        actor=actor,
        on=_today(),
        summary=f"导出归档包（{len(package.manifest['members'])}个文件，保管至{package.manifest['retain_until']}）",
        data={"retain_until": package.manifest["retain_until"], "members": len(package.manifest["members"])},
    )
    _audit(actor, "application.archive", application, before, note=f"保管期限{conf.retention_years()}年")
    return package
