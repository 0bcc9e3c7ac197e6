"""Forwarded tickets from an upstream system's export (CSV or XLSX): one row a ticket, Chinese column names.

Columns (the order does not matter; 工单编号, 受理时间, 标题 and 内容 are required): 工单编号, 受理时间, 办理时限, 类型,
标题, 内容, 姓名, 电话. Times as «2026-09-29 10:15» (or a date); 类型 by its Chinese name (咨询, 投诉…).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.interaction.models import MessageKind

COLUMNS = {
    "工单编号": "external_no", "受理时间": "upstream_received_at", "办理时限": "upstream_due_at", "类型": "kind",
    "标题": "title", "内容": "body", "姓名": "writer_name", "电话": "phone",
}  # fmt: skip
REQUIRED = ["工单编号", "受理时间", "标题", "内容"]
MAX_ROWS = 5000
_KINDS = {str(label): value for value, label in MessageKind.choices}


@dataclass
class Row:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    error: str = ""


def _when(value: object, *, end_of_day: bool = False) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time(23, 59, 59) if end_of_day else time(0, 0)))
    text = str(value).strip().replace("/", "-")
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt == "%Y-%m-%d" and end_of_day:
            parsed = datetime.combine(parsed.date(), time(23, 59, 59))
        return timezone.make_aware(parsed)
    raise ValueError(text)


def _table(content: bytes, name: str) -> list[list[object]]:
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:  # a damaged or foreign file: say so, never a 500
            raise ValidationError({"file": ["无法读取该XLSX文件，请确认文件未损坏。"]}) from exc
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError({"file": ["无法识别文件编码，请另存为UTF-8编码的CSV文件。"]})
    return [list(r) for r in csv.reader(io.StringIO(text))]


def read(content: bytes, name: str) -> list[Row]:
    """The rows of the file, each with its values or the reason it cannot be imported."""
    if not name.lower().endswith((".csv", ".xlsx")):
        raise ValidationError({"file": ["请上传CSV或XLSX文件。"]})
    table = [r for r in _table(content, name) if any(c not in (None, "") for c in r)]
    if not table:
        raise ValidationError({"file": ["文件是空的。"]})
    header = [str(c or "").strip() for c in table[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationError({"file": [f"缺少列：{'、'.join(missing)}（第一行应为列名）。"]})
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError({"file": [f"一次最多导入{MAX_ROWS}行，请分批导入。"]})
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        raw = {COLUMNS[h]: cells[i] if i < len(cells) else None for i, h in enumerate(header) if h in COLUMNS}
        row = Row(number)
        try:
            row.values = {
                "external_no": str(raw.get("external_no") or "").strip(),
                "upstream_received_at": _when(raw.get("upstream_received_at")),
                "upstream_due_at": _when(raw.get("upstream_due_at"), end_of_day=True),
                "kind": _KINDS.get(
                    str(raw.get("kind") or "").strip(), str(raw.get("kind") or "").strip() or "other"
                ),
                "title": str(raw.get("title") or "").strip(),
                "body": str(raw.get("body") or "").strip(),
                "writer_name": str(raw.get("writer_name") or "").strip(),
                "phone": str(raw.get("phone") or "").strip(),
            }
        except ValueError as exc:
            row.error = f"时间格式不正确：{exc}（应为2026-09-29 10:15）"
        else:
            if not row.values["upstream_received_at"]:
                row.error = "缺少受理时间。"
        rows.append(row)
    return rows
