"""Who may do what to an interpretation. An interpretation is a catalog item: drafting it is drafting an item of
its organ (`catalog.rules.ItemRules`); review and publication are the catalog's. Reach comes from `orgs.access`."""

from __future__ import annotations

from gongkai.catalog.rules import STAFF_ROLES, ItemRules
from gongkai.core import actors
from gongkai.core.actors import Actor
from gongkai.orgs import access
from gongkai.orgs.models import Organization


class InterpretationRules:
    """What `user` may do with interpretations of `org`."""

    def __init__(self, user: Actor | None, org: Organization) -> None:
        self.user = user
        self.org = org

    def may_draft(self) -> bool:
        return ItemRules(self.user, org=self.org).may_draft()

    def may_view(self) -> bool:
        return actors.is_system(self.user) or access.has_role(self.user, self.org, *STAFF_ROLES)


def may_draft_somewhere(user: Actor | None) -> bool:
    """Whether the user drafts catalog items anywhere (the back office's "起草解读" link)."""
    from gongkai.catalog.rules import EDITOR_ROLES

    return actors.is_system(user) or access.holds_role(user, *EDITOR_ROLES)


class RecordRules:
    """Press conferences, responses, gazette issues and new-media records of `org`: editors and offices record
    them (the catalog's drafting roles); reviewers and offices publish a conference (the catalog's publishing
    roles)."""

    def __init__(self, user: Actor | None, org: Organization) -> None:
        self.user = user
        self.org = org

    def may_record(self) -> bool:
        return ItemRules(self.user, org=self.org).may_draft()

    def may_publish(self) -> bool:
        return ItemRules(self.user, org=self.org).may_publish()
