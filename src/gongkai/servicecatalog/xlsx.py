"""The provincial platform's spreadsheets (XLSX): the element table (事项要素表, one row per 业务办理项, columns in
the order of GB/T 39046-2020 表4) and the materials table (材料表). Columns are found by their heading; codes may be
given by code or by name, several values separated by «、». Export writes the same layout."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError

#: heading → key, in the order of 表4 (identity first, then the guide's elements).
ELEMENT_COLUMNS: list[tuple[str, str]] = [
    ("事项名称", "name"), ("基本编码", "basic_code"), ("实施编码", "implementation_code"),
    ("业务办理项编码", "handling_code"), ("业务办理项", "handling_kind"), ("事项类型", "item_type"),
    ("设定依据", "basis"), ("行使层级", "level"), ("权限划分", "division"), ("行使内容", "content"),
    ("实施主体", "org_name"), ("实施主体代码", "org_code"), ("实施主体性质", "subject_nature"),
    ("法定办结时限", "legal_limit"), ("法定办结时限单位", "legal_unit"), ("法定办结时限说明", "legal_note"),
    ("承诺办结时限", "promised_limit"), ("承诺办结时限单位", "promised_unit"), ("承诺办结时限说明", "promised_note"),
    ("受理条件", "conditions"), ("办理流程", "process"), ("共同实施部门", "co_departments"), ("承办机构", "agency"),
    ("中介服务", "intermediary"), ("数量限制", "quantity_limit"), ("结果名称", "result_name"),
    ("是否收费", "charged"), ("收费依据", "fee_basis"), ("服务对象", "service_objects"),
    ("自然人服务主题", "theme_natural"), ("法人服务主题", "theme_legal"), ("办理形式", "handling_forms"),
    ("办件类型", "handling_type"), ("行政管辖", "jurisdiction"), ("是否支持预约办理", "appointment"),
    ("是否支持网上支付", "online_payment"), ("是否支持物流快递", "express"), ("是否网办", "online"),
    ("网办地址", "online_url"), ("到办事现场次数", "visits"), ("办理地点", "place"), ("办理时间", "hours"),
    ("咨询方式", "consult"), ("咨询电话", "phone"), ("监督电话", "supervision_phone"),
    ("申请人权利和义务", "rights"), ("结果送达", "delivery"), ("计划生效日期", "effective_on"),
    ("计划取消日期", "cancel_on"),
]  # fmt: skip
MATERIAL_COLUMNS: list[tuple[str, str]] = [
    ("业务办理项编码", "handling_code"), ("排序", "sort"), ("材料名称", "name"), ("出具机构", "issuer"),
    ("出具时间要求", "time_requirement"), ("材料办理说明", "note"), ("材料办理地点", "place"),
    ("材料使用说明", "usage"), ("原件份数", "originals"), ("复印件份数", "copies"), ("是否必备材料", "required"),
    ("材料形式", "form"),
]  # fmt: skip
ELEMENT_REQUIRED = ("事项名称", "基本编码", "实施编码", "业务办理项编码", "事项类型")
MATERIAL_REQUIRED = ("业务办理项编码", "材料名称")
BOOL_KEYS = {"charged", "appointment", "online_payment", "express", "online", "required"}
MAX_ROWS = 5000
SPLIT = re.compile(r"[、，,；;]+")
HEADING = {key: heading for heading, key in ELEMENT_COLUMNS + MATERIAL_COLUMNS}


@dataclass
class Row:
    line: int
    values: dict[str, str] = field(default_factory=dict)


def yes(value: str) -> bool:
    return value.strip() in {"是", "√", "1", "Y", "y", "yes", "true", "True"}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read(data: bytes, *, columns: list[tuple[str, str]], required: tuple[str, ...], label: str) -> list[Row]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise ValidationError(f"{label}不是有效的 XLSX 表格。") from None
    values = book.worksheets[0].iter_rows(values_only=True)
    header = [_cell(c) for c in next(values, ())]
    missing = [h for h in required if h not in header]
    if missing:
        raise ValidationError(f"{label}表头缺少：{'、'.join(missing)}。")
    keys = dict(columns)
    index = {keys[h]: i for i, h in enumerate(header) if h in keys}
    rows: list[Row] = []
    for line, cells in enumerate(values, start=2):
        text = {key: _cell(cells[i]) if i < len(cells) else "" for key, i in index.items()}
        if not any(text.values()):
            continue
        if len(rows) >= MAX_ROWS:
            raise ValidationError(f"{label}一次最多导入{MAX_ROWS}行。")
        rows.append(Row(line=line, values=text))
    return rows


def write(sheets: list[tuple[str, list[tuple[str, str]], list[dict[str, object]]]]) -> bytes:
    """An XLSX with one sheet per (title, columns, rows); rows are dicts by key."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, columns, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append([heading for heading, _key in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for line, row in enumerate(rows, start=2):
            for column, (_heading, key) in enumerate(columns, start=1):
                value = row.get(key, "")
                cell = sheet.cell(row=line, column=column)
                if isinstance(value, int) and not isinstance(value, bool):
                    cell.value = value
                else:
                    cell.value = str(value or "")
                    cell.data_type = "s"  # text stays text: «=…» is never a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def element_book(rows: list[dict[str, object]]) -> bytes:
    return write([("事项要素", ELEMENT_COLUMNS, rows)])


def material_book(rows: list[dict[str, object]]) -> bytes:
    return write([("办理材料", MATERIAL_COLUMNS, rows)])
