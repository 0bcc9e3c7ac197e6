"""Reads: the queues by role, one message under access control (404, not 403), the public letters, the
statistics with their definitions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from gongkai.core.actors import Actor, is_user
from gongkai.core.notfound import first_or_404
from gongkai.foi import services as foi_services
from gongkai.interaction import deadlines, rules
from gongkai.interaction.models import (
    ANSWERED,
    UNANSWERED,
    VALID,
    Channel,
    Comment,
    Consultation,
    Interview,
    InterviewQuestion,
    Level,
    Message,
    Publication,
    PublicState,
    RefusalReason,
    Source,
    Status,
    Survey,
)
from gongkai.orgs import access
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

#: The 19号 indicator fails a site with a valid message unanswered for more than three months; warn well before.
OLDEST_WARNING_DAYS = 60


def public_channels() -> QuerySet[Channel]:
    return Channel.objects.filter(is_active=True).select_related("owner")


def get_public_channel(code: str) -> Channel:
    return first_or_404(public_channels().filter(code=code), "没有这个互动渠道。")


def site_error_channel() -> Channel | None:
    """The channel the portal's 我为政府网站找错 form feeds: the active 找错 channel (the first in order)."""
    return Channel.objects.filter(is_active=True, source=Source.ZHAOCUO).order_by("order", "pk").first()


def published(channel: Channel | None = None) -> QuerySet[Message]:
    qs = Message.objects.filter(public_state=PublicState.PUBLISHED).select_related("channel", "reply_org")
    if channel is not None:
        qs = qs.filter(channel=channel)
    return qs.order_by("-published_at", "-pk")


def get_published(number: str) -> Message:
    return first_or_404(published().filter(number=number), "该留言未公开。")


def find_by_code(number: str, code: str) -> Message | None:
    """The message with this number whose query code matches (the writer's way in, without an account)."""
    message = Message.objects.select_related("channel").filter(number=number.strip().upper()).first()
    if message is None or not foi_services.check_query_code(code, message.query_code_hash):
        return None
    return message


# ---------------------------------------------------------------------------------------------------- back office


def owned_channels(actor: Actor) -> QuerySet[Channel]:
    if not is_user(actor):
        return Channel.objects.none()
    return Channel.objects.filter(owner__in=access.orgs_for(actor, *rules.OWNER_ROLES))


def visible_to(actor: Actor) -> QuerySet[Message]:
    """Messages of the channels `actor` screens, and those forwarded to units whose office or head they are."""
    if not is_user(actor):
        return Message.objects.none()
    units = access.orgs_for(actor, *rules.UNIT_ROLES, rules.Role.HEAD)
    return (
        Message.objects.filter(
            Q(channel__in=owned_channels(actor))
            | Q(assignments__org__in=units, assignments__active=True)
            | Q(reply_org__in=units)
        )
        .distinct()
        .select_related("channel", "reply_org")
    )


def get_for_staff(actor: Actor, number: str) -> Message:
    message = visible_to(actor).filter(number=number).first()
    if message is None or not rules.may_see(actor, message):
        raise Http404("没有这件留言，或您无权查看。")
    return message


@dataclass
class Queues:
    screening: list[Message]
    unit: list[Message]
    approval: list[Message]
    review: list[Message]
    overdue: list[Message]


def queues(actor: Actor, limit: int = 50) -> Queues:
    """待审查 (owners), my unit's tickets (to sign, in hand), answers to approve (heads), platform review and the
    overdue/oldest watch."""
    mine = visible_to(actor)
    owned = mine.filter(channel__in=owned_channels(actor))
    units = access.orgs_for(actor, *rules.UNIT_ROLES) if is_user(actor) else Organization.objects.none()
    heads = access.orgs_for(actor, rules.Role.HEAD) if is_user(actor) else Organization.objects.none()
    unit = mine.filter(
        assignments__org__in=units,
        assignments__active=True,
        assignments__lead=True,
        status__in=[Status.ASSIGNED, Status.HANDLING],
    )
    now = timezone.now()
    watch = [
        m
        for m in owned.filter(status__in=UNANSWERED).order_by("received_on", "pk")[:500]
        if deadlines.overdue(m, now) or (now.date() - m.received_on).days > OLDEST_WARNING_DAYS
    ]
    return Queues(
        screening=list(owned.filter(status=Status.SCREENING).order_by("submitted_at")[:limit]),
        unit=list(unit.order_by("due_at")[:limit]),
        approval=list(
            mine.filter(status=Status.UNIT_REVIEW, reply_org__in=heads).order_by("updated_at")[:limit]
        ),
        review=list(owned.filter(status=Status.PLATFORM_REVIEW).order_by("updated_at")[:limit]),
        overdue=watch[:limit],
    )


