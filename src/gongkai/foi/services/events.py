"""What a step leaves in a case's record: its history (events, announced to the applicant where they concern
them), its numbered letters and its files."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.core import actors, files
from gongkai.core.actors import Actor
from gongkai.foi import notifications
from gongkai.foi.models import Application, ApplicationFile, Event, EventKind, Letter, LetterKind
from gongkai.foi.services.steps import _as_of
from gongkai.orgs.models import Organization

#: Events that concern the applicant and are announced to them (foi.notifications): confirmed, correction asked,
#: extended, answered (an answer, a closure with its letter, or the sender's letter of a transfer).
_NOTIFIED: dict[str, str] = {
    EventKind.RECEIVED: "confirmed",
    EventKind.CORRECTION_REQUESTED: "correction",
    EventKind.EXTENDED: "extended",
    EventKind.LONGER_PERIOD: "extended",
    EventKind.ANSWERED: "answered",
    EventKind.CLOSED: "answered",
    EventKind.TRANSFERRED: "answered",
}


def add(
    application: Application,
    kind: str,
    *,
    actor: Actor,
    on: date,
    summary: str,
    note: str = "",
    public: bool = False,
    data: dict[str, Any] | None = None,
) -> Event:
    change = _NOTIFIED.get(kind)
    if kind == EventKind.TRANSFERRED and not (data or {}).get("to_tracking_no"):
        change = None  # the receiving side's new case: its own confirmation tells the applicant
    if change and _as_of.get() is None:  # past handling recorded later is never announced
        notifications.schedule(application, change)
    return Event.objects.create(
        application=application,
        kind=kind,
        on=on,
        actor=actor if actors.is_user(actor) else None,
        actor_label=actors.label(actor),
        org=application.org,
        summary=summary[:300],
        note=note,
        public=public,
        data=data or {},
    )


def create_files(
    application: Application,
    checked: list[files.CheckedFile],
    *,
    kind: str,
    actor: Actor,
    public: bool = False,
) -> list[ApplicationFile]:
    created = []
    for item in checked:
        record = ApplicationFile(
            application=application,
            kind=kind,
            name=item.name,
            content_type=item.content_type,
            size=item.size,
            sha256=item.sha256,
            public=public,
            uploaded_by=actor if actors.is_user(actor) else None,
        )
        # The stream is the upload itself (a django File); CheckedFile types it as any byte stream.
        record.file.save(item.name, item.stream, save=False)  # type: ignore[arg-type]
        record.save()
        created.append(record)
    return created


#: Letters that carry a 文号: every notice the organ sends the applicant, from one sequence per organisation and
#: year (the receipt and the consultation letter to a third party are not numbered).
NUMBERED_LETTERS = frozenset(
    {LetterKind.CORRECTION, LetterKind.EXTENSION, LetterKind.LONGER_PERIOD, LetterKind.FEE, LetterKind.ANSWER}
)


def _next_letter_no(application: Application, year: int) -> str:
    # Serialise numbering per organisation: the organisation row is locked for the transaction.
    org = Organization.objects.select_for_update().get(pk=application.org_id)
    count = Letter.objects.filter(application__org=org, issued_on__year=year).exclude(letter_no="").count()
    prefix = org.short_name or org.name
    return f"{prefix}依申请公开告〔{year}〕{count + 1}号"


def issue_letter(application: Application, kind: str, *, on: date, actor: Actor, **context: Any) -> Letter:
    from gongkai.foi import letters

    letter_no = _next_letter_no(application, on.year) if kind in NUMBERED_LETTERS else ""
    content = letters.render(application, kind, on=on, letter_no=letter_no, **context)
    letter = Letter(
        application=application,
        kind=kind,
        letter_no=letter_no,
        issued_on=on,
        public=kind not in (LetterKind.CONSULTATION, LetterKind.THIRD_PARTY_NOTICE),
    )
    letter.file.save(f"{kind}.docx", content, save=False)
    letter.save()
    add(application, EventKind.LETTER, actor=actor, on=on, summary=f"生成{LetterKind(kind).label}{letter_no}")
    return letter
