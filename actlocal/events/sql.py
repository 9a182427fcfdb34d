"""Statements the RSVP hot path runs thousands of times in a surge, written out once instead of compiled
by the ORM on every call.

Measured on the demo dataset (SQLite, one process): the ORM spends 0.2-0.5 ms building and reading back a
one-row ``SELECT`` or ``UPDATE`` that the database answers in 0.02 ms, and a surge runs the same few
statements per RSVP. Each statement here is built once per model and engine from the model's own
metadata (table, columns, quoting), and rows come back as model instances through ``Model.from_db``, so
what callers get is what the ORM would have given them (unlisted fields load on access).

Only for the hot path's narrow, well-known statements (an event by slug or id, a person by e-mail, the seat
counters, a new RSVP or person); anything else stays in the ORM.

They run on the driver's own cursor, with SQLite's ``?`` placeholders written in at build time: Django's
cursor wrapper adds about 10 microseconds a statement (placeholder rewriting, logging hooks), which is
a tenth of an RSVP's time under SQLite's write lock. Its one service that matters here is kept: driver
errors become Django's (``IntegrityError``, which the RSVP's retry catches). So these statements do not
appear in ``connection.queries`` or ``assertNumQueries``.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache

from django.db import (
    DEFAULT_DB_ALIAS,
    InterfaceError,
    OperationalError,
    connection,
    connections,
    models,
)
from django.db.models.base import DEFERRED
from django.db.models.signals import post_save, pre_save


def _column(model: type[models.Model], name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _placeholders(statement: str, vendor: str) -> str:
    # Names are quoted and values are parameters, so "%s" in a statement built here is only a placeholder.
    return statement.replace("%s", "?") if vendor == "sqlite" else statement


def _db():
    """This thread's connection itself. Why not ``django.db.connection``: that is a proxy, and every
    attribute read through it looks the connection up again (tens of reads per RSVP)."""
    return connections[DEFAULT_DB_ALIAS]


def _run(db, statement: str, params):
    """Execute one statement built here on the driver's cursor; returns that cursor.

    On PostgreSQL the statement is prepared, once per connection, and its values travel beside it (server-
    side binding): Django's default cursor writes every value into the text of each statement, which the
    server then parses and plans again, and an RSVP's values are a few kilobytes of JSON. (Django turns
    psycopg's prepared statements off; ``config.py`` turns them back on.)

    A persistent connection that broke since the last request (the server restarted) is replaced, as
    Django's health check (``CONN_HEALTH_CHECKS``) replaces it before a request's first query. Only not by
    asking ``SELECT 1`` first, a round trip on every request, but after the request's first statement
    fails on it: then the connection is replaced and the statement run once more."""
    checking = db.health_check_enabled and not db.health_check_done and db.connection is not None
    if checking:
        db.health_check_done = True
    db.ensure_connection()
    try:
        return _execute(db, statement, params)
    except (OperationalError, InterfaceError):
        if not checking or db.in_atomic_block or db.is_usable():
            raise
    db.close()
    db.ensure_connection()
    return _execute(db, statement, params)


def _execute(db, statement: str, params):
    with db.wrap_database_errors:
        if db.vendor == "postgresql":
            import psycopg

            cursor = psycopg.Cursor(db.connection)
            cursor.execute(statement, params, prepare=True)
        else:
            cursor = db.connection.cursor()
            cursor.execute(statement, params)
        return cursor


def run(statement: str, params: list):
    """One statement written for the hot path (``%s`` placeholders), on the driver's cursor as above."""
    db = _db()
    return _run(db, _placeholders(statement, db.vendor), params)


@cache
def _select_sql(
    model: type[models.Model], fields: tuple[str, ...], where: tuple[str, ...], tail: str, vendor: str
) -> str:
    columns = ", ".join(_column(model, f) for f in fields)
    condition = " AND ".join(f"{_column(model, f)} = %s" for f in where)
    # Names come from the model's metadata, quoted; every value is a parameter.
    return _placeholders(f"SELECT {columns} FROM {_table(model)} WHERE {condition} {tail}".strip(), vendor)  # noqa: S608


