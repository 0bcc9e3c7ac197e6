"""Reading information applications: access-controlled fetches, queues, the clock explanation, masked views."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from gongkai.core.actors import Actor
from gongkai.core.notfound import first_or_404
from gongkai.foi import conf, workflow
from gongkai.foi.clock import (
    ANSWER_PERIOD_WORKDAYS,
    CONSULTATION_REPLY_WORKDAYS,
    MAX_EXTENSION_WORKDAYS,
    Clock,
    ClockInput,
    Pause,
    compute,
)
from gongkai.foi.identity import mask_email, mask_id, mask_phone, mask_text
from gongkai.foi.models import (
    Answer,
    Application,
    ApplicationFile,
    Channel,
    ConsultationKind,
    Event,
    Fee,
    FileKind,
    Letter,
    Status,
)
from gongkai.foi.workflow import can_receive_applications
from gongkai.orgs import access
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

#: Statuses in which the answer period runs and the case can become overdue.
RUNNING_STATUSES = [Status.RECEIVED, Status.IN_PROGRESS, Status.PENDING_APPROVAL]


def registering_orgs(user: Actor) -> list[Organization]:
    """Organisations for which `user` may register applications received by letter, in person, fax or e-mail:
    the disclosure offices of the organs that receive applications (Art. 27)."""
    return [
        o
        for o in access.orgs_for(user, *workflow.OFFICE_ROLES).order_by("path")
        if can_receive_applications(o)
    ]


# --- The clock --------------------------------------------------------------------------------------


def clock_input(application: Application) -> ClockInput:
    if application.pk is None:  # a new application has no consultations or fee yet
        return ClockInput(received_on=application.received_on)
    pauses = [
        Pause(
            "征求第三方意见" if c.kind == ConsultationKind.THIRD_PARTY else "征求其他机关意见",
            c.started_on,
            c.ended_on,
            cap_workdays=CONSULTATION_REPLY_WORKDAYS,
        )
        for c in application.consultations.all()
    ]
    fee = fee_of(application)
    if fee is not None and fee.notice_on and conf.fee_pauses_clock():
        pauses.append(Pause("收费通知至缴费", fee.notice_on, fee.paid_on or fee.waived_on))
    return ClockInput(
        received_on=application.received_on,
        correction_requested_on=application.correction_requested_on,
        correction_received_on=application.correction_received_on,
        longer_period_days=application.longer_period_days,
        extension_days=application.extension_days,
        pauses=tuple(pauses),
    )


def fee_of(application: Application) -> Fee | None:
    try:
        return application.fee
    except Fee.DoesNotExist:
        return None


def answer_of(application: Application) -> Answer | None:
    try:
        return application.answer
    except Answer.DoesNotExist:
        return None


def clock_for(application: Application, calendar: WorkCalendar | None = None) -> Clock:
    return compute(clock_input(application), calendar)


# --- Access -----------------------------------------------------------------------------------------


def applications_for_staff(user: Actor) -> QuerySet[Application]:
    """Cases `user` may see: its organisations' office, or a supervisor's region."""
    qs = Application.objects.select_related("org", "handler")
    return access.filter_by_org(qs, user, *workflow.STAFF_ROLES)


def get_application_for_staff(
    *, user: Actor, pk: int | None = None, tracking_no: str | None = None
) -> Application:
    """The case, or Http404 when it does not exist or `user` may not see it (never 403: nothing leaks)."""
    qs = applications_for_staff(user)
    if pk is not None:
        qs = qs.filter(pk=pk)
    elif tracking_no:
        qs = qs.filter(tracking_no=tracking_no.strip().upper()[:24])
    else:
        raise Http404("没有找到该申请。")
    return first_or_404(qs, "没有找到该申请。")


def handlers_for(org: Organization) -> QuerySet[User]:
    """Active members of the organisation's disclosure office: who may be assigned a case."""
    return access.members(org, *workflow.OFFICE_ROLES)


@dataclass(frozen=True)
class ApplicantView:
    """What a reader sees of the applicant: everything for the handling office, masked for anyone else."""

    masked: bool
    applicant_type: str
    name: str
    id_type: str
    id_number: str
    credit_code: str
    legal_representative: str
    contact_person: str
    phone: str
    email: str
    address: str
    postcode: str


