"""The figures of suggestion and proposal handling, with their definitions (shown on the page and in
docs/proposals.md). Every figure is a count of records; rates are counts over counts, None when nothing counts.

- 收到: items registered (merged items included; 并案 are answered under the item they joined).
- 办理: items assigned and not merged (the denominator of the rates below).
- 办结率 (按期答复): items answered on or before their due date / items handled.
- 见面率: answered items with a face-to-face contact (当面座谈 or 上门走访) / items answered.
- 走访率 (联系或走访): answered items with any recorded contact with the proposers / items answered.
- 满意率: items whose latest evaluated round has only 满意 or 基本满意 results / items with at least one evaluation
  returned (基本满意 counts as satisfied; evaluations never returned are left out).
- 初次办理满意率: the same over the evaluations of the first answer.
- 分类: the sent replies by class (a split item has one reply per unit).
- 重点督办: items flagged; 承诺落实: commitments fulfilled / commitments recorded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from gongkai.proposals.models import (
    FACE_TO_FACE,
    Assignment,
    AssignmentRole,
    Body,
    Commitment,
    CommitmentState,
    Contact,
    Evaluation,
    Kind,
    Proposal,
    Rating,
    Reply,
    ReplyState,
    Status,
)

#: The definitions as the statistics page shows them.
DEFINITIONS = [
    "收到：登记的建议提案件数（含并案件；并案件随所并入的件一并办理）。",
    "办理：已交办且未并案的件数（以下各率的分母）。",
    "办结率（按期答复率）：在答复期限内（含当日）答复的件数 ÷ 办理件数。",
    "见面率：已答复件中，承办单位与代表委员当面座谈或上门走访过的件数 ÷ 已答复件数。",
    "走访率（联系或走访）：已答复件中，有任一沟通记录（含电话、书面）的件数 ÷ 已答复件数。",
    "满意率：最近一轮评价全部为“满意”或“基本满意”的件数 ÷ 收回评价的件数（基本满意计入满意；未收回评价的不计入分母）。",
    "初次办理满意率：同上，只计第一次答复的评价。",
    "答复分类：已签发答复按分类统计（分办件每个单位一份答复）。",
    "重点督办：标记为重点督办的件数；承诺落实率：已落实的承诺事项 ÷ 登记的承诺事项。",
]


def rate(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None


@dataclass
class Figures:
    received: int = 0
    handled: int = 0
    answered: int = 0
    on_time: int = 0
    face_to_face: int = 0
    contacted: int = 0
    evaluated: int = 0
    satisfied: int = 0
    first_evaluated: int = 0
    first_satisfied: int = 0
    key: int = 0
    commitments: int = 0
    fulfilled: int = 0
    classes: Counter[str] = field(default_factory=Counter)

    def add(self, other: Figures) -> None:
        for name in ("received", "handled", "answered", "on_time", "face_to_face", "contacted", "evaluated",
                     "satisfied", "first_evaluated", "first_satisfied", "key", "commitments", "fulfilled"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.classes.update(other.classes)

    @property
    def rates(self) -> dict[str, float | None]:
        return {
            "completion": rate(self.on_time, self.handled),
            "face": rate(self.face_to_face, self.answered),
            "visit": rate(self.contacted, self.answered),
            "satisfaction": rate(self.satisfied, self.evaluated),
            "first_satisfaction": rate(self.first_satisfied, self.first_evaluated),
            "commitment": rate(self.fulfilled, self.commitments),
        }


def _item_figures(p: Proposal, facts: dict[str, Any]) -> Figures:
    f = Figures(received=1, key=int(p.key_supervision))
    if p.status == Status.MERGED or p.assigned_on is None:
        return f
    f.handled = 1
    if p.answered_on is not None:
        f.answered = 1
        f.on_time = int(p.due_on is not None and p.answered_on <= p.due_on)
        methods = facts["contacts"].get(p.pk, set())
        f.face_to_face = int(bool(methods & set(FACE_TO_FACE)))
        f.contacted = int(bool(methods))
    rounds: dict[int, list[str]] = facts["evaluations"].get(p.pk, {})
    if rounds:
        f.evaluated = 1
        f.satisfied = int(Rating.UNSATISFIED not in rounds[max(rounds)])
    if 1 in rounds:
        f.first_evaluated = 1
        f.first_satisfied = int(Rating.UNSATISFIED not in rounds[1])
    f.classes.update(facts["classes"].get(p.pk, []))
    states = facts["commitments"].get(p.pk, [])
    f.commitments, f.fulfilled = len(states), states.count(CommitmentState.FULFILLED)
    return f


def _facts(items: QuerySet[Proposal]) -> dict[str, Any]:
    pks = list(items.values_list("pk", flat=True))
    contacts: dict[int, set[str]] = defaultdict(set)
    for pk, method in Contact.objects.filter(proposal__in=pks).values_list("proposal", "method"):
        contacts[pk].add(method)
    evaluations: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for pk, rnd, result in Evaluation.objects.filter(proposal__in=pks).values_list(
        "proposal", "round", "result"
    ):
        evaluations[pk][rnd].append(result)
    classes: dict[int, list[str]] = defaultdict(list)
    sent = Reply.objects.filter(assignment__proposal__in=pks, assignment__active=True, state=ReplyState.SENT)
    for pk, code in sent.values_list("assignment__proposal", "result_class"):
        classes[pk].append(code)
    commitments: dict[int, list[str]] = defaultdict(list)
    for pk, state in Commitment.objects.filter(proposal__in=pks).values_list("proposal", "state"):
        commitments[pk].append(state)
    return {"contacts": contacts, "evaluations": evaluations, "classes": classes, "commitments": commitments}


@dataclass
class Table:
    total: Figures
    by_body: dict[str, Figures]
    by_kind: dict[str, Figures]
    by_unit: dict[str, Figures]


def compute(items: QuerySet[Proposal]) -> Table:
    """The figures of `items` in total, per body (人大/政协), per kind and per lead (or split) unit."""
    facts = _facts(items)
    table = Table(Figures(), {str(b.label): Figures() for b in Body}, {}, {})
    units: dict[int, list[str]] = defaultdict(list)
    answering = Assignment.objects.filter(
        proposal__in=items, active=True, role__in=[AssignmentRole.LEAD, AssignmentRole.SPLIT]
    ).values_list("proposal", "org__name")
    for pk, name in answering:
        units[pk].append(name)
    for p in items.order_by():
        f = _item_figures(p, facts)
        table.total.add(f)
        table.by_body[str(Body(p.body).label)].add(f)
        table.by_kind.setdefault(str(Kind(p.kind).label), Figures()).add(f)
        for name in units.get(p.pk, []):
            table.by_unit.setdefault(name, Figures()).add(f)
    table.by_unit = dict(sorted(table.by_unit.items()))
    return table


def summary_text(title: str, t: Table) -> str:
    """A first draft of the year's handling report (办理工作总结), from the figures; staff edit it."""
    f, r = t.total, t.total.rates
    parts = [
        f"{title}共收到人大代表建议和政协提案{f.received}件，其中"
        + "、".join(f"{name}{g.received}件" for name, g in t.by_body.items())
        + f"；重点督办{f.key}件。",
        f"已答复{f.answered}件，按期答复{f.on_time}件，办结率{_pct(r['completion'])}；"
        f"与代表委员见面沟通{f.face_to_face}件，见面率{_pct(r['face'])}，联系或走访率{_pct(r['visit'])}。",
        f"收回评价{f.evaluated}件，满意和基本满意{f.satisfied}件，满意率{_pct(r['satisfaction'])}"
        f"（初次办理满意率{_pct(r['first_satisfaction'])}）。",
    ]
    if f.classes:
        parts.append(
            "答复分类：" + "、".join(f"{code}类{n}件" for code, n in sorted(f.classes.items())) + "。"
        )
    if f.commitments:
        parts.append(
            f"答复中承诺事项{f.commitments}项，已落实{f.fulfilled}项，落实率{_pct(r['commitment'])}。"
        )
    return "".join(parts)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"