def fetch_one(model, fields: tuple[str, ...], *, for_update: bool = False, order_by: str = "", **where):
    """The first row of ``model`` where every ``where`` column equals its value, as an instance with only
    ``fields`` loaded; None when there is none. ``for_update`` locks the row (PostgreSQL; SQLite's
    write lock, taken at BEGIN IMMEDIATE, already covers it)."""
    db = _db()
    fields = in_model_order(model, tuple(fields))
    tail = f"ORDER BY {_column(model, order_by)} " if order_by else ""
    tail += "LIMIT 1"
    if for_update and db.features.has_select_for_update:
        tail += " FOR UPDATE"
    sql = _select_sql(model, tuple(fields), tuple(where), tail, db.vendor)
    row = _run(db, sql, list(where.values())).fetchone()
    return None if row is None else instance(model, fields, row)


def instance(model, fields: tuple[str, ...], row):
    """An instance from a row of ``fields`` (attribute names, in the model's order: ``in_model_order``) as
    the driver handed it, converted as the ORM converts what it reads."""
    db = _db()
    values = list(row)
    for i, expression, converters in _converters(model, tuple(fields), db.vendor):
        for convert in converters:
            values[i] = convert(values[i], expression, db)
    return _from_db(model, db.alias, tuple(fields), values)


def instance_from_json(model, row: dict | str, fields: tuple[str, ...]):
    """An instance with ``fields`` (attribute names) loaded from a whole row as PostgreSQL's ``to_jsonb``
    writes it (column → JSON value); the rest load on access, as after ``only()``. Django has the driver
    hand JSON over as text (its fields parse their own), so text is parsed here."""
    if isinstance(row, str):
        row = json.loads(row)
    fields = in_model_order(model, tuple(fields))
    values = []
    for field, plain in _json_fields(model, fields):
        value = row[field.column]
        # JSON's text, numbers and booleans are already what a plain field holds (see _PLAIN).
        values.append(value if plain is not None and type(value) in plain else field.to_python(value))
    return _from_db(model, _db().alias, fields, values)


@cache
def _json_fields(model: type[models.Model], fields: tuple[str, ...]) -> list:
    return [(field, _plain_types(field)) for field in (model._meta.get_field(name) for name in fields)]


def _from_db(model, alias: str, fields: tuple[str, ...], values: list):
    """``model.from_db(alias, fields, values)``, the rest deferred, with the positions worked out once per
    model and field list: ``from_db`` looks each of the model's fields up in the list of loaded ones."""
    if model.from_db.__func__ is not models.Model.from_db.__func__:  # a model's own: it gets its way
        return model.from_db(alias, list(fields), values)
    positions = _positions(model, fields)
    obj = model(*[DEFERRED if i is None else values[i] for i in positions])
    obj._state.adding = False
    obj._state.db = alias
    return obj


@cache
def _positions(model: type[models.Model], fields: tuple[str, ...]) -> tuple:
    """For each of the model's concrete fields, its index among ``fields`` (model order), or None."""
    index = {name: i for i, name in enumerate(fields)}
    return tuple(index.get(f.attname) for f in model._meta.concrete_fields)


@cache
def in_model_order(model: type[models.Model], fields: tuple[str, ...]) -> tuple[str, ...]:
    """``from_db`` takes values in the model's field order, by attribute name (``user_id``)."""
    wanted = {model._meta.get_field(name).attname for name in fields}
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in wanted)


@cache
def _converters(model: type[models.Model], fields: tuple[str, ...], vendor: str) -> list:
    """Per column, what turns the database's value into the ORM's (SQLite hands datetimes back as text)."""
    out = []
    for i, name in enumerate(fields):
        field = model._meta.get_field(name)
        expression = field.get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(expression) + field.get_db_converters(connection)
        if converters:
            out.append((i, expression, converters))
    return out


@cache
def _update_sql(model: type[models.Model], fields: tuple[str, ...], vendor: str) -> str:
    assignments = ", ".join(f"{_column(model, f)} = %s" for f in fields)
    statement = f"UPDATE {_table(model)} SET {assignments} WHERE {_column(model, 'id')} = %s"  # noqa: S608
    return _placeholders(statement, vendor)


def update_one(model, pk: int, **values) -> None:
    """``UPDATE`` plain values (numbers, text) on the row with primary key ``pk``."""
    db = _db()
    _run(db, _update_sql(model, tuple(values), db.vendor), [*values.values(), pk])


