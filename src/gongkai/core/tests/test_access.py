"""core.access: core services ask for a capability by name; a domain app provides the rule."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from gongkai.core import access


def test_unprovided_capability_admits_only_active_superusers():
    assert access.allowed("nobody_provides_this", SimpleNamespace(is_superuser=True, is_active=True))
    assert not access.allowed("nobody_provides_this", SimpleNamespace(is_superuser=True, is_active=False))
    assert not access.allowed("nobody_provides_this", SimpleNamespace(is_superuser=False, is_active=True))


@pytest.mark.django_db
def test_orgs_provides_platform_admin(tree):
    """The orgs app answers for the calendar's administrators: a root organisation's admin, not a department's."""
    from gongkai.testing.factories import staff

    root_admin = staff(tree.city, "admin")
    dept_admin = staff(tree.eco, "admin")
    assert access.allowed(access.PLATFORM_ADMIN, root_admin)
    assert not access.allowed(access.PLATFORM_ADMIN, dept_admin)
