"""Who may act on a message, and which actions are open now.

- The channel's owner (its office or supervisor: 政府办 for the leaders' mailboxes) screens, forwards, decides
  returns and extensions, reviews answers and publishes.
- The unit a message was forwarded to (its office) signs, handles, drafts the answer, asks to return or extend.
- The unit's head approves the unit's answer (or its office, where the head delegated answers: `orgs.ApprovalPolicy`).
- A 举报's writer (name, contacts) is never shown to the reported unit (济南条例 §32).

The services enforce `may_*`; the back office asks `open_actions`, `can_see_writer` and `can_see_files`.
"""

from __future__ import annotations

from gongkai.core.actors import Actor, is_user
from gongkai.interaction.models import Assignment, Channel, Message, Status
from gongkai.orgs import access
from gongkai.orgs.models import ApprovalKind, Organization, Role

OWNER_ROLES = (Role.OFFICE, Role.SUPERVISOR)
UNIT_ROLES = (Role.OFFICE,)
#: Who has the messages' queues (owners, units, heads approving answers).
STAFF_ROLES = (Role.OFFICE, Role.SUPERVISOR, Role.HEAD)


def sees_messages(roles: set[str]) -> bool:
    return bool(roles & set(STAFF_ROLES))


def owns(actor: Actor, channel: Channel) -> bool:
    return is_user(actor) and access.has_role(actor, channel.owner, *OWNER_ROLES)


def handles(actor: Actor, org: Organization) -> bool:
    return is_user(actor) and access.has_role(actor, org, *UNIT_ROLES)


def approves(actor: Actor, org: Organization) -> bool:
    return is_user(actor) and access.can_approve(actor, org, ApprovalKind.ANSWER)


def _lead(message: Message) -> Assignment | None:
    return message.assignments.filter(lead=True, active=True).select_related("org").first()


def _active_orgs(message: Message) -> list[Organization]:
    return [a.org for a in message.assignments.filter(active=True).select_related("org")]


def may_see(actor: Actor, message: Message) -> bool:
    if owns(actor, message.channel):
        return True
    orgs = _active_orgs(message)
    if message.reply_org_id and message.reply_org not in orgs:
        orgs.append(message.reply_org)  # type: ignore[arg-type]
    return any(handles(actor, o) or approves(actor, o) for o in orgs)


def can_see_writer(actor: Actor, message: Message) -> bool:
    """The writer's name and contacts: the channel's owner, and a unit unless the message reports that unit (举报)
    and the unit is not the owner."""
    if owns(actor, message.channel):
        return True
    if message.is_report:
        return False  # a 举报's writer stays with the owner that screened it
    return may_see(actor, message)


def can_see_files(actor: Actor, message: Message) -> bool:
    """The writer's attachments: whoever may see the writer (a 举报's files stay with the owner, like its writer)."""
    return can_see_writer(actor, message)


class MessageRules:
    def __init__(self, actor: Actor, message: Message) -> None:
        self.actor = actor
        self.message = message
        self._lead_cache: Assignment | bool | None = False

    @property
    def lead(self) -> Assignment | None:
        if self._lead_cache is False:
            self._lead_cache = _lead(self.message)
        return self._lead_cache  # type: ignore[return-value]

    def may_screen(self) -> bool:
        return owns(self.actor, self.message.channel)

    def may_handle(self) -> bool:
        lead = self.lead
        return lead is not None and handles(self.actor, lead.org)

    def may_approve_reply(self) -> bool:
        lead = self.lead
        return lead is not None and approves(self.actor, lead.org)

    def open_actions(self) -> dict[str, bool]:
        s = self.message.status
        owner = self.may_screen()
        unit = self.may_handle()
        pending_return = self.message.assignments.filter(
            active=True, return_requested_at__isnull=False
        ).exclude(return_decision__in=["granted", "refused"])
        pending_extension = self.message.extensions.filter(decision="").exists()
        return {
            "accept": owner and s == Status.SCREENING,
            "refuse": owner and s == Status.SCREENING,
            "move_to_foi": owner and s == Status.SCREENING,
            "assign": owner and s == Status.ACCEPTED,
            "reply_direct": owner and s == Status.ACCEPTED,
            "decide_return": owner and pending_return.exists(),
            "decide_extension": owner and pending_extension,
            "instruct": owner and s in (Status.ACCEPTED, Status.ASSIGNED, Status.HANDLING),
            "sign": unit and s == Status.ASSIGNED,
            "ask_return": unit
            and s in (Status.ASSIGNED, Status.HANDLING)
            and not pending_return.exists()
            and self.lead is not None
            and not self.lead.return_decision,
            "note": unit and s == Status.HANDLING,
            "draft_reply": unit and s == Status.HANDLING,
            "ask_extension": unit and s in (Status.ASSIGNED, Status.HANDLING) and not pending_extension,
            "approve_reply": self.may_approve_reply() and s == Status.UNIT_REVIEW,
            "review_reply": owner and s == Status.PLATFORM_REVIEW,
            "publish": owner
            and s in (Status.REPLIED, Status.CLOSED)
            and self.message.channel.publication != "none",
            "evaluate": owner and s == Status.REPLIED,
            "close": owner and s == Status.REPLIED,
            "archive": owner and s in (Status.CLOSED, Status.REFUSED),
        }


def applicant_can_evaluate(message: Message) -> bool:
    """The writer rates an answered message with its query code."""
    return message.status == Status.REPLIED


#: Who runs the consultations, surveys and interviews of an organisation: its office, or a supervisor reaching it.
RUN_ROLES = (Role.OFFICE, Role.SUPERVISOR)


def may_run(actor: Actor, org: Organization) -> bool:
    """Open a consultation or a survey, announce an interview; moderate, answer and publish them."""
    return is_user(actor) and access.has_role(actor, org, *RUN_ROLES)


def office_orgs(actor: Actor) -> list[Organization]:
    """The organisations whose disclosure office `actor` works in (where a message may move to the intake)."""
    return access.membership_orgs(actor, Role.OFFICE) if is_user(actor) else []