# Field types (exactly these, not subclasses, which may convert) whose ``get_db_prep_save`` hands a value of
# the listed Python types to the driver unchanged (``str(a_str)``, ``int(an_int)``): for such a value the
# insert passes it straight through, skipping three calls per column (a Person has thirty columns).
_TEXT = (str, type(None))
_PLAIN = {
    models.CharField: _TEXT,
    models.EmailField: _TEXT,
    models.TextField: _TEXT,
    models.URLField: _TEXT,
    models.SlugField: _TEXT,
    models.BooleanField: (bool, type(None)),
    models.FloatField: (float, type(None)),
    models.IntegerField: (int, type(None)),  # exact types: a bool is not passed as an int
    models.PositiveSmallIntegerField: (int, type(None)),
    models.PositiveIntegerField: (int, type(None)),
    models.DateTimeField: (type(None),),  # an unset moment (a datetime itself is converted)
}


# What a field class may override to change a value on its way to the database: a subclass of a plain
# type that overrides none of these (``VisibilityField``, a CharField with choices) is as plain as its base.
_CONVERTING = ("pre_save", "get_prep_value", "get_db_prep_value", "get_db_prep_save", "to_python")


def _plain_types(field: models.Field) -> tuple | None:
    if isinstance(field, models.ForeignKey) and type(field.target_field) in (
        models.AutoField,
        models.BigAutoField,
    ):
        return (int, type(None))
    for base, types in _PLAIN.items():
        if _is_plain(field, base):
            return types
    return None


@cache
def _insert_sql(model: type[models.Model], vendor: str) -> tuple[list, str, bool]:
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    returning = connection.features.can_return_columns_from_insert
    tail = f" RETURNING {_column(model, model._meta.pk.name)}" if returning else ""
    plan = [(f, f.attname, _converter(f, vendor), _own_pre_save(f)) for f in fields]
    statement = _placeholders(f"INSERT INTO {_table(model)} ({columns}) VALUES ({marks}){tail}", vendor)  # noqa: S608
    return plan, statement, returning


def _own_pre_save(field: models.Field) -> bool:
    """Whether the field's ``pre_save`` does more than read the attribute (``auto_now``)."""
    if _is_plain(field, models.DateTimeField) or _is_plain(field, models.DateField):
        return field.auto_now or field.auto_now_add
    return type(field).pre_save is not models.Field.pre_save


def _is_plain(field: models.Field, base: type[models.Field]) -> bool:
    return isinstance(field, base) and all(
        getattr(type(field), name) is getattr(base, name) for name in _CONVERTING
    )


def _converter(field: models.Field, vendor: str):
    """``field.get_db_prep_save`` for one column, with a shortcut for the values it would pass through or
    convert trivially: the full conversion costs three to six calls per column, and a Person has thirty.
    Each shortcut gives exactly what the field would (``tests/test_sql_insert.py`` compares them)."""
    if vendor == "sqlite" and _is_plain(field, models.DateTimeField):
        # SQLite stores a moment as text, in the connection's time zone (UTC unless the database sets
        # one): an aware UTC datetime, which is what ``timezone.now()`` gives, is that text already.
        def convert(value, db):
            if value is None:
                return None
            if type(value) is datetime and value.tzinfo is UTC and db.timezone is UTC:
                return str(value.replace(tzinfo=None))
            return field.get_db_prep_save(value, db)

    elif (plain := _plain_types(field)) is not None:

        def convert(value, db):
            return value if type(value) in plain else field.get_db_prep_save(value, db)

    elif vendor == "sqlite" and _is_plain(field, models.JSONField) and field.encoder is None:
        # SQLite stores JSON as the text ``json.dumps`` writes (PostgreSQL's driver takes a wrapper).
        def convert(value, db):
            if type(value) in (dict, list):
                return json.dumps(value)
            return field.get_db_prep_save(value, db)

    else:

        def convert(value, db):
            return field.get_db_prep_save(value, db)

    return convert


@cache
def _defaults(model: type[models.Model]) -> tuple[tuple[str, ...], list]:
    """Per concrete field: its attribute name, and its default as ``Model()`` would set it: a constant,
    or what to call for each instance (a callable default: a fresh ``dict``, the current time)."""
    names, defaults = [], []
    for field in model._meta.concrete_fields:
        names.append(field.attname)
        if field.has_default() and callable(field.default):
            defaults.append(field.default)
        elif field.has_db_default():
            defaults.append(field.get_default)  # a new expression object each time, as Model() makes
        else:
            defaults.append(_Constant(field.get_default()))
    return tuple(names), defaults


