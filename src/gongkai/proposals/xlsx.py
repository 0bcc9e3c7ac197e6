"""Reading the 交办清单 the 人大 and 政协 send (XLSX): one row per item, columns found by their heading."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from gongkai.proposals.models import KIND_BODY, Body, Kind, ProposerData, ProposerRole

COLUMNS = {
    "编号": "number", "类别": "kind", "标题": "title", "领衔人": "lead_name", "代表团/界别": "affiliation",
    "附议人": "cosigners", "联系方式": "contacts", "案由": "reasons", "具体建议": "suggestions",
    "主办单位": "lead", "会办单位": "co", "分办单位": "split", "重点督办": "key", "督办领导": "leader",
    "涉密": "confidential",
}  # fmt: skip
REQUIRED = ("编号", "标题", "领衔人")
MAX_ROWS = 3000
_SPLIT = re.compile(r"[、，,；;\s]+")
_GROUP_KINDS = {Kind.CPPCC_PARTY, Kind.CPPCC_ORGANISATION, Kind.CPPCC_SECTOR, Kind.CPPCC_COMMITTEE}


@dataclass
class Row:
    line: int
    number: str = ""
    kind: str = ""
    title: str = ""
    lead_name: str = ""
    affiliation: str = ""
    cosigners: str = ""
    contacts: str = ""
    reasons: str = ""
    suggestions: str = ""
    lead: str = ""
    co: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    key_supervision: bool = False
    supervising_leader: str = ""
    confidential: bool = False

    @property
    def proposers(self) -> list[ProposerData]:
        group = self.kind in {k.label for k in _GROUP_KINDS}
        people = [ProposerData(self.lead_name, ProposerRole.GROUP if group else ProposerRole.LEAD,
                               self.affiliation, self.contacts)]  # fmt: skip
        return people + [ProposerData(n, ProposerRole.COSIGNER) for n in _SPLIT.split(self.cosigners) if n]


def kind_of(label: str, body: str) -> str:
    """The kind named by its Chinese label (or its code); an empty cell is the body's ordinary kind."""
    label = label.strip()
    if not label:
        return Kind.NPC_SUGGESTION if body == Body.NPC else Kind.CPPCC_MEMBER
    exact = [k for k in Kind if label in (k.value, k.label)]
    within = [k for k in Kind if len(label) >= 2 and label in k.label and KIND_BODY[k] == body]
    if exact or within:
        return (exact or within)[0].value
    raise ValidationError(f"类别“{label[:20]}”不正确。")


def _yes(value: str) -> bool:
    return value.strip() in {"是", "√", "1", "Y", "y", "yes", "重点"}


def read_rows(data: bytes) -> list[Row]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise ValidationError("文件不是有效的 XLSX 表格。") from None
    sheet = book.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(values, ())]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise ValidationError(f"表头缺少：{'、'.join(missing)}（表头见说明文档）。")
    index = {COLUMNS[h]: i for i, h in enumerate(header) if h in COLUMNS}
    rows: list[Row] = []
    for line, cells in enumerate(values, start=2):
        text = {
            name: str(cells[i] if i < len(cells) and cells[i] is not None else "").strip()
            for name, i in index.items()
        }
        if not any(text.values()):
            continue
        if len(rows) >= MAX_ROWS:
            raise ValidationError(f"一次最多导入{MAX_ROWS}行。")
        number = text.get("number", "")
        rows.append(
            Row(
                line=line, number=number[:-2] if number.endswith(".0") else number, kind=text.get("kind", ""),
                title=text.get("title", ""), lead_name=text.get("lead_name", ""),
                affiliation=text.get("affiliation", ""), cosigners=text.get("cosigners", ""),
                contacts=text.get("contacts", ""), reasons=text.get("reasons", ""),
                suggestions=text.get("suggestions", ""), lead=text.get("lead", ""),
                co=[n for n in _SPLIT.split(text.get("co", "")) if n],
                split=[n for n in _SPLIT.split(text.get("split", "")) if n],
                key_supervision=_yes(text.get("key", "")), supervising_leader=text.get("leader", ""),
                confidential=_yes(text.get("confidential", "")),
            )
        )  # fmt: skip
    return rows
