"""Forwarded tickets by file (CSV, XLSX) and by the API; the public API of letters and statistics."""

import io
from datetime import date

from openpyxl import Workbook

from gongkai.interaction.models import Message

CSV = (
    "工单编号,受理时间,办理时限,类型,标题,内容,姓名,电话\n"
    "12345-0001,2026-09-28 16:00,2026-10-09 18:00,咨询,公交线路调整咨询,请问12路何时恢复原线路？,王伟,13900000001\n"
    "12345-0002,昨天下午,,投诉,噪声投诉,夜间施工,李娜,13900000002\n"
    "12345-0003,2026-09-28,,建议,,没有标题,,\n"
)


def test_csv_import_reports_bad_rows_and_keeps_the_good(client, channels, staff_, freeze):
    freeze(date(2026, 9, 29))
    client.force_login(staff_.screener)
    upload = io.BytesIO(CSV.encode("utf-8-sig"))
    upload.name = "tickets.csv"
    response = client.post("/manage/hudong/import/", {"channel": "12345", "file": upload})
    page = response.content.decode()
    assert response.status_code == 200, page
    assert "新导入1件" in page and "时间格式不正确" in page and "标题应为" in page
    message = Message.objects.get(external_no="12345-0001")
    assert message.kind == "consult" and message.received_on == date(2026, 9, 28)
    upload.seek(0)
    again = client.post("/manage/hudong/import/", {"channel": "12345", "file": upload}).content.decode()
    assert "已存在1件" in again and Message.objects.count() == 1


def test_xlsx_import_and_bad_files(client, channels, staff_, freeze):
    freeze(date(2026, 9, 29))
    book = Workbook()
    sheet = book.active
    sheet.append(["工单编号", "受理时间", "标题", "内容"])
    sheet.append(["MXW-1", "2026-09-27 09:00", "道路积水无人处理", "雨后积水严重"])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "minxin.xlsx"
    client.force_login(staff_.screener)
    assert client.post("/manage/hudong/import/", {"channel": "12345", "file": out}).status_code == 200
    assert Message.objects.filter(external_no="MXW-1").exists()
    broken = io.BytesIO(b"not a workbook")
    broken.name = "x.xlsx"
    response = client.post("/manage/hudong/import/", {"channel": "12345", "file": broken})
    assert response.status_code == 400 and "无法读取该XLSX文件" in response.content.decode()
    other = io.BytesIO(b"a,b\n1,2\n")
    other.name = "x.csv"
    response = client.post("/manage/hudong/import/", {"channel": "12345", "file": other})
    assert response.status_code == 400 and "缺少列" in response.content.decode()
    client.force_login(staff_.eco)  # not the channel's owner: no channel offered
    assert client.post("/manage/hudong/import/", {"channel": "12345", "file": other}).status_code == 400


def test_api_push_ticket(client, channels, staff_, freeze):
    freeze(date(2026, 9, 29))
    body = {"external_no": "12345-9", "upstream_received_at": "2026-09-28T10:00:00+08:00", "kind": "help",
            "title": "小区停水未提前通知", "body": "今天上午小区突然停水。"}  # fmt: skip
    assert (
        client.post(
            "/api/v1/interaction/channels/12345/tickets", body, content_type="application/json"
        ).status_code
        == 401
    )
    client.force_login(staff_.screener)
    response = client.post(
        "/api/v1/interaction/channels/12345/tickets", body, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["status"] == "screening"
    response = client.post(
        "/api/v1/interaction/channels/12345/tickets", body, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["created"] is False
    bad = client.post(
        "/api/v1/interaction/channels/12345/tickets",
        {**body, "external_no": "x", "title": ""},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "title" in bad.json()["fields"]
    client.force_login(staff_.eco)
    denied = client.post("/api/v1/interaction/channels/12345/tickets", body, content_type="application/json")
    assert denied.status_code == 403 and denied.json()["detail"]
    mailbox = client.post("/api/v1/interaction/channels/mayor/tickets", body, content_type="application/json")
    assert mailbox.status_code == 403
    # a time without a zone is the upstream platform's Beijing time, not a server error
    client.force_login(staff_.screener)
    naive = {**body, "external_no": "12345-10", "upstream_received_at": "2026-09-28T23:30:00"}
    response = client.post(
        "/api/v1/interaction/channels/12345/tickets", naive, content_type="application/json"
    )
    assert response.status_code == 201
    assert Message.objects.get(external_no="12345-10").received_on == date(2026, 9, 28)


def test_public_api(client, channels):
    assert [c["code"] for c in client.get("/api/v1/interaction/channels").json()] == [
        "mayor",
        "12345",
        "zhaocuo",
    ]
    stats = client.get("/api/v1/interaction/channels/mayor/statistics").json()
    assert stats["received"] == 0 and "回复率" in stats["definitions"]["reply_rate"]
    assert client.get("/api/v1/interaction/channels/mayor/letters").json() == []
    assert client.get("/api/v1/interaction/channels/nope/letters").status_code == 404
