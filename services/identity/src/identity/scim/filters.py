"""SCIM filters (RFC 7644 §3.4.2.2) as SQL: scim2-models parses and checks them, this walks the
tree with its FilterVisitor and emits SQLAlchemy conditions over the attributes a resource maps.

Attributes are named by the URN scim2-models binds them to (`...:User:name.givenName`); a
comparison with a complex attribute compares its `value`. An attribute the resource declares but
does not map, or that the other resource type of a root search declares, matches nothing, as
RFC 7644 §3.4.2.1 has it. Unassigned values never match a comparison other than `ne`, under `not`
too (SQL's NULLs would otherwise leak through a negation).
"""

from __future__ import annotations

import operator
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from scim2_models import InvalidFilterException, ScimFilter
from scim2_models.path import (
    AttributeBinding,
    AttrPath,
    CompareOperator,
    Comparison,
    FilterVisitor,
    LogicalExpr,
    LogicalOperator,
    Not,
    Present,
    ValuePath,
    coerce_value,
)
from sqlalchemy import ColumnElement, SQLColumnExpression, String, and_, cast, false, func, not_, or_, true

Kind = Literal["text", "ci", "uuid", "bool", "datetime"]
Condition = ColumnElement[bool]


@dataclass(frozen=True)
class Col:
    """A mapped attribute: an SQL value and how it compares (`ci`: case-insensitive text)."""

    expr: SQLColumnExpression[Any]
    kind: Kind


@dataclass(frozen=True)
class Const:
    """An attribute whose value is the same for every resource (`emails.type` is always work)."""

    value: Any


@dataclass(frozen=True)
class Relation:
    """A multi-valued attribute held by other rows: its sub-attributes are columns of those rows and
    a condition on one entry becomes `exists` (so `members[value eq "x" and type eq "User"]`
    speaks of one member)."""

    exists: Callable[[Condition], Condition]
    columns: Mapping[str, Col | Const]


@dataclass(frozen=True)
class AttributeMap:
    """How a resource type's attributes map to SQL, keyed by casefolded attribute URN."""

    columns: Mapping[str, Col | Const]
    relations: tuple[Relation, ...] = ()
    present: Mapping[str, Condition] = field(default_factory=dict)

    def relation_of(self, key: str) -> Relation | None:
        return next((rel for rel in self.relations if key in rel.columns), None)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_ORDER = {
    CompareOperator.gt: operator.gt,
    CompareOperator.ge: operator.ge,
    CompareOperator.lt: operator.lt,
    CompareOperator.le: operator.le,
}


def _const(actual: Any, op: CompareOperator, expected: Any) -> Condition:
    if isinstance(actual, str) and isinstance(expected, str):
        actual, expected = actual.lower(), expected.lower()
    if op is CompareOperator.eq:
        return true() if actual == expected else false()
    if op is CompareOperator.ne:
        return true() if actual != expected else false()
    if not isinstance(actual, str) or not isinstance(expected, str):
        return false()
    found = {
        CompareOperator.co: expected in actual,
        CompareOperator.sw: actual.startswith(expected),
        CompareOperator.ew: actual.endswith(expected),
    }.get(op)
    if found is None:
        found = _ORDER[op](actual, expected)
    return true() if found else false()


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def compare(col: Col | Const, op: CompareOperator, value: Any) -> Condition:
    """One comparison, never NULL."""
    if isinstance(col, Const):
        return _const(col.value, op, value)
    expr: SQLColumnExpression[Any] = col.expr
    if value is None:
        if op is CompareOperator.eq:
            return expr.is_(None)
        return expr.isnot(None) if op is CompareOperator.ne else false()
    if col.kind == "uuid":
        if op in (CompareOperator.eq, CompareOperator.ne):
            parsed = _uuid(value)
            if parsed is None:
                return false() if op is CompareOperator.eq else true()
            value = parsed
        else:
            expr, value = cast(expr, String), str(value)
    elif col.kind == "ci":
        expr, value = func.lower(expr), str(value).lower()
    if op is CompareOperator.ne:
        return expr.is_distinct_from(value)
    condition: ColumnElement[Any]
    if op is CompareOperator.eq:
        condition = expr == value
    elif op in (CompareOperator.co, CompareOperator.sw, CompareOperator.ew):
        escaped = _escape_like(str(value))
        pattern = {
            CompareOperator.co: f"%{escaped}%",
            CompareOperator.sw: f"{escaped}%",
            CompareOperator.ew: f"%{escaped}",
        }[op]
        condition = cast(expr, String).like(pattern, escape="\\")
    else:
        condition = _ORDER[op](expr, value)
    return func.coalesce(condition, false())


