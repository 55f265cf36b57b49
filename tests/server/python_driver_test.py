"""The Python driver end to end against a quiverd started for each test case.

Needs QUIVERD (the binary) and PYTHONPATH holding the generated quiver_pb2 module and
clients/python; ctest sets both.
"""

import datetime
import os
import shutil
import subprocess
import tempfile
import time
import unittest
import zoneinfo

import quiver_client
from quiver_client import (Date, DateTime, Duration, FloatVector, LocalDateTime, LocalTime, Node,
                           Path, Relationship, Time)

ADMIN_PASSWORD = "py-admin-secret"


class Server:
    def __init__(self, *extra):
        self.dir = tempfile.mkdtemp(prefix="quiverd-py-")
        port_file = os.path.join(self.dir, "port")
        env = dict(os.environ, QUIVER_ADMIN_PASSWORD=ADMIN_PASSWORD)
        self.process = subprocess.Popen(
            [os.environ["QUIVERD"], "--data", os.path.join(self.dir, "db"), "--listen",
             "127.0.0.1:0", "--port-file", port_file, "--password-cost", "min", "--no-fsync",
             "--log-level", "warn", *extra], env=env)
        deadline = time.monotonic() + 20
        self.port = 0
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with open(port_file) as f:
                    self.port = int(f.read().strip() or 0)
            except (OSError, ValueError):
                pass
            if self.port:
                return
            time.sleep(0.01)
        self.stop()
        raise RuntimeError("quiverd did not start")

    def connect(self, user="admin", password=ADMIN_PASSWORD, **kwargs):
        return quiver_client.connect("127.0.0.1", self.port, user=user, password=password,
                                     timeout=10, **kwargs)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        shutil.rmtree(self.dir, ignore_errors=True)


