"""An item's attached files: added and removed on drafts, their text read again, renditions of a published
item stored by the system, downloads counted."""

from __future__ import annotations

import uuid
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gongkai.catalog import conf, uploads
from gongkai.catalog.models import (
    EDITABLE_STATUSES,
    Attachment,
    Disclosure,
    Item,
    Status,
)
from gongkai.catalog.rules import ItemRules, require
from gongkai.catalog.services.base import (
    _index,
    _locked,
)
from gongkai.core import audit
from gongkai.core.actors import Actor, System
from gongkai.documents import services as documents_services
from gongkai.documents.models import Extraction


def item_reindex_attachments(*, attachment_id: int) -> None:
    """An attachment's text has been read: a published item's index entry takes it in (called when the
    documents app reports the text; nothing to do for drafts, which are indexed when published)."""
    attachment = Attachment.objects.select_related("item").filter(pk=attachment_id).first()
    if attachment is None:
        return
    with transaction.atomic():
        item = (
            Item.objects.select_for_update(of=("self",))
            .select_related("org", "topic", "topic__parent", "genre")
            .filter(pk=attachment.item_id)
            .first()
        )
        if item is not None and item.status == Status.PUBLISHED and item.disclosure == Disclosure.PROACTIVE:
            _index(item)


def attachment_extract_again(*, actor: Actor, attachment: Attachment) -> Extraction:
    """Read an attachment's text again (after a failure); editors of the item's organisation."""
    require(ItemRules(actor, attachment.item).may_draft(), "您不是该机构的信息编辑，不能重新读取附件文字。")
    with transaction.atomic():
        extraction = documents_services.extraction_again(source=attachment)
        if extraction is None:
            extraction = documents_services.extraction_request(
                source=attachment, kind=attachment.kind, sha256=attachment.sha256
            )
        audit.record_on(
            attachment.item, actor=actor, action="item.attachment_extract", note=attachment.original_name
        )
    return extraction


def attachment_add(*, actor: Actor, item: Item, upload: IO[bytes], name: str | None = None) -> Attachment:
    """Check the upload completely, then store it. A refused upload stores nothing: no row, no file.

    The file is written before the row; when the row cannot be written the file is deleted again.
    """
    require(ItemRules(actor, item).may_draft(), "您不是该机构的信息编辑，不能上传附件。")
    if item.status not in EDITABLE_STATUSES:
        raise ValidationError("只有草稿或退回的信息可以增删附件。", code="status")
    raw_name = name if name is not None else getattr(upload, "name", "")
    try:
        checked = uploads.check_attachment(upload, name=raw_name, size=getattr(upload, "size", None))
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    key = uuid.uuid4().hex
    upload.seek(0)
    stored = default_storage.save(f"catalog/{timezone.now():%Y/%m}/{key}.{checked.kind}", File(upload))
    try:
        with transaction.atomic():
            item = _locked(item)
            if item.status not in EDITABLE_STATUSES:
                raise ValidationError("只有草稿或退回的信息可以增删附件。", code="status")
            existing = item.attachments.count()
            if existing >= conf.max_attachments():
                raise ValidationError({"file": f"每条信息最多{conf.max_attachments()}个附件。"})
            attachment = Attachment(
                item=item,
                storage_key=key,
                original_name=checked.name,
                kind=checked.kind,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
                sort_order=existing + 1,
            )
            attachment.file.name = stored
            attachment.save()
            documents_services.extraction_request(source=attachment, kind=checked.kind, sha256=checked.sha256)
            audit.record_on(
                item,
                actor=actor,
                action="item.attachment_add",
                after={
                    "name": checked.name,
                    "kind": checked.kind,
                    "size": checked.size,
                    "sha256": checked.sha256,
                },
            )
    except BaseException:
        default_storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, actor: Actor, attachment: Attachment) -> None:
    item = _locked(attachment.item)
    require(ItemRules(actor, item).may_draft(), "您不是该机构的信息编辑，不能删除附件。")
    if item.status not in EDITABLE_STATUSES:
        raise ValidationError("只有草稿或退回的信息可以增删附件。", code="status")
    stored = attachment.file.name or ""
    audit.record_on(
        item,
        actor=actor,
        action="item.attachment_remove",
        before={"name": attachment.original_name, "sha256": attachment.sha256},
    )
    documents_services.extraction_forget(source=attachment)
    attachment.delete()
    transaction.on_commit(lambda: default_storage.delete(stored))


def rendition_store(
    *, item: Item, upload: IO[bytes], replace: Attachment | None = None, reason: str
) -> Attachment:
    """The system stores a rendering of a published item's own content (the PDF of an annual report, made
    again from the same published data): added when missing, or replacing the file of `replace`.

    Only the system does this (commands, jobs; there is no actor): a person changes a published item by
    correcting it (`item_correct`). The content stays what was published; the audit event keeps both hashes.
    """
    if item.status != Status.PUBLISHED:
        raise ValidationError("只能为已发布的信息重新生成附件。", code="status")
    if replace is not None and replace.item_id != item.pk:
        raise ValidationError("附件不属于该信息。", code="attachment")
    checked = uploads.check_attachment(
        upload, name=getattr(upload, "name", ""), size=getattr(upload, "size", None)
    )
    key = uuid.uuid4().hex
    upload.seek(0)
    stored = default_storage.save(f"catalog/{timezone.now():%Y/%m}/{key}.{checked.kind}", File(upload))
    old_file = replace.file.name if replace is not None else None
    try:
        with transaction.atomic():
            item = _locked(item)
            before = (
                {"name": replace.original_name, "sha256": replace.sha256} if replace is not None else None
            )
            if replace is None:
                attachment = Attachment(item=item, sort_order=item.attachments.count() + 1)
            else:
                attachment = Attachment.objects.select_for_update().get(pk=replace.pk)
            attachment.storage_key = key
            attachment.original_name = checked.name
            attachment.kind = checked.kind
            attachment.content_type = checked.content_type
            attachment.size = checked.size
            attachment.sha256 = checked.sha256
            attachment.file.name = stored
            attachment.save()
            audit.record_on(
                item,
                actor=System("重新生成附件"),
                action="item.rendition",
                before=before,
                after={
                    "name": checked.name,
                    "kind": checked.kind,
                    "size": checked.size,
                    "sha256": checked.sha256,
                },
                note=reason,
            )
            if old_file:
                transaction.on_commit(lambda: default_storage.delete(old_file))
    except BaseException:
        default_storage.delete(stored)
        raise
    return attachment


def attachment_count_download(*, attachment: Attachment) -> None:
    """One more download (a single UPDATE, safe under concurrency; not an audited change of state)."""
    Attachment.objects.filter(pk=attachment.pk).update(download_count=F("download_count") + 1)
