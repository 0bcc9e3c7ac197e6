"""Art. 35: unreasonably many or frequent applications — reasons asked, then 不予处理 or a longer period whose
ceiling is a setting and which combines with an Art. 33 extension only as far as the settings allow."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from gongkai.foi import letters, services
from gongkai.foi.models import EventKind, LetterKind

pytestmark = pytest.mark.django_db


def _asked(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 3, 4))
    services.application_reasons_request(
        actor=office.clerk, application=application, requested_on=date(2026, 3, 4),
        asked="本月已提出同类申请四十余件，请说明用途。", due_on=date(2026, 3, 11),
    )  # fmt: skip
    return application


def test_a_longer_period_needs_the_reasons_first(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 3, 4))
    with pytest.raises(ValidationError) as exc:
        services.application_set_longer_period(
            actor=office.clerk,
            application=application,
            days=40,
            reason="数量大",
            notified_on=date(2026, 3, 4),
        )
    assert "说明理由" in str(exc.value)
    application = _asked(register_case, office, freeze)
    letter = letters.text_of(application.letters.get(kind=LetterKind.REASONS).file.read())
    assert "第三十五条" in letter and "2026年3月11日前" in letter and "四十余件" in letter
    freeze(date(2026, 3, 6))
    services.application_reasons_receive(
        actor=office.clerk, application=application, received_on=date(2026, 3, 6), text="用于学术研究"
    )
    services.application_set_longer_period(
        actor=office.clerk,
        application=application,
        days=40,
        reason="需分批检索",
        notified_on=date(2026, 3, 6),
    )
    application.refresh_from_db()
    assert application.longer_period_days == 40
    kinds = list(application.events.values_list("kind", flat=True))
    assert kinds.index(EventKind.REASONS_REQUESTED) < kinds.index(EventKind.REASONS_RECEIVED)
    assert kinds.index(EventKind.REASONS_RECEIVED) < kinds.index(EventKind.LONGER_PERIOD)


def test_the_ceiling_of_the_longer_period_is_a_setting(register_case, office, freeze, settings):
    settings.GONGKAI_FOI_LONGER_PERIOD_MAX_WORKDAYS = 60
    application = _asked(register_case, office, freeze)
    services.application_reasons_receive(
        actor=office.clerk, application=application, received_on=date(2026, 3, 4), text="用于学术研究"
    )
    with pytest.raises(ValidationError) as exc:
        services.application_set_longer_period(
            actor=office.clerk,
            application=application,
            days=61,
            reason="数量大",
            notified_on=date(2026, 3, 4),
        )
    assert "21-60个工作日" in exc.value.message_dict["days"][0]
    services.application_set_longer_period(
        actor=office.clerk, application=application, days=60, reason="数量大", notified_on=date(2026, 3, 4)
    )


def test_no_extension_on_top_of_a_longer_period_unless_the_settings_allow(
    register_case, office, freeze, settings
):
    application = _asked(register_case, office, freeze)
    services.application_reasons_receive(
        actor=office.clerk, application=application, received_on=date(2026, 3, 4), text="用于学术研究"
    )
    services.application_set_longer_period(
        actor=office.clerk, application=application, days=40, reason="数量大", notified_on=date(2026, 3, 4)
    )
    with pytest.raises(ValidationError) as exc:
        services.application_extension_request(
            actor=office.clerk, application=application, days=5, reason="再延"
        )
    assert "不能再依照第三十三条延期" in exc.value.message_dict["days"][0]
    settings.GONGKAI_FOI_LONGER_PERIOD_EXTENSION_WORKDAYS = 10
    with pytest.raises(ValidationError):
        services.application_extension_request(
            actor=office.clerk, application=application, days=11, reason="再延"
        )
    services.application_extension_request(
        actor=office.clerk, application=application, days=10, reason="再延"
    )


def test_an_extension_first_then_no_longer_period_by_default(register_case, office, freeze):
    application = _asked(register_case, office, freeze)
    services.application_extension_request(
        actor=office.clerk, application=application, days=20, reason="档案多"
    )
    services.application_extend(actor=office.head, application=application, approved_on=date(2026, 3, 4))
    services.application_reasons_receive(
        actor=office.clerk, application=application, received_on=date(2026, 3, 4), text="用于学术研究"
    )
    with pytest.raises(ValidationError) as exc:
        services.application_set_longer_period(
            actor=office.clerk,
            application=application,
            days=40,
            reason="数量大",
            notified_on=date(2026, 3, 4),
        )
    assert "二者不能同时适用" in str(exc.value)


def test_not_handled_as_excessive_only_after_asking_for_reasons(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    with pytest.raises(ValidationError) as exc:
        services.application_answer_save_draft(
            actor=office.clerk, application=application, outcome="not_handled.excessive", facts="无正当理由。"
        )
    assert "第三十五条" in exc.value.message_dict["outcome"][0]
    application = _asked(register_case, office, freeze)
    with pytest.raises(ValidationError):  # the applicant still has until 03-11
        services.application_answer_save_draft(
            actor=office.clerk, application=application, outcome="not_handled.excessive", facts="无正当理由。"
        )
    freeze(date(2026, 3, 12))
    services.application_answer_save_draft(
        actor=office.clerk, application=application, outcome="not_handled.excessive", facts="逾期未说明理由。"
    )
