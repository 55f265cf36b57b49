"""Graph values and results as the Python driver returns them, and their wire conversion."""

from dataclasses import dataclass, field

import quiver_pb2 as pb  # generated into the build tree (build/*/python)

from . import temporal
from .errors import ValueOutOfRangeError


@dataclass(frozen=True)
class Node:
    id: int
    labels: tuple
    properties: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Relationship:
    id: int
    type: str
    start: int
    end: int
    properties: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Path:
    nodes: tuple
    relationships: tuple


class FloatVector(list):
    """A float vector (embedding); a list of floats that travels as packed 32-bit floats."""


@dataclass
class Summary:
    counters: dict
    parse_us: int
    plan_us: int
    execute_us: int
    server_us: int
    plan_cached: bool
    plan: str
    profile: list


class Record:
    """One row: values by position (record[0]) or by column name (record["name"])."""

    __slots__ = ("_columns", "_values")

    def __init__(self, columns, values):
        self._columns = columns
        self._values = values

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return self._values[self._columns.index(key)]
            except ValueError:
                raise KeyError(key) from None
        return self._values[key]

    def __len__(self):
        return len(self._values)

    def __iter__(self):
        return iter(self._values)

    def keys(self):
        return list(self._columns)

    def values(self):
        return list(self._values)

    def data(self):
        """The record as a dict from column name to value."""
        return dict(zip(self._columns, self._values))

    def __repr__(self):
        return "Record(%r)" % self.data()


def _map_to_wire(values, out):
    for key in sorted(values):
        entry = out.entries.add()
        entry.key = key
        to_wire(values[key], entry.value)


_INT_MIN = -(1 << 63)
_INT_MAX = (1 << 63) - 1


def to_wire(value, out):
    """Writes the Python VALUE into the wire Value OUT: None, bool, int, float, str,
    FloatVector, list or tuple, dict, or a temporal value (quiver_client.temporal.to_wire).
    Raises TypeError for other types, ValueOutOfRangeError for an int outside 64 bits and for a
    temporal field out of range."""
    if value is None:
        out.null_value.SetInParent()
    elif isinstance(value, bool):
        out.bool_value = value
    elif isinstance(value, int):
        if not _INT_MIN <= value <= _INT_MAX:
            raise ValueOutOfRangeError(
                "ArgumentError", "IntegerOverflow",
                "the integer %d does not fit in the 64 bits of a Quiver integer" % value)
        out.int_value = value
    elif isinstance(value, float):
        out.float_value = value
    elif isinstance(value, str):
        out.string_value = value
    elif isinstance(value, FloatVector):
        out.vector_value.values.extend(value)
    elif isinstance(value, (list, tuple)):
        out.list_value.SetInParent()
        for item in value:
            to_wire(item, out.list_value.values.add())
    elif isinstance(value, dict):
        out.map_value.SetInParent()
        _map_to_wire(value, out.map_value)
    elif not temporal.to_wire(value, out):
        raise TypeError("cannot send a %s as a Quiver value" % type(value).__name__)


def params_to_wire(params, out):
    _map_to_wire(params, out)


def _map_from_wire(wire_map):
    return {entry.key: from_wire(entry.value) for entry in wire_map.entries}


def _node(n):
    return Node(n.id, tuple(n.labels), _map_from_wire(n.properties))


def _relationship(r):
    return Relationship(r.id, r.type, r.start, r.end, _map_from_wire(r.properties))


def from_wire(value):
    """The Python value of the wire Value VALUE."""
    kind = value.WhichOneof("kind")
    if kind == "null_value" or kind is None:
        return None
    if kind == "bool_value":
        return value.bool_value
    if kind == "int_value":
        return value.int_value
    if kind == "float_value":
        return value.float_value
    if kind == "string_value":
        return value.string_value
    if kind == "list_value":
        return [from_wire(v) for v in value.list_value.values]
    if kind == "map_value":
        return _map_from_wire(value.map_value)
    if kind == "node_value":
        return _node(value.node_value)
    if kind == "relationship_value":
        return _relationship(value.relationship_value)
    if kind == "path_value":
        p = value.path_value
        return Path(tuple(_node(n) for n in p.nodes),
                    tuple(_relationship(r) for r in p.relationships))
    if kind == "vector_value":
        return FloatVector(value.vector_value.values)
    moment = temporal.from_wire(value, kind)
    if moment is None:
        raise ValueError("unknown value kind %s" % kind)
    return moment


def summary_from_wire(s):
    c = s.counters
    counters = {f.name: getattr(c, f.name) for f in pb.Counters.DESCRIPTOR.fields}
    profile = [(op.name, op.depth, op.rows, op.time_us) for op in s.profile]
    return Summary(counters, s.parse_us, s.plan_us, s.execute_us, s.server_us, s.plan_cached,
                   s.plan, profile)
