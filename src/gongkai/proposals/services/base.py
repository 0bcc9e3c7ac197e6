"""What every proposals service shares: limits, permission and status checks, the locked row, audit fields."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core.validation import strip_controls
from gongkai.proposals.models import (
    Proposal,
    Status,
)

_LIMITS = {"number": 30, "title": 300, "reasons": 20000, "suggestions": 20000, "supervising_leader": 60}
_LABELS = {
    "number": "编号",
    "title": "标题",
    "reasons": "案由",
    "suggestions": "具体建议",
    "supervising_leader": "督办领导",
}


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _text(field: str, value: str, *, required: bool = False) -> str:
    value = strip_controls((value or "").strip())
    if required and not value:
        raise ValidationError({field: f"请填写{_LABELS[field]}。"})
    if len(value) > _LIMITS[field]:
        raise ValidationError({field: f"{_LABELS[field]}不能超过{_LIMITS[field]}字。"})
    return value


def _move(proposal: Proposal, status: str) -> None:
    if not proposal.can_move_to(status):
        raise ValidationError(
            f"该件当前状态为“{proposal.get_status_display()}”，不能变为“{Status(status).label}”。"
        )
    proposal.status = status


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().select_related("session", "session__org").get(pk=proposal.pk)


def _fields(proposal: Proposal) -> dict[str, object]:
    """What of an item may enter the audit log: no proposer, no contact."""
    return {
        "status": proposal.status,
        "assigned_on": str(proposal.assigned_on or ""),
        "due_on": str(proposal.due_on or ""),
        "difficult": proposal.difficult,
    }