# ---------------------------------------------------------------------------------------------------- statistics

DEFINITIONS = {
    "received": "留言数：期间内收到并受理的有效留言（不含待审查、不予受理和转为依申请公开的留言）。",
    "refused": "不予受理数：期间内收到、经审查不予受理的留言，按理由分列。",
    "answered": "答复数：有效留言中已答复并完成公开审核（已公开，或依规定不公开）的留言；渠道不公开留言的，以已答复计。",
    "reply_rate": "回复率 = 答复数 ÷ 留言数。",
    "on_time_rate": "按期答复率 = 在答复时限（含批准的延期；转办件取本级与上级平台时限中较早者）内答复的留言 ÷ 已答复的留言。",
    "satisfaction": "满意率 = 最近一次评价为满意或基本满意的留言 ÷ 有评价的留言；未作评价的留言不计入分母（参照重庆市建议办理规定第二十九条）。",
    "rehandled": "重办数：因不满意退回重办的次数之和。",
    "handling_days": "平均办理时间：已答复留言从收到之日到答复之日的工作日数的平均值。",
    "oldest": "最久未答复：仍未答复的有效留言中收到最早的一件及其已过天数（超过3个月未答复的有效留言将导致网站检查单项否决）。",
}


@dataclass
class Statistics:
    as_at: datetime
    received: int = 0
    refused: int = 0
    refused_by_reason: list[tuple[str, int]] = field(default_factory=list)
    answered: int = 0
    replied: int = 0
    on_time: int = 0
    evaluated: int = 0
    satisfied: int = 0
    rehandled: int = 0
    handling_days: float | None = None
    oldest: Message | None = None
    oldest_days: int | None = None
    definitions: dict[str, str] = field(default_factory=lambda: DEFINITIONS)

    @staticmethod
    def _rate(part: int, whole: int) -> str:
        return f"{part * 100 / whole:.1f}%" if whole else "—"

    @property
    def reply_rate(self) -> str:
        return self._rate(self.answered, self.received)

    @property
    def on_time_rate(self) -> str:
        return self._rate(self.on_time, self.replied)

    @property
    def satisfaction(self) -> str:
        return self._rate(self.satisfied, self.evaluated)

    @property
    def oldest_warning(self) -> bool:
        return self.oldest_days is not None and self.oldest_days > OLDEST_WARNING_DAYS


def answered_q() -> Q:
    """答复数's rule as a query (see DEFINITIONS["answered"])."""
    return Q(status__in=ANSWERED) & (
        ~Q(public_state=PublicState.NONE) | Q(channel__publication=Publication.NONE)
    )


def statistics(
    *,
    channel: Channel | None = None,
    channels: list[Channel] | None = None,
    org_id: int | None = None,
    kind: str = "",
    start: date | None = None,
    end: date | None = None,
    now: datetime | None = None,
) -> Statistics:
    """The figures of a channel (or all), a unit (the answering unit), a kind and a period of received dates."""
    now = now or timezone.now()
    qs = Message.objects.all()
    if channel is not None:
        qs = qs.filter(channel=channel)
    if channels is not None:
        qs = qs.filter(channel__in=channels)
    if org_id is not None:
        qs = qs.filter(reply_org_id=org_id)
    if kind:
        qs = qs.filter(kind=kind)
    if start is not None:
        qs = qs.filter(received_on__gte=start)
    if end is not None:
        qs = qs.filter(received_on__lte=end)
    stats = Statistics(as_at=now)
    valid = qs.filter(status__in=VALID)
    stats.received = valid.count()
    refused = qs.filter(status=Status.REFUSED)
    stats.refused = refused.count()
    labels = dict(RefusalReason.choices)
    stats.refused_by_reason = [
        (str(labels.get(r["refusal_reason"], r["refusal_reason"])), r["n"])
        for r in refused.values("refusal_reason").annotate(n=Count("pk")).order_by("-n")
    ]
    stats.answered = valid.filter(answered_q()).count()
    replied = valid.filter(status__in=ANSWERED, replied_at__isnull=False)
    stats.replied = replied.count()
    stats.on_time = replied.filter(replied_on_time=True).count()
    stats.rehandled = valid.aggregate(n=Sum("rehandled"))["n"] or 0
    latest: dict[int, str] = {}
    for message_id, level in (
        valid.filter(evaluations__isnull=False)
        .order_by("pk", "evaluations__at")
        .values_list("pk", "evaluations__level")
    ):
        latest[message_id] = level
    stats.evaluated = len(latest)
    stats.satisfied = sum(1 for level in latest.values() if level in (Level.SATISFIED, Level.BASIC))
    calendar = WorkCalendar()
    days: list[int] = []
    try:
        for received_on, replied_at in replied.values_list("received_on", "replied_at"):
            days.append(calendar.workdays_between(received_on, timezone.localdate(replied_at)))
    except CalendarMissing:
        days = []
    stats.handling_days = round(sum(days) / len(days), 1) if days else None
    stats.oldest = valid.filter(status__in=UNANSWERED).order_by("received_on", "pk").first()
    if stats.oldest is not None:
        stats.oldest_days = (timezone.localdate(now) - stats.oldest.received_on).days
    return stats


