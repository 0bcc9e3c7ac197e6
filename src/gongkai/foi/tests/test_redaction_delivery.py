"""Partial disclosure (Art. 37): staff redact a delivered PDF with reasons, the platform burns it in and
checks it, only the redacted copy reaches the applicant, the letter lists the reasons, and （二）部分公开
needs a redacted file or a written reason."""

from __future__ import annotations

from datetime import date

import pymupdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.core.models import AuditEvent
from gongkai.documents import redact, samples
from gongkai.documents.models import Extraction
from gongkai.foi import letters, services
from gongkai.foi.models import FileKind, LetterKind, RedactionReason, RedactionStatus

SECRET_ID = "11010519491231002X"
NAME = "欧阳明远"
ON = date(2026, 9, 18)


@pytest.fixture
def files_root(settings, tmp_path):
    settings.GONGKAI_FOI_FILES_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path


def _pdf(name_twice: bool = False) -> bytes:
    extra = f"\n联系人：{NAME}" if name_twice else ""
    return samples.text_pdf(
        [f"信访人{NAME}，身份证号码{SECRET_ID}。\n本机关2026年度预算执行情况良好。{extra}", "第二页：附表"],
        fontsize=14,
    )


@pytest.fixture
def case(register_case, office, files_root, django_capture_on_commit_callbacks):
    application = register_case(ON)
    with django_capture_on_commit_callbacks(execute=True):
        original = services.application_add_file(
            actor=office.clerk, application=application, upload=SimpleUploadedFile("名单.pdf", _pdf())
        )
    return application, original


def _redacted(office, application, original, capture, *, reason=RedactionReason.PRIVACY):
    redaction = services.redaction_start(actor=office.clerk, record=original)
    hits = services.redaction_find(
        actor=office.clerk, redaction=redaction, terms=NAME, patterns=["id_number"]
    )
    assert sorted(h.text for h in hits) == sorted([NAME, SECRET_ID])
    services.redaction_add_hits(
        actor=office.clerk, redaction=redaction, terms=NAME, patterns=["id_number"],
        selected=[h.index for h in hits], reason=reason,
    )  # fmt: skip
    with capture(execute=True):
        services.redaction_produce(actor=office.clerk, redaction=redaction)
    redaction.refresh_from_db()
    return redaction


def _answer(office, application, freeze, outcome="partial", **extra):
    services.application_answer_save_draft(
        actor=office.clerk,
        application=application,
        outcome=outcome,
        facts="经审查，部分内容涉及个人隐私。",
        **extra,
    )
    services.application_answer_submit(actor=office.clerk, application=application)
    freeze(date(2026, 10, 9))
    return services.application_answer(actor=office.head, application=application)


def test_delivered_files_are_read_for_text(case):
    _application, original = case
    extraction = Extraction.objects.get(source_type="foi.applicationfile", source_id=original.pk)
    assert extraction.status == "done" and NAME in extraction.text


def test_redaction_burns_in_checks_and_keeps_the_log(case, office, django_capture_on_commit_callbacks):
    application, original = case
    redaction = _redacted(office, application, original, django_capture_on_commit_callbacks)
    assert redaction.status == RedactionStatus.DONE, redaction.error
    output = redaction.output
    assert output.redacted_from == original and output.kind == FileKind.DELIVERED
    assert output.name == "名单（区分处理）.pdf"
    assert redact.leaks(output.file.path, [SECRET_ID, NAME]) == []
    assert {"pdftotext", "extractor", "bytes"} <= set(redaction.report["checked"])
    assert pymupdf.open(output.file.path).page_count == 2
    # the log: who, when, page, region, reason
    marks = list(redaction.marks.all())
    assert {(m.page, m.reason, m.created_by_id) for m in marks} == {
        (1, RedactionReason.PRIVACY, office.clerk.pk)
    }
    assert all(m.x1 > m.x0 and m.y1 > m.y0 and m.created_at for m in marks)
    actions = set(AuditEvent.objects.for_object(application).values_list("action", flat=True))
    assert {
        "application.redaction_start",
        "application.redaction_mark",
        "application.redaction_produce",
    } <= actions
    # marks are frozen once the copy exists
    with pytest.raises(ValidationError, match="不能再修改"):
        services.redaction_remove_mark(actor=office.clerk, mark=marks[0])


