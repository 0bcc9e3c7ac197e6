"""Applications coming in: validation in Chinese, idempotent submission, Art. 31 dates, hostile uploads."""

import io
import uuid
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.foi import services
from gongkai.foi.identity import resident_id_check_char, validate_resident_id
from gongkai.foi.models import Application, ApplicationFile, Event, Status
from gongkai.foi.tests.conftest import VALID_ID, WRONG_CHECK_ID, applicant_data

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_resident_id_check_digit_iso_7064():
    assert resident_id_check_char(VALID_ID[:17]) == "X"
    assert validate_resident_id(VALID_ID.lower()) == VALID_ID
    with pytest.raises(ValidationError, match="校验位错误"):
        validate_resident_id(WRONG_CHECK_ID)
    with pytest.raises(ValidationError, match="应为18位"):
        validate_resident_id("1101051949123100")
    with pytest.raises(ValidationError, match="出生日期"):
        validate_resident_id("110105194913310025")


def test_a_malformed_identity_number_is_refused_with_a_chinese_message(tree):
    with pytest.raises(ValidationError) as exc:
        services.application_submit(org=tree.eco, data=applicant_data(id_number=WRONG_CHECK_ID))
    assert exc.value.message_dict["id_number"] == ["居民身份证号码校验位错误，请核对后重新填写。"]
    assert Application.objects.count() == 0


def test_a_double_submission_creates_one_application(tree):
    token = uuid.uuid4()
    first = services.application_submit(org=tree.eco, data=applicant_data(), submission_token=token)
    second = services.application_submit(org=tree.eco, data=applicant_data(), submission_token=token)
    assert first.created and not second.created
    assert first.application.pk == second.application.pk
    assert first.query_code == second.query_code
    assert Application.objects.count() == 1
    assert Event.objects.count() == 1


def test_the_same_application_again_within_minutes_is_refused(tree):
    services.application_submit(org=tree.eco, data=applicant_data(), submission_token=uuid.uuid4())
    with pytest.raises(ValidationError, match="请勿重复提交"):
        services.application_submit(org=tree.eco, data=applicant_data(), submission_token=uuid.uuid4())


def test_legal_person_needs_a_valid_credit_code_and_representative(tree):
    data = applicant_data(
        applicant_type="commercial", applicant_name="某某科技有限公司", credit_code="91210400ABCDEFGH12"
    )
    with pytest.raises(ValidationError) as exc:
        services.application_submit(org=tree.eco, data=data)
    errors = exc.value.message_dict
    assert "credit_code" in errors and "legal_representative" in errors and "contact_person" in errors
    good = applicant_data(
        applicant_type="legal_services", applicant_name="某律师事务所", credit_code=tree.finance.credit_code,
        legal_representative="李四", contact_person="王五",
    )  # fmt: skip
    submission = services.application_submit(org=tree.eco, data=good)
    assert (
        submission.application.id_number == "" and submission.application.applicant_type == "legal_services"
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("info_title", "", "请填写所需政府信息的名称"),
        ("info_title", "很" * 301, "过长"),
        ("info_description", "长" * 5001, "过长"),
        ("phone", "abc", "联系电话格式不正确"),
        ("email", "not-an-email", "电子邮箱格式不正确"),
        ("delivery_method", "carrier-pigeon", "请选择获取信息的方式"),
        ("applicant_type", "alien", "请选择申请人类型"),
        ("postcode", "12", "邮政编码应为6位数字"),
    ],
)
def test_bad_input_gets_a_chinese_message_per_field(tree, field, value, message):
    with pytest.raises(ValidationError) as exc:
        services.application_submit(org=tree.eco, data=applicant_data(**{field: value}))
    assert message in " ".join(exc.value.message_dict[field])
    assert Application.objects.count() == 0


def test_only_governments_and_departments_receive_applications(tree):
    from gongkai.orgs.models import Kind
    from gongkai.testing.factories import make_org

    institute = make_org(tree.city, name="甲市某事业单位", kind=Kind.OTHER)
    with pytest.raises(ValidationError) as exc:
        services.application_submit(org=institute, data=applicant_data())
    assert "org" in exc.value.message_dict