class _Constant:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def new(model: type[models.Model], **values) -> models.Model:
    """A new, unsaved ``model(**values)``, given attribute names (``event_id``, not ``event``), built the
    way the ORM builds rows it reads: positionally, at a third of the cost of keyword arguments.
    ``tests/test_sql_insert.py`` holds it to the same instance as ``model(**values)``."""
    names, defaults = _defaults(model)
    args = [
        values.pop(name) if name in values else (d.value if type(d) is _Constant else d())
        for name, d in zip(names, defaults, strict=True)
    ]
    if values:
        raise TypeError(f"{model.__name__} has no field {', '.join(values)}")
    return model(*args)


class PreparedInsert:
    """``obj.save()`` for a new, single-table row, in one ``INSERT``, with every value converted when this
    is made: every field's own defaults and conversions (``auto_now_add``, datetimes on SQLite) and the
    ``pre_save``/``post_save`` signals, as the ORM would send them (the search index listens to people).

    Why made apart from run: a value converted here is not converted under a lock. ``set`` puts in what is
    decided later (an id, a status, the moment of arrival), converted the same way."""

    def __init__(self, obj: models.Model):
        model = type(obj)
        self.obj, self.db = obj, _db()
        if pre_save.has_listeners(model):
            pre_save.send(sender=model, instance=obj, raw=False, using=self.db.alias, update_fields=None)
        self.plan, self.statement, self.returning = _insert_sql(model, self.db.vendor)
        self.index = _attname_index(model, self.db.vendor)
        db = self.db
        self.params = [
            convert(field.pre_save(obj, True) if own else getattr(obj, attname), db)
            for field, attname, convert, own in self.plan
        ]

    def set(self, attname: str, value) -> None:
        setattr(self.obj, attname, value)
        i = self.index[attname]
        self.params[i] = self.plan[i][2](value, self.db)

    def run(self) -> int:
        """Insert the row; returns (and sets) its primary key."""
        obj, db = self.obj, self.db
        cursor = _run(db, self.statement, self.params)
        obj.pk = cursor.fetchone()[0] if self.returning else cursor.lastrowid
        obj._state.adding = False
        obj._state.db = db.alias
        if post_save.has_listeners(type(obj)):
            post_save.send(
                sender=type(obj), instance=obj, created=True, update_fields=None, raw=False, using=db.alias
            )
        return obj.pk


@cache
def _attname_index(model: type[models.Model], vendor: str) -> dict[str, int]:
    plan = _insert_sql(model, vendor)[0]
    return {entry[1]: i for i, entry in enumerate(plan)}


def insert(obj: models.Model) -> None:
    """``obj.save()`` for a new row in one ``INSERT`` (see ``PreparedInsert``); a model with its own
    ``save()`` gets it."""
    if type(obj).save is not models.Model.save:
        obj.save(force_insert=True)
        return
    PreparedInsert(obj).run()


def fetch_values(model, fields: tuple[str, ...], *, order_by: str = "", **where) -> tuple | None:
    """The first matching row's values as the driver hands them (no conversion, no instance), in the order
    of ``fields``; None when there is none. For reads under a lock that need only numbers and text."""
    db = _db()
    tail = (f"ORDER BY {_column(model, order_by)} " if order_by else "") + "LIMIT 1"
    sql = _select_sql(model, tuple(fields), tuple(where), tail, db.vendor)
    return _run(db, sql, list(where.values())).fetchone()


@cache
def _row_plan(model: type[models.Model]) -> list:
    """Per column: the field, its name, the value types it passes through unconverted (see _PLAIN), and
    whether its ``pre_save`` is its own (``auto_now``) rather than a plain read of the attribute."""
    return [
        (f, f.column, f.attname, _plain_types(f), _own_pre_save(f))
        for f in model._meta.concrete_fields
        if not f.primary_key
    ]


def _json_default(value):
    if hasattr(value, "isoformat"):  # datetime, date, time: full precision, with the offset
        return value.isoformat()
    return str(value)  # Decimal, UUID


def row_json(obj: models.Model) -> str:
    """A new row for ``obj`` as a JSON object of column → value, for PostgreSQL's ``jsonb_populate_record``:
    every concrete field but the key, with its default and ``pre_save`` (``auto_now_add``) applied, as the
    ORM's INSERT would write it. A JSON field's value stays an object, not a string holding one."""
    values = {}
    for field, column, attname, plain, own_pre_save in _row_plan(type(obj)):
        value = field.pre_save(obj, True) if own_pre_save else getattr(obj, attname)
        values[column] = value if plain is not None and type(value) in plain else field.get_prep_value(value)
    return json.dumps(values, default=_json_default, separators=(",", ":"))
