"""Python driver for quiverd, the Quiver server.

    import quiver_client
    with quiver_client.connect("127.0.0.1", 7688, user="admin", password="secret") as db:
        db.run("CREATE (:Person {name: $name})", name="Ada")
        for record in db.run("MATCH (p:Person) RETURN p.name AS name"):
            print(record["name"])
        with db.transaction() as tx:
            tx.run("CREATE (:Person {name: 'Grace'})")

Values arrive as Python values: None, bool, int, float, str, list, dict, Node, Relationship,
Path and FloatVector from quiver_client.types, and Date, LocalTime, Time, LocalDateTime,
DateTime and Duration from quiver_client.temporal (each converts to Python's datetime types).
Parameters take the same values, and Python's date, time, datetime and timedelta too. Failures
raise QuiverError subclasses carrying the server's category, detail and position.
"""

from .connection import Connection, Result, Transaction, connect
from .errors import (AuthenticationError, ConnectionError, ForbiddenError, ProtocolError,
                     QuiverError, TimeoutError, TransactionError, ValueOutOfRangeError)
from .temporal import Date, DateTime, Duration, LocalDateTime, LocalTime, Time
from .types import FloatVector, Node, Path, Record, Relationship, Summary

__all__ = [
    "connect", "Connection", "Result", "Transaction", "QuiverError", "AuthenticationError",
    "ConnectionError", "ForbiddenError", "ProtocolError", "TimeoutError", "TransactionError",
    "ValueOutOfRangeError",
    "Node", "Relationship", "Path", "FloatVector", "Record", "Summary",
    "Date", "LocalTime", "Time", "LocalDateTime", "DateTime", "Duration",
]
