"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import itertools

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User

from gongkai.core.actors import System
from gongkai.core.identifiers import make_credit_code
from gongkai.orgs.models import Kind, Level, Membership, Organization

_serial = itertools.count(1)

#: The actor of a test standing in for a job of the platform.
TEST_JOB = System("测试")


def credit_code() -> str:
    return make_credit_code(registrar="11", division="210400", org_code8=f"{next(_serial):08d}")


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"用户{n}")

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "Test-password-123")
        if create:
            self.save(update_fields=["password"])


def make_org(parent: Organization | None = None, **fields) -> Organization:
    """Create an organisation in the tree (treebeard needs add_root/add_child, not a plain create)."""
    n = next(_serial)
    values = {
        "name": f"测试机构{n}",
        "short_name": "",
        "credit_code": credit_code(),
        "level": Level.CITY,
        "kind": Kind.DEPARTMENT if parent else Kind.GOVERNMENT,
        **fields,
    }
    return Organization.objects.add_child(parent, values) if parent else Organization.objects.add_root(values)


def grant(user, org: Organization, *roles: str):
    for role in roles:
        Membership.objects.get_or_create(user=user, org=org, role=role)
    user.__dict__.pop("_gongkai_memberships", None)
    return user


def staff(org: Organization, *roles: str, **fields):
    return grant(UserFactory(**fields), org, *roles)
