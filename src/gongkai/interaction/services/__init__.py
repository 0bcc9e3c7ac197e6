"""Every state change of a message: `message_<verb>(*, actor, ...)` locks the row, asks the rules, validates
(Chinese `ValidationError`), writes, records the step in the ticket's history and the audit log, in one
transaction. Nothing is deleted: a refused, moved or returned message keeps its record.

One module per stage (intake, screening, forwarding, replies, publication, feedback, supervision); callers use
this package's names."""

from gongkai.interaction.models import MessageKind
from gongkai.interaction.redaction import redact
from gongkai.interaction.services.base import phone_key
from gongkai.interaction.services.feedback import WRITER, message_archive, message_close, message_evaluate
from gongkai.interaction.services.forwarding import (
    message_assign,
    message_extension_decide,
    message_extension_request,
    message_instruct,
    message_note,
    message_return_decide,
    message_return_request,
    message_sign,
)
from gongkai.interaction.services.intake import (
    DUPLICATE_WINDOW,
    PHONE_DAILY_LIMIT,
    QUERY_CODE_ALPHABET,
    WEB_FORM,
    ImportResult,
    Submission,
    clean_message,
    message_import,
    message_submit,
    tickets_import,
)
from gongkai.interaction.services.publication import message_publish
from gongkai.interaction.services.replies import (
    message_reply_approve,
    message_reply_direct,
    message_reply_draft,
    message_reply_review,
)
from gongkai.interaction.services.screening import message_accept, message_move_to_foi, message_refuse
from gongkai.interaction.services.supervision import SUPERVISION, SupervisionReport, messages_supervise