def test_identity_proof_type_is_checked_by_content_and_size(tree, settings):
    fake = SimpleUploadedFile("身份证.jpg", b"MZ\x90\x00 this is an executable", content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        services.application_submit(org=tree.eco, data=applicant_data(), attachments=[fake])
    assert "身份证.jpg”：检测到可执行程序" in " ".join(exc.value.message_dict["attachments"])
    # Refused as everywhere (core.files): a ZIP climbing out of its folder; and a real type not allowed here.
    hostile = io.BytesIO()
    with zipfile.ZipFile(hostile, "w") as archive:
        archive.writestr("../../etc/passwd", "x")
    for upload, message in (
        (SimpleUploadedFile("证件.pdf", hostile.getvalue()), "越出目录"),
        (SimpleUploadedFile("证件.gif", b"GIF89a" + b"\x00" * 64), "实际内容不是允许的格式"),
    ):
        with pytest.raises(ValidationError) as exc:
            services.application_submit(org=tree.eco, data=applicant_data(), attachments=[upload])
        assert message in " ".join(exc.value.message_dict["attachments"])
    settings.GONGKAI_FOI_IDENTITY_UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (1024 * 1024 + 1), content_type="image/png")
    with pytest.raises(ValidationError, match="过大"):
        services.application_submit(org=tree.eco, data=applicant_data(), attachments=[big])
    assert Application.objects.count() == 0 and ApplicationFile.objects.count() == 0

    good = [SimpleUploadedFile("../../etc/证件.png", PNG), SimpleUploadedFile("scan.jpg", PDF)]
    submission = services.application_submit(org=tree.eco, data=applicant_data(), attachments=good)
    names = sorted(submission.application.files.values_list("name", "content_type"))
    assert names == [("scan.pdf", "application/pdf"), ("证件.png", "image/png")]
    for record in submission.application.files.all():
        assert ".." not in record.file.name and "证件" not in record.file.name and not record.public


def test_online_application_waits_for_confirmation_of_receipt(tree, office, freeze):
    freeze(date(2026, 9, 18))
    application = services.application_submit(org=tree.eco, data=applicant_data()).application
    assert (
        application.status == Status.SUBMITTED
        and application.received_on is None
        and application.due_on is None
    )
    freeze(date(2026, 9, 21))
    with pytest.raises(ValidationError):  # not in the future
        services.application_confirm_receipt(
            actor=office.clerk, application=application, received_on=date(2026, 9, 22)
        )
    services.application_confirm_receipt(
        actor=office.clerk, application=application, received_on=date(2026, 9, 21)
    )
    application.refresh_from_db()
    assert application.status == Status.RECEIVED and application.due_on == date(2026, 10, 26)


def test_staff_registration_applies_article_31_dates(tree, office, freeze):
    freeze(date(2026, 9, 25))
    with pytest.raises(ValidationError) as exc:
        services.application_register(
            actor=office.clerk,
            org=tree.eco,
            channel="ordinary_mail",
            received_on=date(2026, 9, 21),
            data=applicant_data(),
        )
    assert "arrived_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.application_register(
            actor=office.clerk, org=tree.eco, channel="ordinary_mail", received_on=date(2026, 9, 21),
            arrived_on=date(2026, 9, 22), data=applicant_data(),
        )  # fmt: skip
    assert "received_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.application_register(
            actor=office.clerk,
            org=tree.eco,
            channel="fax",
            received_on=date(2018, 1, 1),
            data=applicant_data(),
        )
    assert "不能早于2019-05-15" in exc.value.message_dict["received_on"][0]
    submission = services.application_register(
        actor=office.clerk, org=tree.eco, channel="ordinary_mail", received_on=date(2026, 9, 23),
        arrived_on=date(2026, 9, 21), data=applicant_data(),
    )  # fmt: skip
    assert submission.application.received_on == date(2026, 9, 23)
    assert "与申请人确认之日" in submission.application.events.get().summary
    assert len(submission.query_code) == 10


def test_staff_of_another_organisation_cannot_register_for_it(tree, office, freeze):
    from django.core.exceptions import PermissionDenied

    freeze(date(2026, 9, 25))
    with pytest.raises(PermissionDenied):
        services.application_register(
            actor=office.finance,
            org=tree.eco,
            channel="fax",
            received_on=date(2026, 9, 21),
            data=applicant_data(),
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_double_submission_creates_one_application(tree):
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…): two requests really at once")
    token = uuid.uuid4()
    barrier = threading.Barrier(8)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=30)
            results.append(
                services.application_submit(org=tree.eco, data=applicant_data(), submission_token=token)
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert Application.objects.count() == 1
    assert len({r.application.pk for r in results}) == 1
    assert len({r.query_code for r in results}) == 1
    assert sum(r.created for r in results) == 1
