"""Exceptions of the Python driver: one base class, subclasses by the server's category."""


class QuiverError(Exception):
    """A failure the server reported (or the driver met). Attributes follow quiver::Error:
    category ("SyntaxError", "TypeError", "SecurityError", ...), detail, phase, message,
    line and column (1-based; 0 when not tied to a place in the query)."""

    def __init__(self, category, detail, message, phase="", line=0, column=0, text=""):
        super().__init__(text or "%s (%s): %s" % (category, detail, message))
        self.category = category
        self.detail = detail
        self.message = message
        self.phase = phase
        self.line = line
        self.column = column


class AuthenticationError(QuiverError):
    """Unknown user or wrong password; the connection is closed."""


class ForbiddenError(QuiverError):
    """The user's role does not allow the statement."""


class TransactionError(QuiverError):
    """A transaction used in the wrong state."""


class TimeoutError(QuiverError):  # noqa: A001 - mirrors the server's category name
    """The statement ran past its time limit and was rolled back."""


class ValueOutOfRangeError(QuiverError, ValueError):
    """A parameter the driver cannot send, such as an int outside the 64 bits of a Quiver
    integer (category "ArgumentError", detail "IntegerOverflow"). Nothing was sent; the
    connection is unchanged."""


class ProtocolError(QuiverError):
    """A message the other side could not accept; the connection is closed."""


class ConnectionError(QuiverError):  # noqa: A001
    """The connection could not be made or broke."""


def from_wire(error):
    """The exception for a wire Error message."""
    category = error.category
    if category == "SecurityError":
        cls = AuthenticationError if error.detail == "AuthenticationFailed" else ForbiddenError
    else:
        cls = {
            "TransactionError": TransactionError,
            "TimeoutError": TimeoutError,
            "ProtocolError": ProtocolError,
        }.get(category, QuiverError)
    return cls(category, error.detail, error.message, error.phase, error.line, error.column,
               error.text)
