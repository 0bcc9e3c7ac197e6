from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.core.actors import System
from gongkai.core.models import AuditEvent
from gongkai.workdays import services
from gongkai.workdays.calendar import add_workdays
from gongkai.workdays.models import CalendarYear

pytestmark = pytest.mark.django_db

CAL_2027 = """# 2027 (hypothetical notice for tests)
2027-01-01,holiday,元旦
2027-02-05..2027-02-11,holiday,春节
2027-02-13,workday,春节调休
2027-10-01..2027-10-07,holiday,国庆节
2027-09-26，班，国庆调休
"""


def test_entering_2027_makes_deadlines_computable(people):
    from gongkai.testing.factories import UserFactory

    admin = UserFactory(is_superuser=True)
    years = services.calendar_import_text(actor=admin, text=CAL_2027, source="测试通知")
    assert [y.year for y in years] == [2027]
    assert add_workdays(date(2026, 12, 20), 20) == date(2027, 1, 18)
    assert AuditEvent.objects.filter(action="calendar.year_set", object_id=str(years[0].pk)).exists()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2027-13-01,holiday", "第1行"),
        ("2027-01-01,holiday\n2027-01-02,maybe", "第2行"),
        ("2027-01-01", "第1行"),
        ("2027-01-05,workday,not a weekend", "本来就是工作日"),
        ("2027-03-01..2027-01-01,holiday", "区间"),
        ("# only a comment", "没有任何日期"),
        ("2027-01-01,holiday\n2027-01-01,workday", "矛盾"),
    ],
)
def test_malformed_files_are_refused_whole(text, fragment):
    with pytest.raises(ValidationError) as info:
        services.calendar_import_text(actor=System("测试"), text=text)
    assert any(fragment in m for m in info.value.messages)
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_a_bad_line_leaves_an_existing_year_untouched():
    services.calendar_import_text(actor=System("测试"), text=CAL_2027)
    with pytest.raises(ValidationError):
        services.calendar_import_text(actor=System("测试"), text="2027-05-01,holiday\n2027-05-02,oops")
    assert CalendarYear.objects.get(year=2027).days.count() == 17


def test_only_platform_administrators_maintain_the_calendar(people):
    with pytest.raises(PermissionDenied):
        services.calendar_import_text(actor=people.eco_editor, text=CAL_2027)
    with pytest.raises(PermissionDenied):
        services.calendar_import_text(actor=people.county_admin, text=CAL_2027)
    services.calendar_import_text(actor=people.city_admin, text=CAL_2027)


def test_command_imports_and_reports_errors(tmp_path, capsys):
    good = tmp_path / "2027.txt"
    good.write_text(CAL_2027, encoding="utf-8")
    call_command("workdays", "import", str(good), "--source", "国办发明电〔2026〕1号")
    assert CalendarYear.objects.get(year=2027).source == "国办发明电〔2026〕1号"
    bad = tmp_path / "bad.txt"
    bad.write_text("2028-01-01,holiday\nnonsense", encoding="utf-8")
    with pytest.raises(CommandError, match="第2行"):
        call_command("workdays", "import", str(bad))
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("workdays", "import", str(tmp_path / "missing.txt"))


def test_seed_is_idempotent():
    assert CalendarYear.objects.filter(year=2026).exists()  # seeded by migration
    assert services.calendar_seed(actor=System("测试")) == []