def applicant_view(application: Application, *, full: bool) -> ApplicantView:
    a = application
    if full:
        return ApplicantView(
            False, a.get_applicant_type_display(), a.applicant_name, a.get_id_type_display(), a.id_number,
            a.credit_code, a.legal_representative, a.contact_person, a.phone, a.email, a.address, a.postcode,
        )  # fmt: skip
    # A legal person's name and code are public facts; a natural person's name is personal data.
    name = a.applicant_name if a.is_legal_person else mask_text(a.applicant_name)
    return ApplicantView(
        True, a.get_applicant_type_display(), name, a.get_id_type_display(), mask_id(a.id_number),
        a.credit_code, mask_text(a.legal_representative), mask_text(a.contact_person), mask_phone(a.phone),
        mask_email(a.email), mask_text(a.address, keep=3), "",
    )  # fmt: skip


# --- Queues -----------------------------------------------------------------------------------------


def _base(user: Actor | None) -> QuerySet[Application]:
    return (
        Application.objects.select_related("org", "handler") if user is None else applications_for_staff(user)
    )


def remind_horizon(today: date, within: int | None = None) -> tuple[date, int | None]:
    """The last day counted as "due soon", and the year whose missing calendar cut the horizon short."""
    within = conf.remind_workdays() if within is None else within
    try:
        return WorkCalendar().add_workdays(today, within), None
    except CalendarMissing as exc:
        return date(exc.year - 1, 12, 31), exc.year


def applications_open(*, user: Actor | None = None) -> QuerySet[Application]:
    return _base(user).exclude(status=Status.CLOSED)


def applications_due_soon(
    *,
    user: Actor | None = None,
    today: date | None = None,
    within: int | None = None,
    horizon: date | None = None,
) -> QuerySet[Application]:
    """Running cases due today or within `within` working days (3 by default), or up to `horizon`."""
    today = today or timezone.localdate()
    if horizon is None:
        horizon, _missing = remind_horizon(today, within)
    return (
        _base(user)
        .filter(status__in=RUNNING_STATUSES, due_on__gte=today, due_on__lte=horizon)
        .order_by("due_on", "pk")
    )


def applications_overdue(*, user: Actor | None = None, today: date | None = None) -> QuerySet[Application]:
    today = today or timezone.localdate()
    # Any open case with a due date in the past: a consultation or fee notice begun after the due date does
    # not stop the clock (the case keeps its due date and stays overdue).
    return _base(user).exclude(status=Status.CLOSED).filter(due_on__lt=today).order_by("due_on", "pk")


def applications_unassigned(*, user: Actor | None = None) -> QuerySet[Application]:
    return _base(user).filter(status=Status.RECEIVED, handler__isnull=True).order_by("received_on", "pk")


def applications_unconfirmed(*, user: Actor | None = None) -> QuerySet[Application]:
    return _base(user).filter(status=Status.SUBMITTED).order_by("submitted_at", "pk")


def confirmation_due(application: Application, calendar: WorkCalendar | None = None) -> date | None:
    """Art. 31: the last day staff may take to confirm an online application (submitted + the setting's working
    days) or an ordinary letter (arrived + the same); None when not waiting or that year has no calendar."""
    if application.status != Status.SUBMITTED:
        return None
    if application.arrived_on is not None and application.transferred_from_id is None:
        start = application.arrived_on  # an ordinary letter, from the day it arrived
    elif application.submitted_at is not None:
        start = timezone.localdate(application.submitted_at)
    else:
        return None
    try:
        return (calendar or WorkCalendar()).add_workdays(start, conf.confirm_workdays())
    except CalendarMissing:
        return None


def applications_confirmation_late(
    *, user: Actor | None = None, today: date | None = None
) -> QuerySet[Application]:
    """Online, transferred or ordinary-mail applications not confirmed within `GONGKAI_FOI_CONFIRM_WORKDAYS`
    (Art. 31)."""
    today = today or timezone.localdate()
    calendar = WorkCalendar()
    waiting = Application.objects.filter(pk__in=_base(user).filter(status=Status.SUBMITTED).values("pk"))
    late = [
        a.pk
        for a in waiting.only("pk", "status", "submitted_at", "arrived_on", "transferred_from")
        if (due := confirmation_due(a, calendar)) is not None and due < today
    ]
    return _base(user).filter(pk__in=late).order_by("submitted_at", "pk")


