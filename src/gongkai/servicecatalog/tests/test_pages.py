"""The back office and the portal: who sees what, the warning before publishing, the printable guide, the blank
form download, search and browsing, the standard catalog with tagging and coverage."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog.models import Item
from gongkai.servicecatalog import selectors, services
from gongkai.servicecatalog.models import Domain, GuideVersion
from gongkai.servicecatalog.tests.conftest import make_item
from gongkai.testing.factories import TEST_JOB

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _published(tree, people, **kw) -> GuideVersion:
    version = make_item(people.eco_editor, tree.eco, **kw)
    services.guide_submit(actor=people.eco_editor, version=version, confirm_incomplete=True)
    services.guide_review(actor=people.eco_reviewer, version=version, conclusion="approve", basis="同意",
                          confirm_incomplete=True)  # fmt: skip
    return version


def test_submitting_an_incomplete_guide_shows_the_warning_then_goes_through_when_confirmed(
    client, tree, people
):
    version = make_item(people.eco_editor, tree.eco, materials=False)
    client.force_login(people.eco_editor)
    page = client.get(reverse("backoffice:servicecatalog_detail", args=[version.pk]))
    assert "该指南缺少重点要素：办理材料" in page.content.decode()
    url = reverse("backoffice:servicecatalog_action", args=[version.pk, "submit"])
    refused = client.post(url, {})
    assert refused.status_code == 400 and "缺少重点要素：办理材料" in refused.content.decode()
    assert client.post(url, {"confirm_incomplete": "on"}).status_code == 302
    version.refresh_from_db()
    assert version.status == "submitted"


def test_the_list_is_limited_to_reach_and_the_supervisor_sees_incomplete_guides(
    client, tree, people, django_assert_max_num_queries
):
    _published(tree, people, materials=False)
    client.force_login(people.finance_editor)
    assert "建设项目环评审批001" not in client.get(reverse("backoffice:servicecatalog_list")).content.decode()
    client.force_login(people.city_supervisor)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("backoffice:servicecatalog_incomplete")).content.decode()
    assert "建设项目环评审批001" in page and "办理材料" in page
    client.force_login(people.other_editor)
    assert (
        "建设项目环评审批001"
        not in client.get(reverse("backoffice:servicecatalog_incomplete")).content.decode()
    )
    version = GuideVersion.objects.get()
    assert client.get(reverse("backoffice:servicecatalog_detail", args=[version.pk])).status_code == 404


def test_the_public_guide_follows_the_national_chapters_and_offers_the_blank_form(client, tree, people):
    version = make_item(people.eco_editor, tree.eco, materials=False)
    services.material_add(
        actor=people.eco_editor, version=version, data={"name": "申请表", "originals": 1},
        blank_form=SimpleUploadedFile("申请表.pdf", PDF, content_type="application/pdf"),
    )  # fmt: skip
    with pytest.raises(Exception, match=r"不允许|不符"):
        services.material_add(
            actor=people.eco_editor, version=version, data={"name": "样表"},
            sample=SimpleUploadedFile("样表.exe", b"MZ\x90\x00", content_type="application/pdf"),
        )  # fmt: skip
    code = version.item.handling_code
    assert client.get(reverse("portal:service_guide", args=[code])).status_code == 404  # not yet public
    services.guide_submit(actor=people.eco_editor, version=version)
    services.guide_review(actor=people.eco_reviewer, version=version, conclusion="approve", basis="同意")
    text = client.get(reverse("portal:service_guide", args=[code])).content.decode()
    chapters = [
        "一、适用范围",
        "四、设定依据",
        "八、申请条件",
        "九、申请材料",
        "十三、办结时限",
        "二十、办公地址和时间",
    ]
    positions = [text.index(c) for c in chapters]
    assert positions == sorted(positions)
    assert "20个工作日" in text.replace(" ", "") or "20工作日" in text
    material = version.materials.get()
    download = client.get(reverse("portal:service_material_file", args=[code, material.pk, "blank"]))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert (
        client.get(reverse("portal:service_material_file", args=[code, material.pk, "sample"])).status_code
        == 404
    )


def test_search_and_browse_by_theme_organisation_and_level(client, tree, people):
    _published(tree, people)
    listing = client.get(reverse("portal:service_list"), {"q": "环评", "theme": "legal", "level": "3"})
    assert "建设项目环评审批001" in listing.content.decode()
    natural = client.get(reverse("portal:service_list"), {"theme": "natural"})
    assert "建设项目环评审批001" not in natural.content.decode()
    assert client.get(reverse("portal:service_list"), {"org": "abc"}).status_code == 400


def test_standard_catalog_tagging_coverage_and_publication(client, tree, people, freeze):
    from gongkai.catalog.models import Genre, Topic

    freeze(date(2026, 3, 20))
    catalog = services.standard_catalog_create(
        actor=TEST_JOB, org=tree.county, domain=Domain.objects.get(name="财政预决算"), year=2026
    )
    entry = services.entry_create(actor=TEST_JOB, catalog=catalog, data={
        "code": "0101", "level1": "财政预决算", "level2": "政府预算", "content": "政府预算及说明",
        "basis": "《中华人民共和国预算法》第十四条", "trigger": "formed", "limit": 20, "limit_unit": "workday",
        "limit_text": "批准后20日内", "subject": "县财政局", "channels": ["政府网站", "其他"], "channels_other": "财政公开平台",
        "level_county": True,
    })  # fmt: skip
    item = Item.objects.create(
        org=tree.county_dept, title="乙县2026年预算公开", written_on=date(2026, 2, 27), status="published",
        published_at=date(2026, 3, 2).isoformat() + "T09:00+08:00", index_no="X-2026-1", slug="x-2026-1",
        topic=Topic.objects.get(code="0203"), genre=Genre.objects.get(code="notice"),
    )  # fmt: skip
    client.force_login(people.county_editor)  # an editor of a department cannot tag the county's catalog
    refused = client.post(
        reverse("backoffice:servicecatalog_entry_tag", args=[entry.pk]), {"index_no": "X-2026-1"}
    )
    assert refused.status_code in (302, 403, 404) and not entry.links.exists()
    services.entry_tag(actor=TEST_JOB, entry=entry, item=item)
    assert selectors.coverage_by_org([tree.county])[tree.county.pk].covered == 1
    assert client.get(reverse("portal:standard_catalog", args=[catalog.pk])).status_code == 404
    services.standard_catalog_publish(actor=TEST_JOB, catalog=catalog)
    page = client.get(reverse("portal:standard_catalog", args=[catalog.pk])).content.decode()
    assert "乙县2026年预算公开" in page and "财政公开平台" in page
    from gongkai.orgs.models import Role
    from gongkai.testing.factories import staff

    client.force_login(staff(tree.county, Role.EDITOR, username="county_gov_editor"))
    link = entry.links.get()
    assert client.post(reverse("backoffice:servicecatalog_entry_untag", args=[link.pk])).status_code == 302
    assert selectors.coverage_by_org([tree.county])[tree.county.pk].covered == 0


def test_fees_questions_procedures_and_basis_documents_from_the_guide_page(client, tree, people):
    from gongkai.catalog.models import Genre, Topic

    version = make_item(people.eco_editor, tree.eco)
    law = Item.objects.create(
        org=tree.eco, title="甲市建设项目环境保护管理办法", written_on=date(2025, 3, 1), status="published",
        published_at="2025-03-03T09:00+08:00", index_no="E-2025-1", slug="e-2025-1",
        topic=Topic.objects.get(code="0203"), genre=Genre.objects.get(code="notice"),
    )  # fmt: skip
    client.force_login(people.eco_editor)
    assert client.post(reverse("backoffice:servicecatalog_fee_new", args=[version.pk]),
                       {"name": "排污许可证工本费", "standard": "免收"}).status_code == 302  # fmt: skip
    assert client.post(reverse("backoffice:servicecatalog_question_new", args=[version.pk]),
                       {"question": "能否网上申请？", "answer": "可以。"}).status_code == 302  # fmt: skip
    refused = client.post(reverse("backoffice:servicecatalog_procedure_new", args=[version.pk]),
                          {"kind": "1", "name": "专家评审", "limit": "10"})  # fmt: skip
    assert refused.status_code == 400 and "时限和单位" in refused.content.decode()
    assert client.post(reverse("backoffice:servicecatalog_procedure_new", args=[version.pk]),
                       {"kind": "1", "name": "专家评审", "limit": "10", "unit": "workday"}).status_code == 302  # fmt: skip
    url = reverse("backoffice:servicecatalog_action", args=[version.pk, "basis"])
    assert client.post(url, {"index_nos": "E-2025-1 NOPE"}).status_code == 400
    assert client.post(url, {"index_nos": "E-2025-1"}).status_code == 302
    page = client.get(reverse("backoffice:servicecatalog_detail", args=[version.pk])).content.decode()
    for text in ("排污许可证工本费", "能否网上申请", "专家评审", "甲市建设项目环境保护管理办法"):
        assert text in page
    version.refresh_from_db()
    assert version.charged and list(version.basis_items.all()) == [law]
    client.force_login(people.finance_editor)
    assert client.post(reverse("backoffice:servicecatalog_fee_new", args=[version.pk]),
                       {"name": "x", "standard": "y"}).status_code == 404  # fmt: skip


def test_an_item_serving_people_and_companies_is_in_both_themes_and_a_cancelled_date_removes_it(
    client, tree, people, freeze
):
    freeze(date(2026, 3, 2))
    _published(tree, people, service_objects=["自然人", "企业法人"], cancel_on="2026-06-30")
    for theme in ("natural", "legal"):
        assert (
            "建设项目环评审批001"
            in client.get(reverse("portal:service_list"), {"theme": theme}).content.decode()
        )
    freeze(date(2026, 6, 30))
    assert "建设项目环评审批001" not in client.get(reverse("portal:service_list")).content.decode()


def test_menu_and_dashboard_for_the_catalog_roles_only(client, tree, people, django_assert_max_num_queries):
    from gongkai.orgs.models import Role
    from gongkai.testing.factories import staff

    _published(tree, people, materials=False)
    client.force_login(people.eco_editor)
    page = client.get(reverse("backoffice:dashboard")).content.decode()
    assert reverse("backoffice:servicecatalog_list") in page and "要素不全" in page
    with django_assert_max_num_queries(20):
        assert client.get(reverse("backoffice:servicecatalog_list")).status_code == 200
    head = staff(tree.eco, Role.HEAD, username="eco_head_only")
    client.force_login(head)
    assert (
        reverse("backoffice:servicecatalog_list")
        not in client.get(reverse("backoffice:dashboard")).content.decode()
    )
    assert client.get(reverse("backoffice:servicecatalog_list")).status_code == 403
    assert client.get(reverse("backoffice:servicecatalog_new")).status_code == 403


def test_an_editor_removes_a_material_of_a_draft(client, tree, people):
    version = make_item(people.eco_editor, tree.eco)
    material = version.materials.get()
    client.force_login(people.finance_editor)
    assert (
        client.post(reverse("backoffice:servicecatalog_material_remove", args=[material.pk])).status_code
        == 404
    )
    client.force_login(people.eco_editor)
    assert (
        client.post(reverse("backoffice:servicecatalog_material_remove", args=[material.pk])).status_code
        == 302
    )
    assert not version.materials.exists()
