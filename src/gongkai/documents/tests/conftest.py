"""Documents fixtures: the catalog's helpers, to run attachments through the real services."""

from gongkai.catalog.tests.conftest import make_item, publish, taxonomy  # noqa: F401 - fixtures