def applications_missing_calendar(*, user: Actor | None = None) -> QuerySet[Application]:
    """Open cases with a running deadline that a missing calendar year leaves unknown: the due date, or the
    reply deadline of a consultation still open, the correction period awaited, an unpaid fee's payment."""
    waiting = Application.objects.filter(
        Q(due_missing_year__isnull=False)
        | Q(consultations__ended_on__isnull=True, consultations__reply_due_missing_year__isnull=False)
        | Q(status=Status.AWAITING_CORRECTION, correction_due_missing_year__isnull=False)
        | Q(fee__pay_by_missing_year__isnull=False, fee__paid_on__isnull=True, fee__waived=False)
    ).values("pk")
    return _base(user).exclude(status=Status.CLOSED).filter(pk__in=waiting).order_by("pk")


def missing_calendar_year(application: Application) -> int | None:
    """The missing year that leaves a running deadline of the case unknown (see `applications_missing_calendar`)."""
    if application.due_missing_year:
        return application.due_missing_year
    if application.status == Status.AWAITING_CORRECTION and application.correction_due_missing_year:
        return application.correction_due_missing_year
    years = [
        c.reply_due_missing_year
        for c in application.consultations.all()
        if c.ended_on is None and c.reply_due_missing_year
    ]
    fee = fee_of(application)
    if fee is not None and fee.paid_on is None and not fee.waived and fee.pay_by_missing_year:
        years.append(fee.pay_by_missing_year)
    return min(years, default=None)


def applications_pending_approval(*, user: Actor | None = None) -> QuerySet[Application]:
    return _base(user).filter(status=Status.PENDING_APPROVAL).order_by("due_on", "pk")


QUEUES: dict[str, tuple[str, Callable[..., QuerySet[Application]]]] = {
    "open": ("办理中的申请", applications_open),
    "unconfirmed": ("待确认收到", applications_unconfirmed),
    "confirm_late": ("超过确认时限", applications_confirmation_late),
    "unassigned": ("待分办", applications_unassigned),
    "due_soon": ("即将到期", applications_due_soon),
    "overdue": ("已超期", applications_overdue),
    "approval": ("待审批", applications_pending_approval),
    "missing_calendar": ("期限无法计算（缺少日历）", applications_missing_calendar),
}


def queue(
    name: str, *, user: Actor | None = None, today: date | None = None, horizon: date | None = None
) -> QuerySet[Application]:
    if name not in QUEUES:
        raise Http404("没有该队列。")
    func = QUEUES[name][1]
    if func is applications_due_soon:
        return func(user=user, today=today, horizon=horizon)
    if func in (applications_overdue, applications_confirmation_late):
        return func(user=user, today=today)
    return func(user=user)


# --- The applicant's page ---------------------------------------------------------------------------


def public_events(application: Application) -> QuerySet[Event]:
    return application.events.filter(public=True).order_by("created_at", "pk")


def public_letters(application: Application) -> QuerySet[Letter]:
    return application.letters.filter(public=True).order_by("issued_on", "pk")


def public_files(application: Application) -> QuerySet[ApplicationFile]:
    return application.files.filter(public=True, kind=FileKind.DELIVERED).order_by("created_at", "pk")


# --- Figures ----------------------------------------------------------------------------------------


def fees_collected(applications: QuerySet[Application]) -> Decimal:
    """Fees actually collected (annual report part 六): paid and not waived."""
    total = Fee.objects.filter(application__in=applications, paid_on__isnull=False, waived=False).aggregate(
        total=Sum("amount")
    )["total"]
    return total or Decimal(0)


# --- Art. 44: information asked for repeatedly ----------------------------------------------------------