def test_a_region_marked_by_hand(case, office, django_capture_on_commit_callbacks):
    _application, original = case
    redaction = services.redaction_start(actor=office.clerk, record=original)
    # the whole first line of page 1, in percent of the page
    mark = services.redaction_add_region(
        actor=office.clerk, redaction=redaction, page=1, left=5, top=6, right=95, bottom=8.8,
        reason=RedactionReason.PRIVACY,
    )  # fmt: skip
    assert NAME in mark.text and SECRET_ID in mark.text
    with pytest.raises(ValidationError) as bad:
        services.redaction_add_region(
            actor=office.clerk, redaction=redaction, page=3, left=50, top=5, right=40, bottom=9,
            reason="nonsense",
        )  # fmt: skip
    assert "reason" in bad.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        services.redaction_produce(actor=office.clerk, redaction=redaction)
    redaction.refresh_from_db()
    assert redaction.status == RedactionStatus.DONE
    text = "".join(redact.texts_of(redaction.output.file.path)["extractor"].split())
    assert NAME not in text and "预算执行情况良好" in text


def test_a_redaction_that_leaves_a_marked_string_readable_is_refused(
    register_case, office, files_root, django_capture_on_commit_callbacks
):
    """The name occurs twice; only the first is marked: the check finds the second and nothing is stored."""
    application = register_case(ON)
    original = services.application_add_file(
        actor=office.clerk, application=application, upload=SimpleUploadedFile("a.pdf", _pdf(name_twice=True))
    )
    redaction = services.redaction_start(actor=office.clerk, record=original)
    hits = services.redaction_find(actor=office.clerk, redaction=redaction, terms=NAME, patterns=[])
    assert len(hits) == 2
    services.redaction_add_hits(
        actor=office.clerk, redaction=redaction, terms=NAME, patterns=[], selected=[hits[0].index],
        reason=RedactionReason.PRIVACY,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.redaction_produce(actor=office.clerk, redaction=redaction)
    redaction.refresh_from_db()
    assert redaction.status == RedactionStatus.FAILED
    assert "检查未通过" in redaction.error
    assert redaction.output is None
    assert not application.files.filter(redacted_from__isnull=False).exists()


def test_partial_disclosure_needs_a_redacted_file_or_a_reason(case, office, freeze):
    application, _original = case
    services.application_answer_save_draft(
        actor=office.clerk, application=application, outcome="partial", facts="部分公开。"
    )
    with pytest.raises(ValidationError) as refused:
        services.application_answer_submit(actor=office.clerk, application=application)
    assert "partial_reason" in refused.value.message_dict
    services.application_answer_save_draft(
        actor=office.clerk, application=application, outcome="partial", facts="部分公开。",
        partial_reason="名单中的身份证号码属于个人隐私，已删除后以纸质件提供。",
    )  # fmt: skip
    services.application_answer_submit(actor=office.clerk, application=application)


def test_only_the_redacted_copy_is_delivered_and_the_letter_lists_the_reasons(
    case, office, freeze, client, django_capture_on_commit_callbacks
):
    application, original = case
    redaction = _redacted(office, application, original, django_capture_on_commit_callbacks)
    _answer(office, application, freeze)  # no written reason needed: there is a redacted file
    original.refresh_from_db()
    copy = redaction.output
    copy.refresh_from_db()
    assert copy.public and not original.public
    # an unredacted file added after the answer is not delivered either
    late = services.application_add_file(
        actor=office.clerk, application=application, upload=SimpleUploadedFile("补充.pdf", _pdf())
    )
    assert not late.public
    # the query-code page
    session = client.session
    session["foi_case"] = {"pk": application.pk, "tracking_no": application.tracking_no}
    session.save()
    page = client.get(reverse("portal:foi_case", args=[application.tracking_no])).content.decode()
    assert copy.name in page and "名单.pdf" not in page.replace(copy.name, "")
    assert (
        client.get(reverse("portal:foi_case_file", args=[application.tracking_no, copy.pk])).status_code
        == 200
    )
    for hidden in (original, late):
        assert (
            client.get(reverse("portal:foi_case_file", args=[application.tracking_no, hidden.pk])).status_code
            == 404
        )
    letter = letters.text_of(application.letters.get(kind=LetterKind.ANSWER).file.read())
    assert "第三十七条" in letter and "涉及个人隐私（第十五条）（第1页）" in letter
    assert copy.name in letter and "名单.pdf" not in letter.replace(copy.name, "")


def test_a_granted_answer_never_delivers_an_original_that_was_redacted(
    case, office, freeze, django_capture_on_commit_callbacks
):
    application, original = case
    redaction = _redacted(office, application, original, django_capture_on_commit_callbacks)
    _answer(office, application, freeze, outcome="granted")
    original.refresh_from_db()
    redaction.output.refresh_from_db()
    assert redaction.output.public and not original.public


def test_only_the_handling_office_redacts(case, office, client, people):
    application, original = case
    with pytest.raises(PermissionDenied):
        services.redaction_start(actor=office.finance, record=original)
    redaction = services.redaction_start(actor=office.clerk, record=original)
    page = reverse("backoffice:foi_redaction", args=[application.tracking_no, redaction.pk])
    image = reverse("backoffice:foi_redaction_page", args=[application.tracking_no, redaction.pk, 1])
    client.force_login(people.city_supervisor)  # may see the case, masked: not the original's pages
    assert client.get(page).status_code == 404
    assert client.get(image).status_code == 404
    original_url = reverse("backoffice:foi_file", args=[application.tracking_no, original.pk])
    assert client.get(original_url).status_code == 404
    client.force_login(office.clerk)
    response = client.get(page)
    assert response.status_code == 200
    assert "名单.pdf" in response.content.decode()
    picture = client.get(image)
    assert picture["Content-Type"] == "image/png" and "no-store" in picture["Cache-Control"]


def test_back_office_workflow_without_javascript(case, office, client, django_capture_on_commit_callbacks):
    application, original = case
    client.force_login(office.clerk)
    case_page = client.get(reverse("backoffice:foi_case", args=[application.tracking_no])).content.decode()
    assert "区分处理（遮盖）" in case_page and "文字已读取" in case_page
    response = client.post(
        reverse("backoffice:foi_redaction_start", args=[application.tracking_no, original.pk])
    )
    url = response["Location"]
    redaction = application.redactions.get()
    preview = client.get(url, {"terms": NAME, "patterns": ["id_number"]}).content.decode()
    assert "命中 2 处" in preview and f"<mark>{SECRET_ID}</mark>" in preview
    hits_url = reverse("backoffice:foi_redaction_hits", args=[application.tracking_no, redaction.pk])
    refused = client.post(
        hits_url, {"terms": NAME, "patterns": ["id_number"], "hit": ["0", "1"]}, follow=True
    )
    assert "请选择不予公开的理由" in refused.content.decode()
    client.post(
        hits_url, {"terms": NAME, "patterns": ["id_number"], "hit": ["0", "1"], "reason": "a15.privacy"}
    )
    region_url = reverse("backoffice:foi_redaction_region", args=[application.tracking_no, redaction.pk])
    bad = client.post(
        region_url, {"page": 1, "left": 80, "top": 10, "right": 20, "bottom": 20, "reason": "a15.privacy"}
    )
    assert bad.status_code == 400 and "区域过小" in bad.content.decode()
    page = client.get(url).content.decode()
    assert page.count('class="redaction-mark"') == 2 and "涉及个人隐私（第十五条）" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("backoffice:foi_redaction_produce", args=[application.tracking_no, redaction.pk]))
    done = client.get(url).content.decode()
    assert "名单（区分处理）.pdf" in done and "均未发现被遮盖的内容" in done
