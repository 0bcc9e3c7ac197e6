"""Press conferences, responses, the gazette and new media: services, pages and the channel statistics."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.catalog.models import Publication
from gongkai.interpretation import selectors, services
from gongkai.interpretation.models import MediaPost, PressConference
from gongkai.interpretation.tests.conftest import JOB, release
from gongkai.testing.factories import staff

pytestmark = pytest.mark.django_db


def _conference(tree, docs=(), **values):
    fields = {
        "title": "甲市财政资金管理新规新闻发布会",
        "held_on": date(2026, 3, 10),
        "venue": "市政府新闻发布厅",
        "speakers": "张三，市财政局局长\n李四，市财政局副局长",
        "policies": "关于支持中小企业发展的若干措施",
        **values,
    }
    return services.conference_create(actor=JOB, org=tree.finance, documents=docs, **fields)


def test_conference_notice_then_record_with_public_pages(client, tree, freeze, published_document):
    freeze(date(2026, 3, 5))
    doc, _draft = published_document()
    conference = _conference(tree, [doc])
    assert client.get(reverse("portal:conference", args=[conference.pk])).status_code == 404
    services.conference_publish(actor=JOB, conference=conference, notice=True)
    page = client.get(reverse("portal:conference", args=[conference.pk])).content.decode()
    assert "发布会预告" in page and "文字实录" not in page
    with pytest.raises(ValidationError, match="文字实录"):
        services.conference_publish(actor=JOB, conference=conference)
    services.conference_update(actor=JOB, conference=conference, transcript="主持人：各位记者朋友……")
    services.conference_publish(actor=JOB, conference=conference)
    page = client.get(reverse("portal:conference", args=[conference.pk])).content.decode()
    assert "各位记者朋友" in page and reverse("portal:catalog_item", args=[doc.slug]) in page
    assert conference.title in client.get(reverse("portal:conferences")).content.decode()
    with pytest.raises(ValidationError):
        services.conference_publish(actor=JOB, conference=conference)


def test_conference_policies_count_as_interpretations(tree, freeze, published_document):
    freeze(date(2026, 3, 5))
    doc, interpretation = published_document()
    release(interpretation.item)
    conference = _conference(tree, [doc], transcript="实录")
    services.conference_publish(actor=JOB, conference=conference)
    figures = selectors.statistics(org=tree.city, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert figures["press_conferences"] == 1
    assert figures["policies_interpreted_at_conferences"] == 2  # one document, one other policy
    assert figures["interpretations_by_kind"]["新闻发布会解读"] == 2
    assert figures["interpretations"] == 3 and figures["on_time_rate"] == 100.0
    other = selectors.statistics(org=tree.county, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert other["press_conferences"] == 0 and other["interpretations"] == 0


def test_response_recorded_and_counted(tree, freeze):
    freeze(date(2026, 4, 1))
    services.response_record(
        actor=JOB, org=tree.eco, responded_on=date(2026, 3, 30), topic="网传某河段污染", channel="new_media",
        kind="clarification", url="https://example.org/a",
    )  # fmt: skip
    with pytest.raises(ValidationError) as bad:
        services.response_record(
            actor=JOB, org=tree.eco, responded_on=date(2026, 4, 2), topic="x", channel="?"
        )
    assert {"topic", "channel", "responded_on"} <= set(bad.value.message_dict)
    figures = selectors.statistics(org=tree.city, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert figures["responses"] == 1 and figures["clarifications"] == 1


def test_gazette_issue_contents_portal_and_item_page(
    client, tree, freeze, published_document, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    freeze(date(2026, 3, 5))
    doc, _draft = published_document()
    with pytest.raises(ValidationError, match="PDF"):
        services.issue_create(
            actor=JOB, org=tree.city, year=2026, number=3, published_on=date(2026, 3, 5),
            pdf=SimpleUploadedFile("x.pdf", b"not a pdf at all"),
        )  # fmt: skip
    issue = services.issue_create(
        actor=JOB, org=tree.city, year=2026, number=3, published_on=date(2026, 3, 5),
        pdf=SimpleUploadedFile("x.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="已登记"):
        services.issue_create(actor=JOB, org=tree.city, year=2026, number=3, published_on=date(2026, 3, 5))
    with pytest.raises(ValidationError, match="目录为空"):
        services.issue_publish(actor=JOB, issue=issue)
    services.issue_set_contents(actor=JOB, issue=issue, entries=[(doc, "部门文件")])
    assert client.get(reverse("portal:gazette_issue", args=[issue.pk])).status_code == 404
    services.issue_publish(actor=JOB, issue=issue)
    assert Publication.objects.get(channel="gazette").count == 1
    toc = client.get(reverse("portal:gazette_issue", args=[issue.pk])).content.decode()
    assert "部门文件" in toc and doc.title in toc
    assert "2026年第3期" in client.get(reverse("portal:gazette")).content.decode()
    item_page = client.get(reverse("portal:catalog_item", args=[doc.slug])).content.decode()
    assert "刊登于政府公报" in item_page and reverse("portal:gazette_issue", args=[issue.pk]) in item_page
    figures = selectors.statistics(org=tree.city, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert figures["gazette_issues"] == 1 and figures["gazette_items"] == 1


def test_new_media_posts_one_by_one_csv_and_monthly_feed_channels(tree, freeze):
    freeze(date(2026, 4, 1))
    account = services.account_create(actor=JOB, org=tree.eco, platform="weibo", name="甲市生态环境")
    services.post_record(actor=JOB, account=account, posted_on=date(2026, 3, 2), title="空气质量日报")
    csv_text = "日期,标题,链接,编号\n2026-03-03,今日空气,https://weibo.example/1,1\n2026-03-03,水质,,2\n"
    assert services.posts_import(actor=JOB, account=account, text=csv_text) == (2, 0)
    assert services.posts_import(actor=JOB, account=account, text=csv_text) == (0, 2)  # known 编号 skipped
    with pytest.raises(ValidationError, match="第3行"):
        services.posts_import(actor=JOB, account=account, text="日期,标题\n2026-03-04,好\n昨天,坏\n")
    assert MediaPost.objects.count() == 3  # the bad file imported nothing
    board = services.account_create(
        actor=JOB, org=tree.township, platform="bulletin_board", name="镇政务公开栏"
    )
    services.monthly_count_record(actor=JOB, account=board, year=2026, month=2, count=12)
    with pytest.raises(ValidationError):
        services.monthly_count_record(actor=JOB, account=board, year=2026, month=2, count=3)
    assert sum(p.count for p in Publication.objects.filter(channel="weibo")) == 3
    assert Publication.objects.get(channel="bulletin_board").count == 12
    figures = selectors.statistics(org=tree.city, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert figures["posts"] == 15 and figures["posts_by_platform"]["政务微博"] == 3


def test_records_only_by_the_organs_editors(tree):
    outsider = staff(tree.other_dept, "editor")
    with pytest.raises(PermissionDenied):
        services.conference_create(actor=outsider, org=tree.finance, title="发布会", held_on=date(2026, 3, 1))
    assert not PressConference.objects.exists()


def test_back_office_pages_and_statistics_for_staff(client, tree, freeze, document, interpret):
    freeze(date(2026, 3, 5))
    client.force_login(staff(tree.finance, "editor"))
    for name in ["conference_list", "conference_new", "response_list", "issue_list", "account_list"]:
        assert client.get(reverse(f"backoffice:{name}")).status_code == 200, name
    response = client.post(
        reverse("backoffice:conference_new"),
        {"org": tree.finance.credit_code, "title": "发布会", "held_on": "2026-03-01", "video_url": "ftp://x"},
    )
    assert response.status_code == 200 and "链接须以" in response.content.decode()
    response = client.post(
        reverse("backoffice:account_list"),
        {"org": tree.finance.credit_code, "platform": "wechat", "name": "甲市财政"},
    )
    assert response.status_code == 302
    account = services.MediaAccount.objects.get()
    bad_csv = SimpleUploadedFile("p.csv", "标题\n只有标题\n".encode())
    response = client.post(
        reverse("backoffice:account_detail", args=[account.pk]), {"form": "import", "import-file": bad_csv}
    )
    assert response.status_code == 200 and "日期" in response.content.decode()
    stats = client.get(
        reverse("backoffice:interpretation_statistics"),
        {"org": tree.finance.credit_code, "start": "2026-01-01", "end": "2026-12-31"},
    )
    assert stats.status_code == 200 and "按期解读率" in stats.content.decode()
    bad = client.get(
        reverse("backoffice:interpretation_statistics"),
        {"org": tree.finance.credit_code, "start": "2026-12-31", "end": "2026-01-01"},
    )
    assert "起始日期不能晚于截止日期" in bad.content.decode()
    api = client.get(
        "/api/v1/interpretation/statistics",
        {"org": tree.finance.credit_code, "start": "2026-01-01", "end": "2026-12-31"},
    )
    assert api.status_code == 200 and api.json()["press_conferences"] == 0
    api = client.get(
        "/api/v1/interpretation/statistics",
        {"org": tree.other_dept.credit_code, "start": "2026-01-01", "end": "2026-12-31"},
    )
    assert api.status_code == 404
    api = client.get(
        "/api/v1/interpretation/statistics",
        {"org": tree.finance.credit_code, "start": "x", "end": "2026-12-31"},
    )
    assert api.status_code in (400, 422)
