"""Bulk inserts for batch services (imports): what `QuerySet.bulk_create` does, with less work per value.

`bulk_create` runs every value of every row through the SQL compiler (expression checks, `pre_save`,
`get_db_prep_save`): about a third of an import's time for rows of forty columns. Here the columns are worked
out once per model, and a value that is already what the database takes (`None`, or a `str`, `int` or
`bool` in a plain text, number, boolean or foreign-key column) is passed as it is; any other value goes through its
field's `get_db_prep_save` as `bulk_create` would; `auto_now` / `auto_now_add` columns take one moment for the
whole call. Like `bulk_create`: no `save()`, no signals, primary keys set on the objects from `RETURNING`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django.db import connections, models, router

#: Field classes (exactly these, not subclasses) whose database value is the Python value for str/int/bool.
_PLAIN_FIELDS = frozenset(
    {
        models.CharField,
        models.TextField,
        models.SlugField,
        models.IntegerField,
        models.SmallIntegerField,
        models.BigIntegerField,
        models.PositiveIntegerField,
        models.PositiveSmallIntegerField,
        models.PositiveBigIntegerField,
        models.BooleanField,
        models.ForeignKey,
        models.OneToOneField,
    }
)
_PLAIN_VALUES = (str, int, bool, type(None))


@functools.cache
def _columns(model: type[models.Model]) -> tuple[list[models.Field], list[bool], list[bool]]:
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    plain = [type(f) in _PLAIN_FIELDS for f in fields]
    stamped = [bool(getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)) for f in fields]
    return fields, plain, stamped


def insert(model: type[models.Model], objs: Sequence[models.Model], *, batch_size: int = 300) -> None:
    """INSERT new objects (no primary key yet) in multi-row statements and set their primary keys."""
    if not objs:
        return
    alias = router.db_for_write(model) or "default"
    connection = connections[alias]
    if not connection.features.can_return_rows_from_bulk_insert or any(o.pk is not None for o in objs):
        model._default_manager.using(alias).bulk_create(objs, batch_size=batch_size)
        return
    fields, plain, stamped = _columns(model)
    quote = connection.ops.quote_name
    size = max(1, min(batch_size, connection.ops.bulk_batch_size(fields, objs)))
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608 - identifiers from the model; values are parameters
        quote(model._meta.db_table), ", ".join(quote(str(f.column)) for f in fields)
    )
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    tail = " RETURNING " + quote(str(model._meta.pk.column))
    rows = list(zip(fields, plain, stamped, strict=True))
    # auto_now / auto_now_add: one moment for the whole call (bulk_create asks the clock per object and field),
    # converted for the database once.
    stamps = {}
    for field, _, is_stamped in rows:
        if is_stamped:
            moment = field.pre_save(objs[0], True)
            stamps[field.attname] = (moment, field.get_db_prep_save(moment, connection))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            chunk = objs[start : start + size]
            params: list = []
            for obj in chunk:
                for field, is_plain, is_stamped in rows:
                    if is_stamped:
                        moment, value = stamps[field.attname]
                        setattr(obj, field.attname, moment)
                        params.append(value)
                        continue
                    value = getattr(obj, field.attname)
                    if value is not None and not (is_plain and type(value) in _PLAIN_VALUES):
                        value = field.get_db_prep_save(value, connection)
                    params.append(value)
            cursor.execute(head + ", ".join([one] * len(chunk)) + tail, params)
            for obj, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = alias
