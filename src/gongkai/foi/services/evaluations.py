"""The applicant's rating of the answer (满意 / 基本满意 / 不满意 with a comment): once per case, after it closed.

The applicant acts through the query-code page (tracking number + query code, as for a correction), so there is
no user: the actor is the applicant. The comment stays on the record; the audit event holds the rating only.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

import gongkai.foi.services.events as events
import gongkai.foi.services.steps as steps
from gongkai.core.actors import Actor
from gongkai.core.validation import strip_controls
from gongkai.foi import workflow
from gongkai.foi.models import Application, Evaluation, EventKind, Rating, Status

COMMENT_MAX = 500
ALREADY = "您已对本申请的答复作出评价，每件申请只能评价一次。"


@steps.case_step("application.evaluate", check=False, note=lambda evaluation: evaluation.rating)
def application_evaluate(
    *, actor: Actor, application: Application, rating: str, comment: str = ""
) -> Evaluation:
    """`actor` is the `Applicant` who opened this case with its query code."""
    if not workflow.applicant_may_act(actor, application):
        raise PermissionDenied("只有申请人本人可以评价本申请的答复。")
    if application.status != Status.CLOSED:
        raise ValidationError("受理机关作出答复后才能评价。")
    if Evaluation.objects.filter(application=application).exists():
        raise ValidationError(ALREADY)
    errors: dict[str, list[str]] = {}
    if rating not in Rating.values:
        errors["rating"] = ["请选择“满意”“基本满意”或“不满意”。"]
    comment = strip_controls(comment)
    if len(comment) > COMMENT_MAX:
        errors["comment"] = [f"意见建议过长（最多{COMMENT_MAX}字，当前{len(comment)}字）。"]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                application=application, rating=rating, comment=comment, on=steps.today()
            )
    except IntegrityError:  # the same case rated at the same moment in another request
        raise ValidationError(ALREADY) from None
    events.add(
        application,
        EventKind.EVALUATED,
        actor=actor,
        on=evaluation.on,
        summary=f"申请人评价：{evaluation.get_rating_display()}",
        public=True,
    )
    return evaluation
