"""Python driver for quiverd, the Quiver server.

    import quiver_client
    with quiver_client.connect("127.0.0.1", 7688, user="admin", password="secret") as db:
        db.run("CREATE (:Person {name: $name})", name="Ada")
        for record in db.run("MATCH (p:Person) RETURN p.name AS name"):
            print(record["name"])
        with db.transaction() as tx:
            tx.run("CREATE (:Person {name: 'Grace'})")

Values arrive as Python values: None, bool, int, float, str, list, dict, and Node,
Relationship, Path and FloatVector from quiver_client.types. Failures raise QuiverError
subclasses carrying the server's category, detail and position.
"""

from .connection import Connection, Result, Transaction, connect
from .errors import (AuthenticationError, ConnectionError, ForbiddenError, ProtocolError,
                     QuiverError, TimeoutError, TransactionError, ValueOutOfRangeError)
from .types import FloatVector, Node, Path, Record, Relationship, Summary

__all__ = [
    "connect", "Connection", "Result", "Transaction", "QuiverError", "AuthenticationError",
    "ConnectionError", "ForbiddenError", "ProtocolError", "TimeoutError", "TransactionError",
    "ValueOutOfRangeError",
    "Node", "Relationship", "Path", "FloatVector", "Record", "Summary",
]
