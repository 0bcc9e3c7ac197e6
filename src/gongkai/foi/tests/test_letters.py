"""Answer letters: one template per outcome naming its article, the remedy clause, and LibreOffice opens them."""

import shutil
import subprocess
from datetime import date

import pytest

from gongkai.core.actors import System
from gongkai.foi import letters, services
from gongkai.foi.letters import OUTCOME_TEMPLATES, template_for
from gongkai.foi.models import LetterKind, Outcome

pytestmark = pytest.mark.django_db


def test_there_is_one_template_per_outcome_code():
    assert set(OUTCOME_TEMPLATES) == set(Outcome.values)
    for code, template in OUTCOME_TEMPLATES.items():
        assert template.article.startswith("第"), code
        assert template.article.split("、")[0].split("第（")[0] in template.text.format(regs="《条例》"), code
    assert template_for("granted", already_disclosed=True).article == "第三十六条第（一）项"


def _answered(register_case, office, freeze, outcome, **extra):
    application = register_case(date(2026, 9, 18), **extra)
    if outcome == "unavailable.unclear_after_correction":
        services.application_request_correction(
            actor=office.clerk, application=application, requested_on=date(2026, 9, 18), items="请明确"
        )
        services.application_receive_correction(
            actor=office.clerk, application=application, received_on=date(2026, 9, 18)
        )
    if outcome == "not_handled.excessive":  # Art. 35: the reasons asked for and judged unreasonable
        services.application_reasons_request(
            actor=office.clerk, application=application, requested_on=date(2026, 9, 18), asked="请说明理由",
            due_on=date(2026, 9, 25),
        )  # fmt: skip
        services.application_reasons_receive(
            actor=office.clerk, application=application, received_on=date(2026, 9, 18), text="没有理由"
        )
    if outcome == "refused.third_party":  # resting on the third party's recorded answer (Art. 15, 32)
        consultation = services.application_consult_start(
            actor=office.clerk, application=application, kind="third_party", party="某某公司",
            started_on=date(2026, 9, 18),
        )  # fmt: skip
        services.application_consult_end(
            actor=office.clerk, consultation=consultation, ended_on=date(2026, 9, 18), opinion="disagree"
        )
    services.application_answer_save_draft(
        actor=office.clerk,
        application=application,
        outcome=outcome,
        facts="具体理由如下。",
        catalog_refs="索引号 000014349/2026-00001",
        # A partial disclosure needs a redacted file or a written reason (test_redaction_delivery.py).
        partial_reason="涉及个人隐私的部分已删除后以纸质件提供。" if outcome == "partial" else "",
    )
    services.application_answer_submit(actor=office.clerk, application=application)
    freeze(date(2026, 10, 9))
    services.application_answer(actor=office.head, application=application)
    return application


@pytest.mark.parametrize(
    "outcome", [o for o in Outcome.values if o not in ("other.no_correction", "other.no_payment")]
)
def test_every_answer_letter_names_its_article_and_the_remedies(register_case, office, freeze, outcome):
    application = _answered(register_case, office, freeze, outcome)
    text = letters.text_of(application.letters.get(kind=LetterKind.ANSWER).file.read())
    assert OUTCOME_TEMPLATES[outcome].article.split("、")[0] in text
    assert "60日内向甲市人民政府申请行政复议" in text and "6个月内" in text
    assert "甲市生态环境局" in text and "2026年10月9日" in text
    assert "你（单位）" not in text and "本机关于2026年9月18日收到你以" in text


def test_legal_persons_are_addressed_as_your_organisation(register_case, office, freeze, tree):
    application = _answered(
        register_case, office, freeze, "granted", applicant_type="commercial", applicant_name="某某科技有限公司",
        credit_code=tree.finance.credit_code, legal_representative="李四", contact_person="王五",
    )  # fmt: skip
    text = letters.text_of(application.letters.get(kind=LetterKind.ANSWER).file.read())
    assert "某某科技有限公司：" in text and "你单位" in text


@pytest.mark.skipif(
    not shutil.which("soffice") or not shutil.which("pdftotext"), reason="LibreOffice not installed"
)
def test_libreoffice_opens_the_answer_letter(register_case, office, freeze, tmp_path):
    application = _answered(register_case, office, freeze, "refused.third_party")
    source = tmp_path / "answer.docx"
    source.write_bytes(application.letters.get(kind=LetterKind.ANSWER).file.read())
    subprocess.run(  # noqa: S603 - fixed arguments, a file we wrote
        [shutil.which("soffice"), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    text = subprocess.run(  # noqa: S603
        [shutil.which("pdftotext"), str(tmp_path / "answer.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    compact = "".join(text.split())
    assert "政府信息公开申请答复告知书" in compact
    assert "第十五条" in compact and "行政复议" in compact


def test_correction_notice_has_a_number_from_the_same_sequence(register_case, office, freeze):
    application = register_case(date(2026, 9, 18))
    services.application_request_correction(
        actor=office.clerk, application=application, requested_on=date(2026, 9, 18), items="请写明年度"
    )
    correction = application.letters.get(kind=LetterKind.CORRECTION)
    assert correction.letter_no.endswith("〔2026〕1号")
    assert correction.letter_no in letters.text_of(correction.file.read())
    answered = _answered(register_case, office, freeze, "granted")
    answer = answered.letters.get(kind=LetterKind.ANSWER)
    assert answer.letter_no == correction.letter_no.replace("〔2026〕1号", "〔2026〕2号")


@pytest.mark.skipif(
    not shutil.which("soffice") or not shutil.which("pdftotext"), reason="LibreOffice not installed"
)
def test_letter_ending_never_falls_alone_on_a_page_in_libreoffice(
    register_case, office, freeze, tmp_path, tree
):
    """LibreOffice substitutes the official fonts (仿宋_GB2312…) with wider ones: the last paragraph, the
    signature, the date and the contact line must still share a page, short letter or long."""
    from gongkai.orgs import services as org_services

    org_services.guide_publish(
        actor=System("测试"), org=tree.eco, classification="按主题分类", how_to_obtain="在线查阅", office_name="公开办",
        address="中央大街1号", office_hours="工作日", phone="024-57000000",
    )  # fmt: skip
    sources = []
    # Body lengths a line apart (about 28 characters) across a page break and beyond.
    for n, facts in enumerate("该信息已经整理完毕，" * k + "现提供给你。" for k in range(0, 48, 3)):
        application = register_case(date(2026, 9, 18))
        services.application_answer_save_draft(
            actor=office.clerk, application=application, outcome="granted", facts=facts, catalog_refs=""
        )
        services.application_answer_submit(actor=office.clerk, application=application)
        freeze(date(2026, 10, 9))
        services.application_answer(actor=office.head, application=application)
        source = tmp_path / f"letter{n}.docx"
        source.write_bytes(application.letters.get(kind=LetterKind.ANSWER).file.read())
        sources.append(source)
    subprocess.run(  # noqa: S603 - fixed arguments, files we wrote
        [shutil.which("soffice"), "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *map(str, sources)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    for source in sources:
        pdf = source.with_suffix(".pdf")
        pages = []
        n = 1
        while True:
            run = subprocess.run(  # noqa: S603
                [shutil.which("pdftotext"), "-f", str(n), "-l", str(n), str(pdf), "-"],
                capture_output=True,
                text=True,
            )
            if run.returncode != 0 or n > 10:
                break
            pages.append("".join(run.stdout.split()))
            n += 1
        last = pages[-1]
        assert "联系电话" in last and "甲市生态环境局" in last and "2026年10月9日" in last, pages
        assert "行政诉讼" in last, pages  # with the last paragraph of the body