@dataclass
class ProactiveCandidate:
    """Information several applicants obtained by application: a candidate for proactive disclosure (Art. 44)."""

    org: Organization
    title: str
    doc_no: str
    cases: list[Application]
    applicants: int

    @property
    def count(self) -> int:
        return len(self.cases)

    @property
    def last_closed(self) -> date:
        return max(a.closed_on for a in self.cases if a.closed_on)


def _info_key(application: Application) -> str:
    import re
    import unicodedata

    text = application.info_doc_no or application.info_title
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[\s\W_]+", "", text)


def proactive_candidates(
    *, user: Actor, since: date, until: date | None = None, minimum: int | None = None
) -> list[ProactiveCandidate]:
    """Closed cases since `since` whose information was provided (granted, partial) and not already proactively
    disclosed, grouped per organisation by document number or title; groups of at least `minimum` cases
    (`GONGKAI_FOI_PROACTIVE_CANDIDATE_MIN`), most asked first."""
    minimum = minimum or conf.proactive_candidate_min()
    qs = applications_for_staff(user).filter(
        status=Status.CLOSED, outcome__in=["granted", "partial"], closed_on__gte=since
    )
    if until is not None:
        qs = qs.filter(closed_on__lte=until)
    qs = qs.exclude(answer__already_disclosed=True).order_by("closed_on", "pk")
    groups: dict[tuple[int, str], list[Application]] = {}
    for application in qs:
        groups.setdefault((application.org_id, _info_key(application)), []).append(application)
    out = [
        ProactiveCandidate(
            org=cases[0].org,
            title=cases[-1].info_title,
            doc_no=next((a.info_doc_no for a in cases if a.info_doc_no), ""),
            cases=cases,
            applicants=len({a.applicant_key for a in cases}),
        )
        for cases in groups.values()
        if len(cases) >= minimum
    ]
    return sorted(out, key=lambda c: (-c.count, c.org.path, c.title))


#: Art. 31: which day is the day the application was received, by the way it was submitted (the regulation's words).
RECEIVED_DATE_RULES: dict[str, str] = {
    Channel.IN_PERSON: "申请人当面提交政府信息公开申请的，以提交之日为收到申请之日（条例第三十一条第（一）项）。",
    Channel.REGISTERED_MAIL: "申请人以邮寄方式提交政府信息公开申请的，以行政机关签收之日为收到申请之日（条例第三十一条第（二）项）。",
    Channel.ORDINARY_MAIL: "以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构于收到申请的当日与申请人确认，"
    "确认之日为收到申请之日（条例第三十一条第（二）项）。",
    Channel.ONLINE: "申请人通过互联网渠道提交政府信息公开申请的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）。",
    Channel.FAX: "申请人通过传真提交政府信息公开申请的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）。",
    Channel.EMAIL: "申请人通过电子邮件提交政府信息公开申请的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）。",
}


@dataclass(frozen=True)
class ReceiptTerms:
    """What the applicant's receipt (回执) says about dates: the Art. 31 rule for the way it came in, the days
    the office takes to confirm and the latest day for that, the statutory answer period and, counted from that
    latest confirmation, the latest answer date (before any correction, consultation, fee or extension)."""

    received_rule: str
    confirm_workdays: int
    confirm_by: date | None
    answer_workdays: int
    extension_workdays: int
    latest_due: date | None


def receipt_terms(application: Application, calendar: WorkCalendar | None = None) -> ReceiptTerms:
    calendar = calendar or WorkCalendar()
    confirm_by = confirmation_due(application, calendar=calendar)
    start = application.received_on or confirm_by
    latest_due = application.due_on if application.received_on else None
    if latest_due is None and start is not None:
        try:
            latest_due = calendar.add_workdays(start, ANSWER_PERIOD_WORKDAYS)
        except CalendarMissing:
            latest_due = None
    return ReceiptTerms(
        received_rule=RECEIVED_DATE_RULES.get(application.channel, RECEIVED_DATE_RULES[Channel.ONLINE]),
        confirm_workdays=conf.confirm_workdays(),
        confirm_by=confirm_by,
        answer_workdays=ANSWER_PERIOD_WORKDAYS,
        extension_workdays=MAX_EXTENSION_WORKDAYS,
        latest_due=latest_due,
    )
