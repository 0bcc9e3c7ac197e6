"""Every change to suggestions and proposals: lock, ask the rules, validate (Chinese errors), write, audit.

One module per stage; callers use this package's names."""

from gongkai.proposals.services.feedback import (
    commitment_add,
    commitment_settle,
    feedback_codes_issue,
    feedback_enter,
    feedback_submit,
    proposal_close,
)
from gongkai.proposals.services.handling import (
    contact_record,
    reply_cosign,
    reply_draft,
    reply_review,
    reply_submit,
    result_classes,
)
from gongkai.proposals.services.items import (
    opinion_send,
    proposal_assign,
    proposal_merge,
    proposal_register,
    proposal_set_difficult,
    proposals_import,
    return_decide,
    return_request,
    session_create,
)
from gongkai.proposals.services.publication import reply_publish