class SqlFilter(FilterVisitor[Condition]):
    """Translates one bound filter for one resource type."""

    def __init__(self, scim_filter: ScimFilter[Any], mapping: AttributeMap) -> None:
        self.filter = scim_filter
        self.mapping = mapping
        self.inside: Relation | None = None
        self.prefix: AttrPath | None = None

    def _path(self, attr_path: AttrPath) -> AttrPath:
        # Inside `emails[...]` the attributes are the entry's: `type` is `emails.type`.
        if self.prefix is None:
            return attr_path
        return AttrPath(self.prefix.attr, attr_path.attr, self.prefix.uri)

    def _binding(self, attr_path: AttrPath, *, comparison: bool) -> AttributeBinding | None:
        path = self._path(attr_path)
        resolve = self.filter.resolve_comparison if comparison else self.filter.resolve
        try:
            return resolve(path, strict=False)
        except InvalidFilterException:
            return None

    def _lookup(self, key: str, condition: Callable[[Col | Const], Condition]) -> Condition:
        relation = self.mapping.relation_of(key)
        if relation is not None:
            inner = condition(relation.columns[key])
            return inner if self.inside is relation else relation.exists(inner)
        column = self.mapping.columns.get(key)
        return condition(column) if column is not None else false()

    def visit_comparison(self, node: Comparison) -> Condition:
        binding = self._binding(node.attr_path, comparison=True)
        if binding is None:
            return false()
        key = binding.urn.casefold()
        if binding.sub_field_name is None and f"{key}.value" in self._keys():
            key = f"{key}.value"
        value = coerce_value(binding, node.value, node.op)
        return self._lookup(key, lambda column: compare(column, node.op, value))

    def _keys(self) -> set[str]:
        keys = set(self.mapping.columns)
        for relation in self.mapping.relations:
            keys.update(relation.columns)
        return keys

    def visit_present(self, node: Present) -> Condition:
        binding = self._binding(node.attr_path, comparison=False)
        if binding is None:
            return false()
        key = binding.urn.casefold()
        if key in self.mapping.present:
            return self.mapping.present[key]
        if f"{key}.value" in self._keys():
            key = f"{key}.value"
        for relation in self.mapping.relations:
            if any(column.startswith(f"{key}.") for column in relation.columns):
                return true() if self.inside is relation else relation.exists(true())
        return self._lookup(key, lambda column: compare(column, CompareOperator.ne, None))

    def visit_not(self, node: Not) -> Condition:
        return not_(self.visit(node.expr))

    def visit_logical_expr(self, node: LogicalExpr) -> Condition:
        terms = [self.visit(term) for term in node.terms]
        return and_(*terms) if node.op == LogicalOperator.and_ else or_(*terms)

    def visit_value_path(self, node: ValuePath) -> Condition:
        binding = self._binding(node.attr_path, comparison=False)
        if binding is None:
            return false()
        key = binding.urn.casefold()
        relation = next(
            (rel for rel in self.mapping.relations if any(c.startswith(f"{key}.") for c in rel.columns)),
            None,
        )
        outer_inside, outer_prefix = self.inside, self.prefix
        self.inside, self.prefix = relation, node.attr_path
        try:
            inner = self.visit(node.val_filter)
        finally:
            self.inside, self.prefix = outer_inside, outer_prefix
        return relation.exists(inner) if relation is not None else inner


def where(scim_filter: ScimFilter[Any] | None, mapping: AttributeMap) -> Condition:
    """The SQL condition of a filter (everything when there is none)."""
    if scim_filter is None:
        return true()
    return SqlFilter(scim_filter, mapping).visit(scim_filter.ast)


def sort_key(binding: AttributeBinding | None, mapping: AttributeMap) -> SQLColumnExpression[Any] | None:
    """The SQL value to order by for a `sortBy` attribute, None when it is not a plain column."""
    if binding is None:
        return None
    column = mapping.columns.get(binding.urn.casefold())
    if not isinstance(column, Col):
        return None
    return func.lower(column.expr) if column.kind == "ci" else column.expr


def bind(expression: str, model: type[Any]) -> ScimFilter[Any]:
    """A filter string bound to another resource type (a root search binds it to each)."""
    bound: ScimFilter[Any] = ScimFilter[model](expression)  # type: ignore[valid-type]
    return bound
