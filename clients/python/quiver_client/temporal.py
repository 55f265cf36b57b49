"""Cypher's temporal values as the Python driver returns them, with the fields Quiver keeps
(engine/include/quiver/value.h, docs/protocol.md), and their wire conversion.

Each class converts to the nearest Python datetime type (to_date, to_time, to_datetime,
to_timedelta). Python keeps microseconds, so those conversions truncate nanoseconds towards the
earlier instant, and they raise ValueError where Python cannot hold the value (years outside
1..9999, durations with months). Parameters may be these classes or Python's own date, time,
datetime and timedelta values (see to_wire).
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from .errors import ValueOutOfRangeError

NANOS_PER_SECOND = 1_000_000_000
NANOS_PER_DAY = 86_400 * NANOS_PER_SECOND
MAX_OFFSET_SECONDS = 18 * 3600
# Days since 1970-01-01 of -999999999-01-01 and 999999999-12-31, the engine's range of dates.
MIN_EPOCH_DAY = -365_243_219_162
MAX_EPOCH_DAY = 365_241_780_471

_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()
_INT64 = (-(1 << 63), (1 << 63) - 1)


@dataclass(frozen=True)
class Date:
    """Cypher DATE: days since 1970-01-01 (proleptic Gregorian calendar)."""
    epoch_day: int

    @classmethod
    def from_date(cls, value):
        return cls(value.toordinal() - _EPOCH_ORDINAL)

    def to_date(self):
        """The datetime.date; ValueError outside years 1..9999."""
        return _date_of(self.epoch_day)


@dataclass(frozen=True)
class LocalTime:
    """Cypher LOCAL TIME: nanoseconds since midnight, 0 to 86,399,999,999,999."""
    nanos_of_day: int

    @classmethod
    def from_time(cls, value):
        """From a datetime.time; its tzinfo, if any, is ignored."""
        return cls(_nanos_of(value))

    def to_time(self):
        """A naive datetime.time, nanoseconds truncated to microseconds."""
        return _time_of(self.nanos_of_day)


@dataclass(frozen=True)
class Time:
    """Cypher ZONED TIME: nanoseconds since midnight and a UTC offset of at most 18 hours."""
    nanos_of_day: int
    offset_seconds: int

    @classmethod
    def from_time(cls, value):
        """From an aware datetime.time (utcoffset() not None)."""
        return cls(_nanos_of(value), _offset_seconds(value.utcoffset()))

    def to_time(self):
        """A datetime.time with a fixed-offset tzinfo, nanoseconds truncated to microseconds."""
        return _time_of(self.nanos_of_day).replace(tzinfo=_fixed_zone(self.offset_seconds))


@dataclass(frozen=True)
class LocalDateTime:
    """Cypher LOCAL DATETIME: days since 1970-01-01 and nanoseconds since midnight."""
    epoch_day: int
    nanos_of_day: int

    @classmethod
    def from_datetime(cls, value):
        """From a datetime.datetime; its tzinfo, if any, is ignored."""
        return cls(value.toordinal() - _EPOCH_ORDINAL, _nanos_of(value))

    def to_datetime(self):
        """A naive datetime.datetime, nanoseconds truncated; ValueError outside years 1..9999."""
        return datetime.datetime.combine(_date_of(self.epoch_day), _time_of(self.nanos_of_day))


@dataclass(frozen=True)
class DateTime:
    """Cypher ZONED DATETIME: seconds since 1970-01-01T00:00Z, nanoseconds within that second
    (0 to 999,999,999), the UTC offset in force and the zone name ("" for a fixed offset, else a
    tz database name such as "Europe/Stockholm", whose rules the server applies)."""
    epoch_second: int
    nanosecond: int
    offset_seconds: int
    zone: str = ""

    @classmethod
    def from_datetime(cls, value):
        """From an aware datetime.datetime; the zone name is the key of a zoneinfo.ZoneInfo
        tzinfo, and "" (the offset alone) for any other tzinfo."""
        offset = value.utcoffset()
        seconds = _offset_seconds(offset)
        utc = value.replace(tzinfo=None) - datetime.timedelta(seconds=seconds)
        epoch_second = ((utc.toordinal() - _EPOCH_ORDINAL) * 86_400 + utc.hour * 3600 +
                        utc.minute * 60 + utc.second)
        zone = value.tzinfo.key if isinstance(value.tzinfo, zoneinfo.ZoneInfo) else None
        return cls(epoch_second, utc.microsecond * 1000, seconds, zone or "")

    def to_datetime(self):
        """An aware datetime.datetime in the named zone when zoneinfo knows it, else at the
        fixed offset; nanoseconds truncated; ValueError outside years 1..9999."""
        day, second = divmod(self.epoch_second + self.offset_seconds, 86_400)
        local = datetime.datetime.combine(
            _date_of(day), _time_of(second * NANOS_PER_SECOND + self.nanosecond))
        fixed = local.replace(tzinfo=_fixed_zone(self.offset_seconds))
        if self.zone:
            try:
                return fixed.astimezone(zoneinfo.ZoneInfo(self.zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                pass
        return fixed


@dataclass(frozen=True)
class Duration:
    """Cypher DURATION: months, days and seconds kept apart, plus nanoseconds 0 to 999,999,999
    (a negative fraction of a second borrows from seconds: -0.5 s is seconds=-1,
    nanos=500,000,000)."""
    months: int = 0
    days: int = 0
    seconds: int = 0
    nanos: int = 0

    @classmethod
    def from_timedelta(cls, value):
        """From a datetime.timedelta, its fields as Python keeps them: days, seconds 0..86399
        and microseconds, so timedelta(seconds=-1) is P-1DT86399S, not PT-1S."""
        return cls(0, value.days, value.seconds, value.microseconds * 1000)

    def to_timedelta(self):
        """The datetime.timedelta, nanoseconds truncated to microseconds; ValueError when
        months is not 0 (a month has no fixed length)."""
        if self.months:
            raise ValueError("a duration with months has no timedelta")
        return datetime.timedelta(days=self.days, seconds=self.seconds,
                                  microseconds=self.nanos // 1000)


def _date_of(epoch_day):
    try:
        return datetime.date.fromordinal(epoch_day + _EPOCH_ORDINAL)
    except (ValueError, OverflowError):
        raise ValueError("day %d after 1970-01-01 is outside Python's years 1..9999"
                         % epoch_day) from None


def _time_of(nanos_of_day):
    micros = nanos_of_day // 1000
    second, micro = divmod(micros, 1_000_000)
    minute, second = divmod(second, 60)
    hour, minute = divmod(minute, 60)
    return datetime.time(hour, minute, second, micro)


def _nanos_of(value):
    return (((value.hour * 60 + value.minute) * 60 + value.second) * NANOS_PER_SECOND +
            value.microsecond * 1000)


def _offset_seconds(offset):
    if offset is None:
        raise ValueError("a zoned time or datetime needs a tzinfo with a UTC offset")
    if offset.microseconds:
        raise ValueError("a UTC offset of %s is not a whole number of seconds" % offset)
    return offset.days * 86_400 + offset.seconds


def _fixed_zone(offset_seconds):
    return datetime.timezone(datetime.timedelta(seconds=offset_seconds))


def _check(condition, what):
    if not condition:
        raise ValueOutOfRangeError("ArgumentError", "InvalidArgumentValue",
                                   "%s is out of range" % what)


def _check_int64(*fields):
    for value in fields:
        _check(isinstance(value, int) and _INT64[0] <= value <= _INT64[1],
               "the temporal field %r" % (value,))


def _check_nanos_of_day(nanos_of_day):
    _check_int64(nanos_of_day)
    _check(0 <= nanos_of_day < NANOS_PER_DAY, "the nanosecond of day %d" % nanos_of_day)


def _check_offset(offset_seconds):
    _check_int64(offset_seconds)
    _check(abs(offset_seconds) <= MAX_OFFSET_SECONDS, "the UTC offset %ds" % offset_seconds)


def _check_epoch_day(epoch_day):
    _check_int64(epoch_day)
    _check(MIN_EPOCH_DAY <= epoch_day <= MAX_EPOCH_DAY, "the day %d after 1970-01-01" % epoch_day)


def _check_nanosecond(nanosecond):
    _check_int64(nanosecond)
    _check(0 <= nanosecond < NANOS_PER_SECOND, "the nanosecond %d" % nanosecond)


def _as_quiver(value):
    """VALUE as one of this module's classes, or None when it is no temporal value. A datetime
    is tested before a date, which it subclasses."""
    if isinstance(value, (Date, LocalTime, Time, LocalDateTime, DateTime, Duration)):
        return value
    if isinstance(value, datetime.datetime):
        if value.utcoffset() is None:
            return LocalDateTime.from_datetime(value)
        return DateTime.from_datetime(value)
    if isinstance(value, datetime.date):
        return Date.from_date(value)
    if isinstance(value, datetime.time):
        if value.utcoffset() is None:
            return LocalTime.from_time(value)
        return Time.from_time(value)
    if isinstance(value, datetime.timedelta):
        return Duration.from_timedelta(value)
    return None


def to_wire(value, out):
    """Writes VALUE into the wire Value OUT when it is temporal (this module's classes, or a
    datetime.date, time, datetime or timedelta: naive times and datetimes are local, aware ones
    zoned) and returns True; returns False for any other value. Raises ValueOutOfRangeError for a
    field outside the range the server accepts, before anything is sent."""
    v = _as_quiver(value)
    if v is None:
        return False
    if isinstance(v, Date):
        _check_epoch_day(v.epoch_day)
        out.date_value.epoch_day = v.epoch_day
    elif isinstance(v, LocalTime):
        _check_nanos_of_day(v.nanos_of_day)
        out.local_time_value.nanos_of_day = v.nanos_of_day
    elif isinstance(v, Time):
        _check_nanos_of_day(v.nanos_of_day)
        _check_offset(v.offset_seconds)
        out.time_value.nanos_of_day = v.nanos_of_day
        out.time_value.offset_seconds = v.offset_seconds
    elif isinstance(v, LocalDateTime):
        _check_epoch_day(v.epoch_day)
        _check_nanos_of_day(v.nanos_of_day)
        out.local_date_time_value.epoch_day = v.epoch_day
        out.local_date_time_value.nanos_of_day = v.nanos_of_day
    elif isinstance(v, DateTime):
        _check_int64(v.epoch_second)
        _check_nanosecond(v.nanosecond)
        _check_offset(v.offset_seconds)
        out.date_time_value.epoch_second = v.epoch_second
        out.date_time_value.nanosecond = v.nanosecond
        out.date_time_value.offset_seconds = v.offset_seconds
        out.date_time_value.zone = v.zone
    else:
        _check_int64(v.months, v.days, v.seconds)
        _check_nanosecond(v.nanos)
        out.duration_value.months = v.months
        out.duration_value.days = v.days
        out.duration_value.seconds = v.seconds
        out.duration_value.nanos = v.nanos
    return True


def from_wire(value, kind):
    """The temporal value of the wire Value VALUE whose oneof is KIND, or None when KIND is no
    temporal kind."""
    if kind == "date_value":
        return Date(value.date_value.epoch_day)
    if kind == "local_time_value":
        return LocalTime(value.local_time_value.nanos_of_day)
    if kind == "time_value":
        t = value.time_value
        return Time(t.nanos_of_day, t.offset_seconds)
    if kind == "local_date_time_value":
        t = value.local_date_time_value
        return LocalDateTime(t.epoch_day, t.nanos_of_day)
    if kind == "date_time_value":
        t = value.date_time_value
        return DateTime(t.epoch_second, t.nanosecond, t.offset_seconds, t.zone)
    if kind == "duration_value":
        d = value.duration_value
        return Duration(d.months, d.days, d.seconds, d.nanos)
    return None
