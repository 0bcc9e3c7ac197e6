"""The pre-publication review (Art. 17): approve, return or escalate; and the back office's bulk actions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.catalog.models import (
    EscalationTarget,
    Item,
    Review,
    ReviewConclusion,
    Status,
)
from gongkai.catalog.rules import ItemRules, require
from gongkai.catalog.services.base import (
    _locked,
    _move,
)
from gongkai.catalog.services.items import item_submit
from gongkai.catalog.services.publishing import (
    _check_schedule_time,
    _publish,
    _schedule,
    item_publish,
    item_withdraw,
)
from gongkai.core import actors, audit
from gongkai.core.actors import Actor
from gongkai.workdays.calendar import WorkCalendar


@transaction.atomic
def item_review(
    *,
    actor: Actor,
    item: Item,
    conclusion: str,
    basis: str,
    escalated_to: str = "",
    confidentiality_checked: bool = True,
    publish: bool = True,
    publish_at: datetime | None = None,
    published_at: datetime | None = None,
    index_no: str | None = None,
    calendar: WorkCalendar | None = None,
) -> Item:
    """Record a pre-publication review (Art. 17): approve, return or escalate.

    Approving publishes now, or at `publish_at` when that lies in the future (scheduled); `publish=False`
    leaves the item approved. The conclusion `imported` is the system's record for items that passed review in
    another system (import_items): it moves a draft straight to approved.
    """
    item = _locked(item)
    basis = (basis or "").strip()
    if conclusion not in ReviewConclusion.values:
        raise ValidationError({"conclusion": "审核结论无效。"})
    if conclusion == ReviewConclusion.IMPORTED:
        if not actors.is_system(actor):
            raise PermissionDenied("“导入”结论只能由系统导入时记录。")
        if item.status != Status.DRAFT:
            raise ValidationError("只有导入的草稿可以记录为“导入”。")
    else:
        if item.status not in {Status.SUBMITTED, Status.ESCALATED}:
            raise ValidationError(f"“{item.get_status_display()}”状态的信息不在审核中。", code="status")
        permissions = ItemRules(actor, item)
        require(permissions.may_review(), "您不是该机构的审核人，不能审核。")
        require(not permissions.is_own_draft(), "不能审核本人起草的信息。")
        if len(basis) < 2:
            raise ValidationError({"basis": "请填写审核依据或意见（退回时写明需修改之处）。"})
        if len(basis) > 2000:
            raise ValidationError({"basis": "审核意见过长（最多2000字）。"})
        if conclusion == ReviewConclusion.APPROVE and not confidentiality_checked:
            raise ValidationError({"confidentiality_checked": "发布前须完成保密审查。"})
        if conclusion == ReviewConclusion.ESCALATE:
            if item.status != Status.SUBMITTED:
                raise ValidationError("该信息已报请审查，请记录上级或保密部门的审查结论。")
            if escalated_to not in EscalationTarget.values:
                raise ValidationError(
                    {"escalated_to": "请选择报请审查的部门（主管部门或保密行政管理部门）。"}
                )
    if conclusion != ReviewConclusion.ESCALATE:
        escalated_to = ""
    if publish_at is not None and conclusion == ReviewConclusion.APPROVE:
        _check_schedule_time(publish_at)
    targets: dict[str, str] = {
        ReviewConclusion.APPROVE: Status.APPROVED,
        ReviewConclusion.RETURN: Status.RETURNED,
        ReviewConclusion.ESCALATE: Status.ESCALATED,
        ReviewConclusion.IMPORTED: Status.APPROVED,
    }
    target = targets[conclusion]
    before = item.status
    if conclusion == ReviewConclusion.IMPORTED:
        item.status = target
    else:
        _move(item, target)
    user = actor if actors.is_user(actor) else None
    Review.objects.create(
        item=item,
        reviewer=user,
        reviewer_label=(user.get_full_name() or user.get_username()) if user else "系统导入",
        conclusion=conclusion,
        basis=basis or "原系统已完成发布前审查，随数据导入",
        confidentiality_checked=confidentiality_checked,
        escalated_to=escalated_to,
    )
    item.save(update_fields=["status", "updated_at"])
    label = ReviewConclusion(conclusion).label
    audit.record_on(
        item,
        actor=actor,
        action="item.review",
        before={"status": before},
        after={"status": item.status, "conclusion": conclusion, "escalated_to": escalated_to},
        note=f"{label}：{basis}" if basis else str(label),
    )
    if item.status == Status.APPROVED and publish:
        if publish_at is not None and publish_at > timezone.now():
            return _schedule(actor=actor, item=item, publish_at=publish_at)
        return _publish(
            actor=actor, item=item, published_at=published_at, index_no=index_no, calendar=calendar
        )
    return item


# --- Bulk actions ----------------------------------------------------------------------------------

BULK_ACTIONS = {
    "submit": "提交审核",
    "approve": "审核通过并发布",
    "publish": "发布",
    "withdraw": "撤回",
}


def items_bulk(
    *, actor: Actor, items: Iterable[Item], action: str, basis: str = "", reason: str = ""
) -> tuple[list[Item], list[tuple[Item, str]]]:
    """Apply one action to many items, each through its service in its own transaction (a refusal of one
    item, for permission or state, leaves the others done)."""
    if action not in BULK_ACTIONS:
        raise ValidationError({"action": "批量操作无效。"})
    done: list[Item] = []
    failed: list[tuple[Item, str]] = []
    calendar = WorkCalendar()
    for item in items:
        try:
            if action == "submit":
                done.append(item_submit(actor=actor, item=item))
            elif action == "approve":
                done.append(
                    item_review(
                        actor=actor,
                        item=item,
                        conclusion=ReviewConclusion.APPROVE,
                        basis=basis,
                        calendar=calendar,
                    )
                )
            elif action == "publish":
                done.append(item_publish(actor=actor, item=item, calendar=calendar))
            elif action == "withdraw":
                done.append(item_withdraw(actor=actor, item=item, reason=reason))
        except (ValidationError, PermissionDenied) as exc:
            message = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            failed.append((item, message))
    return done, failed
