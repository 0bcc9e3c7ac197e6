"""Every change to an information application. Keyword-only, in one transaction, permission-checked, audited.

The portal, the back office, the API, commands and tasks all call these functions; none of them changes an
application any other way. Personal data (identity numbers, contacts) never enters the audit log or event data.
"""

from gongkai.foi.query_codes import (
    QUERY_CODE_ALPHABET,
    QUERY_CODE_LENGTH,
    check_query_code,
    hash_query_code,
    normalise_query_code,
    query_code_for,
)
from gongkai.foi.services.answers import (
    CLOSING_OUTCOMES,
    application_add_file,
    application_answer,
    application_answer_return,
    application_answer_save_draft,
    application_answer_submit,
    application_close,
    applications_close_lapsed,
)
from gongkai.foi.services.evaluations import application_evaluate
from gongkai.foi.services.handling import (
    application_assign,
    application_consult_end,
    application_consult_start,
    application_extend,
    application_extension_refuse,
    application_extension_request,
    application_fee_notice,
    application_fee_paid,
    application_fee_waive,
    application_note,
    application_reasons_receive,
    application_reasons_request,
    application_receive_correction,
    application_request_correction,
    application_set_longer_period,
    application_third_party_notice,
    application_transfer,
    applications_recompute_due,
    consultations_deemed_agreed,
    fee_quote,
    monthly_ordinal,
)
from gongkai.foi.services.intake import (
    APPLICANT_LABEL,
    APPLICATION_FIELDS,
    DUPLICATE_WINDOW,
    Submission,
    application_confirm_receipt,
    application_register,
    application_submit,
    clean_application,
)
from gongkai.foi.services.records import (
    application_archive,
    record_correction_decide,
    record_correction_request,
)
from gongkai.foi.services.redaction import (
    redacted_files,
    redaction_add_hits,
    redaction_add_region,
    redaction_find,
    redaction_produce,
    redaction_remove_mark,
    redaction_start,
)
from gongkai.foi.services.remedies import remedy_record, remedy_update
from gongkai.foi.services.steps import EARLIEST_DATE, recording_as_of
