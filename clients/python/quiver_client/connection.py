"""Connections to quiverd: framing, the message exchanges, results and transactions."""

import collections
import socket
import ssl
import struct

import quiver_pb2 as pb  # generated into the build tree (build/*/python)

from . import errors
from .types import Record, from_wire, params_to_wire, summary_from_wire

PROTOCOL_VERSION = 2
_MAX_FRAME = 64 << 20


def connect(host="127.0.0.1", port=7688, user="", password="", tls=False, ca_file=None,
            verify=True, timeout=30.0, fetch_size=1000, client_name="quiver-python/0.1"):
    """Opens an authenticated Connection. With tls=True the server's certificate is checked
    against ca_file (or the system's CAs) unless verify=False. Raises ConnectionError,
    AuthenticationError or ProtocolError."""
    return Connection(host, port, user, password, tls, ca_file, verify, timeout, fetch_size,
                      client_name)


class Result:
    """The records of one statement, pulled from the server in batches while iterated.
    Iterate it once; summary() (or consume()) reads any rest and returns the Summary."""

    def __init__(self, connection, columns):
        self._connection = connection
        self.columns = columns
        self._buffer = collections.deque()
        self._more = True
        self._summary = None

    def __iter__(self):
        while True:
            while self._buffer:
                yield self._buffer.popleft()
            if not self._more:
                return
            self._fetch()

    def _fetch(self):
        batch = self._connection._pull()
        self._buffer.extend(Record(self.columns, [from_wire(v) for v in r.values])
                            for r in batch.records)
        self._more = batch.has_more
        if not self._more:
            self._summary = summary_from_wire(self._connection._expect("summary"))
            self._connection._open_result = None

    def _discard(self):
        if self._more:
            self._connection._send(discard=pb.Discard())
            self._more = False
            self._buffer.clear()
            self._summary = summary_from_wire(self._connection._expect("summary"))
            self._connection._open_result = None

    def data(self):
        """Every remaining record as a dict."""
        return [record.data() for record in self]

    def single(self):
        """The only record; raises ValueError unless there is exactly one."""
        records = list(self)
        if len(records) != 1:
            raise ValueError("expected one record, got %d" % len(records))
        return records[0]

    def summary(self):
        """Reads the remaining records (kept for iteration) and returns the Summary."""
        while self._more:
            self._fetch()
        return self._summary

    consume = summary


class Transaction:
    """An explicit transaction; as a context manager it commits when the block ends normally
    and rolls back when it raises."""

    def __init__(self, connection):
        self._connection = connection
        self.open = True

    def run(self, query, params=None, **kwargs):
        if not self.open:
            raise errors.TransactionError("TransactionError", "TransactionClosed",
                                          "the transaction has ended")
        return self._connection.run(query, params, **kwargs)

    def commit(self):
        if self.open:
            self.open = False
            self._connection._simple(commit=pb.Commit())

    def rollback(self):
        if self.open:
            self.open = False
            self._connection._simple(rollback=pb.Rollback())

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.commit()
        else:
            try:
                self.rollback()
            except errors.QuiverError:
                pass
        return False


class Connection:
    """One authenticated connection. Not thread-safe; a context manager that closes itself."""

    def __init__(self, host, port, user, password, tls, ca_file, verify, timeout, fetch_size,
                 client_name):
        self.fetch_size = fetch_size
        self._open_result = None
        try:
            raw = socket.create_connection((host, port), timeout=timeout)
        except OSError as e:
            raise errors.ConnectionError("ConnectionError", "Refused", str(e)) from None
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if tls:
            context = ssl.create_default_context(cafile=ca_file)
            if not verify:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            try:
                raw = context.wrap_socket(raw, server_hostname=host)
            except (ssl.SSLError, OSError) as e:
                raw.close()
                raise errors.ConnectionError("ConnectionError", "Tls", str(e)) from None
        self._socket = raw

        self._send(hello=pb.Hello(protocol_version=PROTOCOL_VERSION, client_name=client_name))
        self.server_name = self._expect("welcome").server_name
        self._send(authenticate=pb.Authenticate(user=user, password=password))
        self.role = self._expect("ok").role

    # -- public --------------------------------------------------------------------------------

    def run(self, query, params=None, timeout_ms=0, **kwargs):
        """Runs QUERY with PARAMS (a dict, or keyword arguments) and returns its Result.
        An earlier result not yet read to its end is discarded first. Raises QuiverError."""
        if self._open_result is not None:
            self._open_result._discard()
        message = pb.Run(query=query, timeout_ms=timeout_ms)
        params_to_wire(dict(params or {}, **kwargs), message.params)
        self._send(run=message)
        header = self._expect("header")
        result = Result(self, list(header.columns))
        self._open_result = result
        return result

    def transaction(self, read_only=False):
        """Begins an explicit transaction (a write transaction unless read_only)."""
        self._finish_result()
        self._simple(begin=pb.Begin(read_only=read_only))
        return Transaction(self)

    def reset(self):
        """Drops any open result and rolls back any open transaction."""
        self._open_result = None
        self._simple(reset=pb.Reset())

    def close(self):
        if self._socket is None:
            return
        try:
            self._send(goodbye=pb.Goodbye())
        except (OSError, errors.QuiverError):
            pass
        self._socket.close()
        self._socket = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()
        return False

    # -- internal ------------------------------------------------------------------------------

    def _finish_result(self):
        if self._open_result is not None:
            self._open_result._discard()

    def _pull(self):
        self._send(pull=pb.Pull(n=self.fetch_size))
        return self._expect("batch")

    def _simple(self, **message):
        self._finish_result()
        self._send(**message)
        self._expect("ok")

    def _send(self, **message):
        if self._socket is None:
            raise errors.ConnectionError("ConnectionError", "Closed", "the connection is closed")
        payload = pb.ClientMessage(**message).SerializeToString()
        try:
            self._socket.sendall(struct.pack(">I", len(payload)) + payload)
        except OSError as e:
            self._broken()
            raise errors.ConnectionError("ConnectionError", "Closed", str(e)) from None

    def _read_exact(self, n):
        chunks = []
        while n > 0:
            try:
                chunk = self._socket.recv(n)
            except OSError as e:
                self._broken()
                raise errors.ConnectionError("ConnectionError", "Closed", str(e)) from None
            if not chunk:
                self._broken()
                raise errors.ConnectionError("ConnectionError", "Closed",
                                             "the server closed the connection")
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def _expect(self, kind):
        (length,) = struct.unpack(">I", self._read_exact(4))
        if length > _MAX_FRAME:
            self._broken()
            raise errors.ProtocolError("ProtocolError", "FrameTooLarge", "oversized frame")
        reply = pb.ServerMessage.FromString(self._read_exact(length))
        got = reply.WhichOneof("kind")
        if got == "error":
            if reply.error.fatal:
                self._broken()
            self._open_result = None
            raise errors.from_wire(reply.error)
        if got != kind:
            self._broken()
            raise errors.ProtocolError("ProtocolError", "UnexpectedMessage",
                                       "expected %s, got %s" % (kind, got))
        return getattr(reply, kind)

    def _broken(self):
        if self._socket is not None:
            self._socket.close()
            self._socket = None
