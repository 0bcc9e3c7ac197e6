"""The staff workspace through the client: the central case end to end, permissions side by side, bulk actions,
hostile uploads, lists in bounded queries."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gongkai.catalog import services
from gongkai.catalog.models import Attachment, Item, Status


def _form(taxonomy, **extra):
    return {
        "title": "关于开展2026年生态环境执法检查的通知",
        "doc_no": "抚环发[2026]12号",
        "written_on": "2026-03-02",
        "topic": taxonomy.other_topic.code,
        "genre": taxonomy.genre.code,
        "statutory_class": "a20_13",
        "disclosure": "proactive",
        "body": "各有关单位：\n\n现将执法检查安排通知如下。",
        "keywords": "执法检查，生态环境",
        **extra,
    }


def test_editor_drafts_reviewer_approves_it_is_in_portal_feed_and_api(client, tree, people, taxonomy):
    client.force_login(people.eco_editor)
    response = client.post(reverse("backoffice:catalog_item_new"), _form(taxonomy, org=tree.eco.credit_code))
    item = Item.objects.get()
    assert response.status_code == 302 and response.url == reverse("backoffice:catalog_item", args=[item.pk])
    assert item.body == "<p>各有关单位：</p><p>现将执法检查安排通知如下。</p>"
    client.post(reverse("backoffice:catalog_item_submit", args=[item.pk]))
    client.force_login(people.eco_reviewer)
    queue = client.get(reverse("backoffice:catalog_review")).content.decode()
    assert item.title in queue
    client.post(
        reverse("backoffice:catalog_item_review", args=[item.pk]),
        {"conclusion": "approve", "basis": "经审查不涉密，同意公开", "confidentiality_checked": "on"},
    )
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and item.index_no
    client.logout()
    assert item.title in client.get("/catalog/").content.decode()
    assert (
        item.title
        in client.get(reverse("portal:catalog_feed_org", args=[tree.eco.credit_code])).content.decode()
    )
    api = client.get("/api/v1/catalog/items").json()
    assert api["items"][0]["index_no"] == item.index_no
    client.force_login(people.eco_editor)
    detail = client.get(reverse("backoffice:catalog_item", args=[item.pk])).content.decode()
    for action in ("起草信息", "提交审核", "审核", "发布信息"):
        assert action in detail
    assert people.eco_reviewer.get_full_name() in detail


def test_returned_draft_shows_the_reasons_to_the_editor(client, tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    services.item_submit(actor=people.eco_editor, item=item)
    client.force_login(people.eco_reviewer)
    response = client.post(
        reverse("backoffice:catalog_item_review", args=[item.pk]),
        {"conclusion": "return", "basis": "请补充附件：检查计划表"},
    )
    assert response.status_code == 302
    client.force_login(people.eco_editor)
    page = client.get(reverse("backoffice:catalog_item", args=[item.pk])).content.decode()
    assert "退回意见" in page and "请补充附件：检查计划表" in page
    assert item.title in client.get(reverse("backoffice:catalog_drafts")).content.decode()


def test_invalid_form_shows_chinese_errors_and_saves_nothing(client, tree, people, taxonomy):
    client.force_login(people.eco_editor)
    response = client.post(
        reverse("backoffice:catalog_item_new"),
        _form(taxonomy, org=tree.eco.credit_code, written_on="2026-02-30", title="", topic="zz"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "日期格式错误" in page and "必填" in page
    assert not Item.objects.exists()
    response = client.post(
        reverse("backoffice:catalog_item_new"),
        _form(taxonomy, org=tree.eco.credit_code, disclosure="withheld", statutory_class="a21_homestead"),
    )
    page = response.content.decode()
    assert "写明理由" in page and "本机构不适用" in page
    assert not Item.objects.exists()


def test_staff_of_other_organisations_get_404_not_403(client, tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    url = reverse("backoffice:catalog_item", args=[item.pk])
    client.force_login(people.eco_editor)
    assert client.get(url).status_code == 200
    client.force_login(people.city_supervisor)  # region supervisor sees it
    assert client.get(url).status_code == 200
    for outsider in (people.finance_editor, people.other_editor, people.county_admin):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(reverse("backoffice:catalog_item_submit", args=[item.pk])).status_code == 404
    assert Item.objects.get(pk=item.pk).status == Status.DRAFT


def test_editor_cannot_review_and_reviewer_cannot_edit(client, tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    services.item_submit(actor=people.eco_editor, item=item)
    client.force_login(people.eco_editor)
    response = client.post(
        reverse("backoffice:catalog_item_review", args=[item.pk]), {"conclusion": "approve", "basis": "同意"}
    )
    assert response.status_code == 403
    client.force_login(people.eco_reviewer)
    assert client.get(reverse("backoffice:catalog_item_edit", args=[item.pk])).status_code == 403
    assert Item.objects.get(pk=item.pk).status == Status.SUBMITTED


def test_bulk_actions_check_each_item(client, tree, people, make_item):
    own = [make_item(tree.eco, actor=people.eco_editor, title=f"批量{n}") for n in range(3)]
    foreign = make_item(tree.finance, actor=people.finance_editor, title="财政局草稿")
    client.force_login(people.eco_editor)
    response = client.post(
        reverse("backoffice:catalog_bulk"),
        {
            "action": "submit",
            "items": [i.pk for i in own] + [foreign.pk, "x"],
            "next": "/manage/catalog/drafts/",
        },
    )
    assert response.status_code == 302
    assert set(Item.objects.filter(pk__in=[i.pk for i in own]).values_list("status", flat=True)) == {
        "submitted"
    }
    assert Item.objects.get(pk=foreign.pk).status == Status.DRAFT
    # Approving in bulk without the reviewer role changes nothing, and says why.
    response = client.post(
        reverse("backoffice:catalog_bulk"),
        {"action": "approve", "basis": "同意", "items": [own[0].pk]},
        follow=True,
    )
    assert "不是该机构的审核人" in response.content.decode()
    client.force_login(people.eco_reviewer)
    client.post(
        reverse("backoffice:catalog_bulk"),
        {"action": "approve", "basis": "同意公开", "items": [i.pk for i in own]},
    )
    assert set(Item.objects.filter(pk__in=[i.pk for i in own]).values_list("status", flat=True)) == {
        "published"
    }


PDF = b"%PDF-1.7\n%%EOF\n"


def test_hostile_upload_through_the_form_is_refused(client, tree, people, make_item, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    item = make_item(tree.eco, actor=people.eco_editor)
    client.force_login(people.eco_editor)
    url = reverse("backoffice:catalog_attachment_add", args=[item.pk])
    response = client.post(url, {"file": SimpleUploadedFile("通知.pdf", b"MZ\x90\x00" + b"\x00" * 100)})
    assert response.status_code == 400 and "可执行程序" in response.content.decode()
    response = client.post(url, {"file": SimpleUploadedFile("../../../etc/x.pdf", PDF)})
    # Django's upload handler already strips the directories; the rest of the name is checked.
    assert Attachment.objects.count() <= 1
    response = client.post(url, {"file": SimpleUploadedFile("正式文件.pdf", PDF)})
    assert response.status_code == 302
    assert Attachment.objects.filter(original_name="正式文件.pdf").exists()
    assert not any("etc" in str(p) for p in tmp_path.rglob("*"))


def test_timeliness_lists_at_risk_and_late(client, tree, people, make_item, monkeypatch):
    from gongkai.catalog import selectors

    at_risk = make_item(
        tree.eco, actor=people.eco_editor, title="临近期限的通知", written_on=date(2026, 3, 2)
    )
    overdue = make_item(tree.eco, actor=people.eco_editor, title="逾期的通知", written_on=date(2026, 1, 5))
    real = selectors.risk_window
    monkeypatch.setattr(selectors, "risk_window", lambda **kw: real(today=date(2026, 3, 25)))
    client.force_login(people.city_supervisor)
    page = client.get(reverse("backoffice:catalog_timeliness")).content.decode()
    assert at_risk.title in page and overdue.title in page
    assert "甲市生态环境局" in page
    dashboard = client.get(reverse("backoffice:dashboard")).content.decode()
    assert "主动公开" in dashboard and "临近公开期限" in dashboard


def test_lists_run_in_bounded_queries(client, tree, people, make_item, django_assert_max_num_queries):
    for n in range(40):
        make_item(tree.eco, actor=people.eco_editor, title=f"列表{n}")
    client.force_login(people.eco_editor)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("backoffice:catalog_items")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("backoffice:catalog_drafts")).status_code == 200


@pytest.mark.parametrize("name", ["catalog_items", "catalog_drafts", "catalog_review", "catalog_scheduled",
                                  "catalog_timeliness", "catalog_publications", "catalog_item_new"])  # fmt: skip
def test_every_page_renders_for_an_editor(client, tree, people, name):
    client.force_login(people.eco_editor)
    assert client.get(reverse(f"backoffice:{name}")).status_code == 200


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("backoffice:catalog_items"))
    assert response.status_code == 302 and "/manage/login/" in response.url


def test_item_actions_through_their_forms(client, tree, people, make_item):
    """Each action of the item page: an invalid form is shown again with its error (nothing changes), a
    service refusal is shown, a valid one moves the item and says so."""
    item = make_item(
        tree.eco, actor=people.eco_editor, is_normative=True, normative_kind="normative", doc_no="抚环发〔2026〕3号",
        validity="in_force",
    )  # fmt: skip
    services.item_submit(actor=people.eco_editor, item=item)
    client.force_login(people.eco_reviewer)
    page = reverse("backoffice:catalog_item", args=[item.pk])

    def post(name, data=None, follow=False):
        return client.post(reverse(f"backoffice:{name}", args=[item.pk]), data or {}, follow=follow)

    response = client.post(
        reverse("backoffice:catalog_item_review", args=[item.pk]),
        {"conclusion": "approve", "basis": "同意公开", "confidentiality_checked": "on",
         "publish_at": (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")},
    )  # fmt: skip
    item.refresh_from_db()
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert response.url == page and item.status == Status.SCHEDULED

    response = post("catalog_item_unschedule", follow=True)
    item.refresh_from_db()
    assert item.status == Status.APPROVED and "已取消定时发布" in response.content.decode()
    response = post("catalog_item_schedule", {"publish_at": "明天"})
    assert response.status_code == 400 and "时间格式错误" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.APPROVED
    response = post("catalog_item_publish", follow=True)
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED and f"已发布，索引号 {item.index_no}" in response.content.decode()

    response = post("catalog_item_withdraw", {"reason": "撤"})
    assert response.status_code == 400 and "撤回理由" in response.content.decode()
    response = post("catalog_item_validity", {"validity": "repealed", "replaced_by": "000000/2000-99999"})
    assert response.status_code == 400 and "没有找到该索引号" in response.content.decode()
    response = post(
        "catalog_item_validity", {"validity": "repealed", "changed_on": "2026-05-01"}, follow=True
    )
    item.refresh_from_db()
    assert item.validity == "repealed" and "有效性已更新" in response.content.decode()
    response = post("catalog_item_withdraw", {"reason": "内容有误，重新发布"}, follow=True)
    item.refresh_from_db()
    assert item.status == Status.WITHDRAWN and "已撤回" in response.content.decode()
    assert post("catalog_item_discard").status_code == 403  # a reviewer discards no drafts
    client.force_login(people.eco_editor)
    response = post("catalog_item_discard", follow=True)
    assert "只有草稿或退回的信息可以删除" in response.content.decode()
    assert Item.objects.filter(pk=item.pk).exists()


def test_a_draft_is_discarded_by_its_editor(client, tree, people, make_item):
    item = make_item(tree.eco, actor=people.eco_editor)
    client.force_login(people.eco_editor)
    response = client.post(reverse("backoffice:catalog_item_discard", args=[item.pk]))
    assert response.url == reverse("backoffice:catalog_drafts")
    assert not Item.objects.filter(pk=item.pk).exists()