def monthly(
    channel: Channel | None, year: int, channels: list[Channel] | None = None
) -> list[tuple[int, Statistics]]:
    """The twelve months of a year, for the supervision reports."""
    out = []
    for month in range(1, 13):
        start = date(year, month, 1)
        end = (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)
        out.append((month, statistics(channel=channel, channels=channels, start=start, end=end)))
    return out


def assign_targets(message: Message) -> list[Organization]:
    """The units a message may be forwarded to: the active organisations of the owner's government."""
    owner = message.channel.owner
    root = Organization.objects.get_parent(owner) if owner.depth > 1 else owner
    base = root if root is not None else owner
    return list(Organization.objects.active().filter(path__startswith=base.path).order_by("path"))


def move_targets(actor: Actor) -> list[Organization]:
    """The organs whose information-application intake `actor` may register in (their disclosure office)."""
    from gongkai.foi import workflow

    if not is_user(actor):
        return []
    return [o for o in rules.office_orgs(actor) if workflow.can_receive_applications(o)]


def public_consultations() -> QuerySet[Consultation]:
    return Consultation.objects.filter(opens_on__lte=timezone.localdate()).select_related("org", "basis")


def get_public_consultation(pk: int) -> Consultation:
    return first_or_404(public_consultations().filter(pk=pk), "没有这项意见征集。")


def published_comments(consultation: Consultation) -> QuerySet[Comment]:
    """Comments shown on the page: approved, with the writer's consent (never the name or phone)."""
    return consultation.comments.filter(approved=True, consent_publish=True)


def public_interviews() -> QuerySet[Interview]:
    return Interview.objects.select_related("org")


def get_public_interview(pk: int) -> Interview:
    return first_or_404(public_interviews().filter(pk=pk), "没有这场访谈。")


def published_questions(interview: Interview) -> QuerySet[InterviewQuestion]:
    return interview.questions.filter(approved=True)


def answering_units(channels: QuerySet[Channel] | list[Channel]) -> list[Organization]:
    """The units that answered messages of these channels (the per-unit table)."""
    ids = Message.objects.filter(channel__in=channels, reply_org__isnull=False).values("reply_org").distinct()
    return list(Organization.objects.filter(pk__in=ids).order_by("path"))


def run_orgs(actor: Actor) -> list[Organization]:
    """The organisations whose consultations and interviews `actor` runs (office or supervisor)."""
    from gongkai.interaction.rules import RUN_ROLES

    if not is_user(actor):
        return []
    return list(access.orgs_for(actor, *RUN_ROLES).order_by("path"))


def consultations_for(actor: Actor) -> QuerySet[Consultation]:
    return Consultation.objects.filter(org__in=run_orgs(actor)).select_related("org", "basis")


def interviews_for(actor: Actor) -> QuerySet[Interview]:
    return Interview.objects.filter(org__in=run_orgs(actor)).select_related("org")


def get_consultation_for_staff(actor: Actor, pk: int) -> Consultation:
    return first_or_404(consultations_for(actor).filter(pk=pk), "没有这项意见征集，或您无权查看。")


def get_interview_for_staff(actor: Actor, pk: int) -> Interview:
    return first_or_404(interviews_for(actor).filter(pk=pk), "没有这场访谈，或您无权查看。")


def public_surveys() -> QuerySet[Survey]:
    return Survey.objects.filter(opens_on__lte=timezone.localdate()).select_related("org")


def get_public_survey(pk: int) -> Survey:
    return first_or_404(public_surveys().filter(pk=pk), "没有这项调查。")


def surveys_for(actor: Actor) -> QuerySet[Survey]:
    return Survey.objects.filter(org__in=run_orgs(actor)).select_related("org")


def get_survey_for_staff(actor: Actor, pk: int) -> Survey:
    return first_or_404(surveys_for(actor).filter(pk=pk), "没有这项调查，或您无权查看。")


def consultations_of_item(item_id: int) -> QuerySet[Consultation]:
    """The consultations whose feedback names this catalog item as the final document."""
    return Consultation.objects.filter(catalog_item_id=item_id, feedback_at__isnull=False)