class PythonDriverTest(unittest.TestCase):
    def setUp(self):
        self.server = Server()
        self.db = self.server.connect(fetch_size=2)

    def tearDown(self):
        self.db.close()
        self.server.stop()

    def test_parameters_and_typed_values(self):
        self.db.run("CREATE (a:Person {name: $name, score: $score})-[:KNOWS {w: 1.5}]->"
                    "(:Person {name: 'B'})", name="Ada", score=2.5).consume()
        record = self.db.run(
            "MATCH p = (a:Person {name: 'Ada'})-[r]->(b) RETURN a, r, p, $list AS list, "
            "$map AS map, null AS nothing, true AS yes",
            {"list": [1, "two", 3.0], "map": {"k": [True, None]}}).single()
        self.assertIsInstance(record["a"], Node)
        self.assertEqual(record["a"].labels, ("Person",))
        self.assertEqual(record["a"].properties, {"name": "Ada", "score": 2.5})
        self.assertIsInstance(record["r"], Relationship)
        self.assertEqual(record["r"].type, "KNOWS")
        self.assertIsInstance(record["p"], Path)
        self.assertEqual(len(record["p"].nodes), 2)
        self.assertEqual(record["list"], [1, "two", 3.0])
        self.assertEqual(record["map"], {"k": [True, None]})
        self.assertIsNone(record["nothing"])
        self.assertIs(record["yes"], True)
        vector = self.db.run("RETURN $v AS v", v=FloatVector([0.5, 1.0])).single()["v"]
        self.assertIsInstance(vector, FloatVector)
        self.assertEqual(list(vector), [0.5, 1.0])

    def test_results_stream_in_batches_with_a_summary(self):
        result = self.db.run("UNWIND range(1, 7) AS x RETURN x")
        self.assertEqual([r["x"] for r in result], list(range(1, 7 + 1)))
        self.assertGreater(result.summary().server_us, 0)
        created = self.db.run("CREATE (:N), (:N)").summary()
        self.assertEqual(created.counters["nodes_created"], 2)
        # A result left unread is discarded by the next statement.
        self.db.run("UNWIND range(1, 100) AS x RETURN x")
        self.assertEqual(self.db.run("MATCH (n:N) RETURN count(n) AS c").single()["c"], 2)

    def test_transactions_commit_and_roll_back_as_context_managers(self):
        with self.db.transaction() as tx:
            tx.run("CREATE (:T {v: 1})").consume()
        with self.assertRaises(RuntimeError):
            with self.db.transaction() as tx:
                tx.run("CREATE (:T {v: 2})").consume()
                raise RuntimeError("abandon")
        with self.db.transaction(read_only=True) as tx:
            self.assertEqual(tx.run("MATCH (t:T) RETURN count(t) AS c").single()["c"], 1)

    def test_errors_are_exceptions_with_category_and_position(self):
        with self.assertRaises(quiver_client.QuiverError) as caught:
            self.db.run("MATCH (n)\nRETURN nope")
        self.assertEqual(caught.exception.category, "SyntaxError")
        self.assertEqual(caught.exception.line, 2)
        with self.assertRaises(quiver_client.QuiverError) as caught:
            self.db.run("RETURN 1 / 0")
        self.assertEqual(caught.exception.category, "ArithmeticError")
        self.assertEqual(self.db.run("RETURN 1 AS one").single()["one"], 1)

    def test_integers_past_64_bits_are_a_driver_error_and_send_nothing(self):
        for too_big in (1 << 63, -(1 << 63) - 1, [1, 1 << 70]):
            with self.assertRaises(quiver_client.ValueOutOfRangeError) as caught:
                self.db.run("RETURN $x AS x", x=too_big)
            self.assertEqual(caught.exception.category, "ArgumentError")
            self.assertEqual(caught.exception.detail, "IntegerOverflow")
            self.assertIsInstance(caught.exception, ValueError)
        largest = (1 << 63) - 1
        self.assertEqual(self.db.run("RETURN $x AS x", x=largest).single()["x"], largest)

    def test_temporal_results_arrive_as_quiver_temporal_values(self):
        record = self.db.run(
            "RETURN date('2020-01-01') AS d, date('1066-10-14') AS old, "
            "localtime('23:59:59.999999999') AS lt, time('12:31:14.645+01:00') AS t, "
            "localdatetime('1969-12-31T23:59:59.000000001') AS ldt, "
            "datetime('2015-07-21T21:40:32.142+02:00[Europe/Stockholm]') AS dt, "
            "datetime('1969-12-31T18:59:59.999999999-05:00') AS fixed, "
            "duration('-P1Y2M3DT4.5S') AS dur").single()
        self.assertEqual(record.data(), {
            "d": Date(18262),
            "old": Date(-329893),
            "lt": LocalTime(86399999999999),
            "t": Time(45074645000000, 3600),
            "ldt": LocalDateTime(-1, 86399000000001),
            "dt": DateTime(1437507632, 142000000, 7200, "Europe/Stockholm"),
            "fixed": DateTime(-1, 999999999, -18000, ""),
            "dur": Duration(-14, -3, -5, 500000000),
        })
        stockholm = zoneinfo.ZoneInfo("Europe/Stockholm")
        self.assertEqual(record["d"].to_date(), datetime.date(2020, 1, 1))
        self.assertEqual(record["lt"].to_time(), datetime.time(23, 59, 59, 999999))
        self.assertEqual(record["ldt"].to_datetime(),
                         datetime.datetime(1969, 12, 31, 23, 59, 59))
        converted = record["dt"].to_datetime()
        self.assertEqual(converted, datetime.datetime(2015, 7, 21, 21, 40, 32, 142000, stockholm))
        self.assertEqual(converted.tzinfo, stockholm)
        with self.assertRaises(ValueError):
            record["dur"].to_timedelta()

    def test_python_and_quiver_temporal_parameters_round_trip(self):
        stockholm = zoneinfo.ZoneInfo("Europe/Stockholm")
        minus_five = datetime.timezone(datetime.timedelta(hours=-5))
        cases = [
            (datetime.date(1066, 10, 14), Date(-329893)),
            (datetime.time(23, 59, 59, 999999), LocalTime(86399999999000)),
            (datetime.time(12, 31, 14, 645000, minus_five), Time(45074645000000, -18000)),
            (datetime.datetime(1969, 12, 31, 23, 59, 59, 1), LocalDateTime(-1, 86399000001000)),
            (datetime.datetime(2015, 7, 21, 21, 40, 32, 142000, stockholm),
             DateTime(1437507632, 142000000, 7200, "Europe/Stockholm")),
            (datetime.datetime(1969, 12, 31, 18, 59, 59, 0, minus_five),
             DateTime(-1, 0, -18000, "")),
            (datetime.timedelta(days=-1, seconds=3, microseconds=4), Duration(0, -1, 3, 4000)),
            (LocalTime(1), LocalTime(1)),
            (Duration(-14, -3, -5, 500000000), Duration(-14, -3, -5, 500000000)),
        ]
        for sent, expected in cases:
            with self.subTest(sent=sent):
                self.assertEqual(self.db.run("RETURN $v AS v", v=sent).single()["v"], expected)
        same = self.db.run(
            "RETURN $v = datetime('2015-07-21T21:40:32.142+02:00[Europe/Stockholm]') AS same",
            v=datetime.datetime(2015, 7, 21, 21, 40, 32, 142000, stockholm)).single()["same"]
        self.assertIs(same, True)

    def test_a_date_parameter_matches_stored_dates(self):
        self.db.run("CREATE (:Ev {at: date('2020-01-01')})").consume()
        match = "MATCH (e:Ev) WHERE e.at = $x RETURN count(e) AS n"
        for x in (datetime.date(2020, 1, 1), Date(18262)):
            self.assertEqual(self.db.run(match, x=x).single()["n"], 1)
        self.assertEqual(self.db.run(match, x="2020-01-01").single()["n"], 0)

    def test_temporal_fields_out_of_range_are_a_driver_error_and_send_nothing(self):
        for bad in (LocalTime(-1), Time(0, 18 * 3600 + 1), Date(1 << 40),
                    DateTime(0, 1000000000, 0), Duration(nanos=-1)):
            with self.subTest(bad=bad):
                with self.assertRaises(quiver_client.ValueOutOfRangeError) as caught:
                    self.db.run("RETURN $x AS x", x=bad)
                self.assertEqual(caught.exception.category, "ArgumentError")
        self.assertEqual(self.db.run("RETURN 1 AS one").single()["one"], 1)

    def test_authentication_failure_and_roles(self):
        with self.assertRaises(quiver_client.AuthenticationError):
            self.server.connect(password="wrong")
        self.db.run("CREATE USER viewer SET PASSWORD 'v' ROLE reader").consume()
        with self.server.connect("viewer", "v") as viewer:
            self.assertEqual(viewer.role, "reader")
            self.assertEqual(viewer.run("RETURN 2 AS two").single()["two"], 2)
            with self.assertRaises(quiver_client.ForbiddenError):
                viewer.run("CREATE (:X)")
            with self.assertRaises(quiver_client.ForbiddenError):
                viewer.run("DROP USER admin")
        users = [r.data() for r in self.db.run("SHOW USERS")]
        self.assertEqual(users, [{"user": "admin", "role": "admin"},
                                 {"user": "viewer", "role": "reader"}])


@unittest.skipUnless(shutil.which("openssl"), "openssl is not available")
class PythonTlsTest(unittest.TestCase):
    def test_tls_connection(self):
        certs = tempfile.mkdtemp(prefix="quiverd-py-tls-")
        try:
            cert, key = os.path.join(certs, "cert.pem"), os.path.join(certs, "key.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                            "2", "-subj", "/CN=127.0.0.1", "-addext",
                            "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
                           check=True, capture_output=True)
            server = Server("--tls-cert", cert, "--tls-key", key)
            try:
                with server.connect(tls=True, ca_file=cert) as db:
                    self.assertEqual(db.run("RETURN 'secure' AS s").single()["s"], "secure")
            finally:
                server.stop()
        finally:
            shutil.rmtree(certs, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
