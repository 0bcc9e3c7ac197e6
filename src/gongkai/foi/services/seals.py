"""The organ's electronic seal on the PDF letters: set or removed by the organisation's administrator or the head
of its disclosure office; audited (the image's digest, never the image)."""

from __future__ import annotations

import hashlib
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.core import actors, audit
from gongkai.core.actors import Actor
from gongkai.foi import workflow
from gongkai.foi.models import OrganizationSeal
from gongkai.orgs.models import Organization

SEAL_MAX_BYTES = 1024 * 1024
SEAL_MAX_PIXELS = 2000
_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def _require(actor: Actor, org: Organization) -> None:
    if not workflow.may_manage_seal(actor, org):
        raise PermissionDenied("只有本机构的管理员或政府信息公开工作机构负责人可以设置电子印章。")


def check_seal_image(content: bytes) -> str:
    """The content type of a valid seal image; a Chinese ValidationError otherwise."""
    from PIL import Image, UnidentifiedImageError

    if not content:
        raise ValidationError({"image": ["请选择印章图片。"]})
    if len(content) > SEAL_MAX_BYTES:
        raise ValidationError({"image": ["印章图片不能超过1 MB。"]})
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
            kind, size = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError({"image": ["无法识别该图片，请上传 PNG 或 JPEG 格式的印章图片。"]}) from None
    if kind not in _FORMATS:
        raise ValidationError({"image": ["印章图片须为 PNG 或 JPEG 格式（建议透明背景的 PNG）。"]})
    if max(size) > SEAL_MAX_PIXELS or min(size) < 50:
        raise ValidationError({"image": [f"印章图片的边长应在50至{SEAL_MAX_PIXELS}像素之间。"]})
    return _FORMATS[kind]


@transaction.atomic
def org_seal_set(*, actor: Actor, org: Organization, content: bytes) -> OrganizationSeal:
    _require(actor, org)
    content_type = check_seal_image(content)
    digest = hashlib.sha256(content).hexdigest()
    seal = OrganizationSeal.objects.select_for_update().filter(org=org).first()
    before = {"sha256": seal.sha256} if seal else None
    old = seal.image.name if seal else None
    if seal is None:
        seal = OrganizationSeal(org=org)
    seal.content_type, seal.sha256 = content_type, digest
    seal.uploaded_by = actor if actors.is_user(actor) else None
    seal.image.save("seal", ContentFile(content), save=False)
    seal.save()
    if old:
        storage = seal.image.storage
        transaction.on_commit(lambda: storage.delete(old))
    audit.record(actor=actor, action="org.seal_set", obj=org, org=org, before=before,
                 after={"sha256": digest})  # fmt: skip
    return seal


@transaction.atomic
def org_seal_remove(*, actor: Actor, org: Organization) -> None:
    _require(actor, org)
    seal = OrganizationSeal.objects.select_for_update().filter(org=org).first()
    if seal is None:
        raise ValidationError("本机构尚未设置电子印章。")
    name, storage, digest = seal.image.name, seal.image.storage, seal.sha256
    assert name is not None  # a seal is saved with its image
    seal.delete()
    transaction.on_commit(lambda: storage.delete(name))
    audit.record(actor=actor, action="org.seal_remove", obj=org, org=org, before={"sha256": digest})
