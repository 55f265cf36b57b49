#!/usr/bin/python3
"""Quiver against Kuzu on the same machine in the same run: bulk imports (wall time, peak
memory) and a set of read queries run in alternation, with the answers of both checked equal.

Usage: compare.py --build BUILD_DIR --work WORK_DIR [--smoke] [--rounds N] [--import-runs N]
                  [--json OUT] [--markdown OUT]

BUILD_DIR is a release build tree (shell/quiver, bench/quiver_query_runner); WORK_DIR receives
the generated data and the databases. Kuzu is the npm package installed in node_modules beside
this script. --smoke uses a tiny graph and a few MovieLens users (the CI run). Exits 1 when
an answer differs or a statement fails, after writing what was measured.
"""
import argparse
import csv
import datetime
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
PYTHON = "/usr/bin/python3"

BEHAVIOUR = ("userLabel: 'User', itemLabels: 'Movie', interactionTypes: 'RATED', "
             "weightProperty: 'rating', minWeight: 4.0, binary: true")

# Item-based CF with cosine over ratings of 4 and above, every co-rated item a neighbour (no
# shrinkage, no pruning), so that the Cypher formulation below computes the same scores.
QUIVER_REC_FIT = ("CALL rec.fit('cf', {" + BEHAVIOUR + ", model: 'itemKnn', neighbours: 100000, "
                  "shrink: 0}) YIELD fitMillis RETURN fitMillis")
QUIVER_REC = ("MATCH (u:User {userId: $USER}) CALL rec.recommend('cf', u, {k: 10, explain: 0}) "
              "YIELD item, score RETURN item.movieId AS movie, score")
# The fastest of the formulations tried: each co-rating path contributes 1 / sqrt(degree(j));
# the sum per candidate item is divided by sqrt(degree(i)) once, and the consumed-item and degree
# subqueries run once per candidate rather than once per (j, i) pair.
KUZU_REC = ("MATCH (u:User {userId: $USER})-[r1:RATED]->(j:Movie)<-[r2:RATED]-(v:User) "
            "WHERE r1.rating >= 4.0 AND r2.rating >= 4.0 "
            "WITH u, j, collect(v) AS raters, count(v) AS dj UNWIND raters AS v "
            "MATCH (v)-[r3:RATED]->(i:Movie) WHERE r3.rating >= 4.0 "
            "WITH u, i, sum(1.0 / sqrt(dj)) AS partial "
            "WHERE NOT EXISTS { MATCH (u)-[r:RATED]->(i) WHERE r.rating >= 4.0 } "
            "WITH i, partial, COUNT { MATCH (i)<-[y:RATED]-(:User) WHERE y.rating >= 4.0 } AS di "
            "RETURN i.movieId AS movie, partial / sqrt(di) AS score "
            "ORDER BY score DESC, movie LIMIT 10")


def graph_queries(node, far):
    """(name, Quiver text, Kuzu text) on the generated Person/KNOWS graph, around NODE; the
    shortest path runs from NODE to FAR."""
    same = [
        ("point lookup (indexed id)",
         f"MATCH (p:Person {{id: {node}}}) RETURN p.age AS age, p.city AS city"),
        ("1-hop neighbours",
         f"MATCH (a:Person {{id: {node}}})-[:KNOWS]->(b:Person) RETURN b.id AS id ORDER BY id"),
        ("2-hop distinct reach",
         f"MATCH (a:Person {{id: {node}}})-[:KNOWS]->(:Person)-[:KNOWS]->(c:Person) "
         "RETURN count(DISTINCT c) AS reach"),
        ("whole-graph 2-hop count",
         "MATCH (a:Person)-[:KNOWS]->(b:Person)-[:KNOWS]->(c:Person) RETURN count(*) AS paths"),
        ("aggregation by city",
         "MATCH (p:Person) RETURN p.city AS city, count(*) AS people, avg(p.age) AS age "
         "ORDER BY city"),
        ("var-length 1..3",
         f"MATCH (a:Person {{id: {node}}})-[:KNOWS*1..3]->(b:Person) "
         "RETURN count(*) AS paths, count(DISTINCT b) AS reach"),
    ]
    out = [(n, q, q) for n, q in same]
    out.append(("shortest path",
                f"MATCH (a:Person {{id: {node}}}), (b:Person {{id: {far}}}), "
                "p = shortestPath((a)-[:KNOWS*..8]->(b)) RETURN length(p) AS hops",
                f"MATCH p = (a:Person)-[:KNOWS* SHORTEST 1..8]->(b:Person) WHERE a.id = {node} "
                f"AND b.id = {far} RETURN length(p) AS hops"))
    scan = ("MATCH (p:Person) WHERE p.age >= 30 AND p.age < 35 AND p.city = 'c7' "
            "RETURN count(*) AS people, sum(p.id) AS ids")
    out.append(("filtered scan", scan, scan))
    return out


def run(cmd, stdin_path=None):
    """Runs CMD under /usr/bin/time -v; returns (wall seconds, peak RSS MiB, stdout)."""
    stdin = open(stdin_path) if stdin_path else subprocess.DEVNULL
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdin=stdin, capture_output=True,
                          text=True)
    wall = time.perf_counter() - start
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return wall, int(m.group(1)) / 1024.0 if m else float("nan"), proc.stdout


def check_lines(engine, stdout):
    for line in stdout.splitlines():
        answer = json.loads(line)
        if "error" in answer:
            raise RuntimeError(f"{engine} import statement failed: {answer['error']}")


def kuzu_csv(src, dst, columns):
    """Rewrites an import file for Kuzu's COPY: plain header, strings quoted with backslash
    escapes (Kuzu's relationship COPY does not match doubled quotes in a key)."""
    with open(src, newline="", encoding="utf-8") as f, \
            open(dst, "w", newline="", encoding="utf-8") as g:
        rows = csv.reader(f)
        next(rows)
        w = csv.writer(g, doublequote=False, escapechar="\\", quoting=csv.QUOTE_NONNUMERIC)
        w.writerow([c for c, _ in columns])
        for row in rows:
            w.writerow([conv(v) for v, (_, conv) in zip(row, columns)])


def int_or_none(v):
    return int(v) if v != "" else None


def prepare_movielens(work, smoke):
    """Converts MovieLens with data/convert.py; returns (Quiver import arguments, Kuzu import
    statements). --smoke keeps the first 30 users."""
    ml = os.path.join(work, "movielens-csv")
    if not os.path.exists(os.path.join(ml, "import-args.txt")):
        subprocess.run([PYTHON, os.path.join(REPO, "data", "convert.py"), ml], check=True,
                       stdout=subprocess.DEVNULL)
        if smoke:
            for name in ("ml_rated.csv", "ml_tagged.csv", "ml_users.csv"):
                path = os.path.join(ml, name)
                with open(path, encoding="utf-8") as f:
                    lines = f.readlines()
                keep = [lines[0]] + [ln for ln in lines[1:] if int(ln.split(",")[0]) <= 30]
                with open(path, "w", encoding="utf-8") as f:
                    f.writelines(keep)
    with open(os.path.join(ml, "import-args.txt")) as f:
        args = [a.strip() for a in f if "=ml_" in a]
    quiver_args = [re.sub(r"=([^=]*)$", lambda m: "=" + os.path.join(ml, m.group(1)), a)
                   for a in args]
    s, i = str, int
    layouts = {
        "ml_users.csv": ("User", [("userId", i)]),
        "ml_items.csv": ("Movie", [("movieId", i), ("title", s), ("year", int_or_none),
                                   ("genres", s)]),
        "ml_topics.csv": ("Topic", [("name", s), ("kind", s)]),
        "ml_item_topic.csv": ("IN_TOPIC", [("from", i), ("to", s), ("source", s)]),
        "ml_rated.csv": ("RATED", [("from", i), ("to", i), ("rating", float),
                                   ("timestamp", i)]),
        "ml_tagged.csv": ("TAGGED", [("from", i), ("to", i), ("tag", s), ("timestamp", i)]),
    }
    statements = [
        "CREATE NODE TABLE User(userId INT64, PRIMARY KEY(userId))",
        "CREATE NODE TABLE Movie(movieId INT64, title STRING, year INT64, genres STRING, "
        "PRIMARY KEY(movieId))",
        "CREATE NODE TABLE Topic(name STRING, kind STRING, PRIMARY KEY(name))",
        "CREATE REL TABLE IN_TOPIC(FROM Movie TO Topic, source STRING)",
        "CREATE REL TABLE RATED(FROM User TO Movie, rating DOUBLE, timestamp INT64)",
        "CREATE REL TABLE TAGGED(FROM User TO Movie, tag STRING, timestamp INT64)",
    ]
    for name in ("ml_users.csv", "ml_items.csv", "ml_topics.csv", "ml_item_topic.csv",
                 "ml_rated.csv", "ml_tagged.csv"):
        table, columns = layouts[name]
        dst = os.path.join(ml, "kuzu_" + name)
        kuzu_csv(os.path.join(ml, name), dst, columns)
        statements.append(f"COPY {table} FROM '{dst}' (header=true, escape='\\\\')")
    index = ["CREATE INDEX FOR (u:User) ON (u.userId)",
             "CREATE INDEX FOR (m:Movie) ON (m.movieId)"]
    return quiver_args, index, statements


def prepare_graph(work, nodes, rels):
    gen = os.path.join(work, "graph-csv")
    if not os.path.exists(os.path.join(gen, "knows_kuzu.csv")):
        subprocess.run([PYTHON, os.path.join(HERE, "generate.py"), gen, str(nodes), str(rels)],
                       check=True)
    quiver_args = ["--nodes=Person=" + os.path.join(gen, "persons_quiver.csv"),
                   "--relationships=KNOWS=" + os.path.join(gen, "knows_quiver.csv")]
    statements = [
        "CREATE NODE TABLE Person(id INT64, age INT64, city STRING, PRIMARY KEY(id))",
        "CREATE REL TABLE KNOWS(FROM Person TO Person, since INT64)",
        f"COPY Person FROM '{os.path.join(gen, 'persons_kuzu.csv')}' (header=true)",
        f"COPY KNOWS FROM '{os.path.join(gen, 'knows_kuzu.csv')}' (header=true)",
    ]
    return quiver_args, ["CREATE INDEX FOR (p:Person) ON (p.id)"], statements


def remove_database(path):
    """Removes a database: Quiver's is a directory, Kuzu's a file with siblings (.wal)."""
    shutil.rmtree(path, ignore_errors=True)
    for name in [path] + [path + suffix for suffix in (".wal", ".shadow", ".tmp", ".lock")]:
        if os.path.isfile(name):
            os.remove(name)


def import_both(name, build, work, quiver_args, index, kuzu_statements, runs):
    """Imports into each engine RUNS times, alternating; the last databases are kept."""
    quiver_bin = os.path.join(build, "shell", "quiver")
    runner = os.path.join(build, "bench", "quiver_query_runner")
    qdb, kdb = os.path.join(work, name + "-quiver"), os.path.join(work, name + "-kuzu")
    q_index = os.path.join(work, name + "-quiver-index.cypher")
    k_import = os.path.join(work, name + "-kuzu-import.cypher")
    with open(q_index, "w") as f:
        f.write("\n".join(index) + "\n")
    with open(k_import, "w") as f:
        f.write("\n".join(kuzu_statements) + "\n")
    times = {"quiver": [], "kuzu": []}
    peaks = {"quiver": [], "kuzu": []}
    for _ in range(runs):
        remove_database(qdb)
        wall, peak, _ = run([quiver_bin, "import", qdb, "--quiet"] + quiver_args)
        wall2, peak2, out = run([runner, qdb, "--serve"], q_index)
        check_lines("Quiver", out)
        times["quiver"].append(wall + wall2)
        peaks["quiver"].append(max(peak, peak2))
        remove_database(kdb)
        wall, peak, out = run(["node", os.path.join(HERE, "kuzu_runner.js"), kdb], k_import)
        check_lines("Kuzu", out)
        times["kuzu"].append(wall)
        peaks["kuzu"].append(peak)
    return qdb, kdb, {e: {"seconds": median(times[e]), "peakMiB": max(peaks[e]),
                          "runs": runs} for e in times}


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else 0.5 * (xs[n // 2 - 1] + xs[n // 2])


class Server:
    """A runner process speaking the one-statement-per-line JSON protocol."""

    def __init__(self, cmd):
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, bufsize=1)

    def ask(self, statement):
        self.proc.stdin.write(" ".join(statement.split()) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("runner exited")
        return json.loads(line)

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def same_value(a, b, tol):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
            not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=tol, abs_tol=tol)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y, tol) for x, y in zip(a, b))
    return a == b


def same_ranking(a, b, tol=1e-4):
    """Top-k lists of (item, score): scores equal rank by rank; items equal except where a
    score ties its neighbour (equal scores may come in either order)."""
    if len(a) != len(b):
        return False
    for r, ((ia, sa), (ib, sb)) in enumerate(zip(a, b)):
        if not math.isclose(sa, sb, rel_tol=tol, abs_tol=tol):
            return False
        if ia != ib:
            near = [s for _, s in a[max(0, r - 1):r + 2]]
            if sum(math.isclose(sa, s, rel_tol=tol, abs_tol=tol) for s in near) < 2:
                return False
    return True


# Queries that take seconds on one engine get fewer timed rounds.
HEAVY = {"whole-graph 2-hop count", "top-10 item CF, user 414"}


def alternate(quiver, kuzu, queries, rounds, ranking=()):
    """Runs each query on both engines in turn (one warm-up, then ROUNDS timed each, at most 3
    for the HEAVY ones)."""
    results = []
    for name, q_text, k_text in queries:
        q_first, k_first = quiver.ask(q_text), kuzu.ask(k_text)
        entry = {"query": name, "quiver": q_text, "kuzu": k_text}
        for engine, answer in (("quiver", q_first), ("kuzu", k_first)):
            if "error" in answer:
                entry["error"] = f"{engine}: {answer['error']}"
        if "error" not in entry:
            check = same_ranking if name in ranking else \
                lambda a, b: same_value(a, b, 1e-9)
            entry["equal"] = check(q_first["rows"], k_first["rows"])
            entry["rows"] = q_first["rows"] if len(q_first["rows"]) <= 20 else \
                f"{len(q_first['rows'])} rows"
            if not entry["equal"]:
                entry["kuzuRows"] = k_first["rows"][:20]
                entry["quiverRows"] = q_first["rows"][:20]
            times = {"quiver": [], "kuzu": []}
            entry["rounds"] = min(rounds, 3) if name in HEAVY else rounds
            for _ in range(entry["rounds"]):
                times["quiver"].append(quiver.ask(q_text)["ms"])
                times["kuzu"].append(kuzu.ask(k_text)["ms"])
            entry["quiverMs"] = median(times["quiver"])
            entry["kuzuMs"] = median(times["kuzu"])
            entry["ratio"] = entry["quiverMs"] / entry["kuzuMs"]
        results.append(entry)
        status = "ERROR" if "error" in entry else ("ok" if entry["equal"] else "DIFFERENT")
        print(f"compare: {name}: {status}"
              + (f", {entry['quiverMs']:.2f} ms vs {entry['kuzuMs']:.2f} ms"
                 if "quiverMs" in entry else ""), file=sys.stderr)
    return results


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 1024 / 1024
    load = os.getloadavg()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "memoryGiB": round(mem, 1),
            "kernel": platform.release(), "loadAverage": round(load, 2)}


def kuzu_version():
    with open(os.path.join(HERE, "node_modules", "kuzu", "package.json")) as f:
        return json.load(f)["version"]


def quiver_version():
    try:
        return subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "unknown"


def ms(x):
    """Milliseconds to about three significant figures."""
    return f"{x:.0f}" if x >= 100 else f"{x:.2f}" if x >= 1 else f"{x:.3f}"


def markdown(report):
    m = report["machine"]
    lines = [
        f"Measured {report['date']} on {m['cpu']} ({m['cores']} cores, {m['memoryGiB']} GiB; "
        f"load average {m['loadAverage']} at the start), Quiver {report['quiverVersion']} "
        f"(release build, embedded), Kuzu {report['kuzuVersion']} (npm package, Node "
        f"{report['nodeVersion']}). Generated graph: {report['graph']['nodes']:,} nodes, "
        f"{report['graph']['relationships']:,} relationships; medians of "
        f"{report['rounds']} alternating runs after one warm-up (3 for the whole-graph count and "
        f"user 414's recommendations; medians of {report['importRuns']} imports). "
        "Ratio = Quiver / Kuzu (above 1: Quiver slower).",
        "",
        "| measurement | Quiver | Kuzu | ratio | same answer |",
        "|---|---|---|---|---|",
    ]
    for name, imp in report["imports"].items():
        q, k = imp["quiver"], imp["kuzu"]
        lines.append(f"| import {name} (s) | {q['seconds']:.2f} | {k['seconds']:.2f} | "
                     f"{q['seconds'] / k['seconds']:.3g} | {'yes' if imp['equal'] else 'NO'} |")
        lines.append(f"| import {name}, peak memory (MiB) | {q['peakMiB']:.0f} | "
                     f"{k['peakMiB']:.0f} | {q['peakMiB'] / k['peakMiB']:.3g} | |")
    for e in report["queries"]:
        if "error" in e:
            lines.append(f"| {e['query']} | error | error | | {e['error']} |")
            continue
        lines.append(f"| {e['query']} (ms) | {ms(e['quiverMs'])} | {ms(e['kuzuMs'])} | "
                     f"{e['ratio']:.3g} | {'yes' if e['equal'] else 'NO'} |")
    if "recFitMs" in report:
        lines.append(f"| rec.fit itemKnn, once before the top-10 runs (ms) | "
                     f"{report['recFitMs']:.0f} | | | |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--import-runs", type=int, default=3)
    ap.add_argument("--json")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    build, work = os.path.abspath(args.build), os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    nodes, rels = (2000, 20000) if args.smoke else (100000, 1000000)
    node = 42 if args.smoke else 4242
    # A user with the median number of positive ratings (40) and the user with the most (1,227).
    rec_users = [1] if args.smoke else [253, 414]

    report = {"date": datetime.date.today().isoformat(), "machine": machine(),
              "kuzuVersion": kuzu_version(), "quiverVersion": quiver_version(),
              "nodeVersion": subprocess.run(["node", "--version"], capture_output=True,
                                            text=True).stdout.strip(),
              "graph": {"nodes": nodes, "relationships": rels}, "rounds": args.rounds,
              "importRuns": args.import_runs, "imports": {}, "queries": []}
    runner = os.path.join(build, "bench", "quiver_query_runner")
    kuzu_cmd = ["node", os.path.join(HERE, "kuzu_runner.js")]
    counts = [("node count", "MATCH (n) RETURN count(*) AS nodes"),
              ("relationship count", "MATCH ()-[r]->() RETURN count(*) AS rels")]

    for dataset, prepared in (("generated graph", prepare_graph(work, nodes, rels)),
                              ("MovieLens", prepare_movielens(work, args.smoke))):
        print(f"compare: importing the {dataset}", file=sys.stderr)
        key = "graph" if dataset == "generated graph" else "movielens"
        qdb, kdb, imp = import_both(key, build, work, *prepared, args.import_runs)
        quiver, kuzu = Server([runner, qdb, "--serve"]), Server(kuzu_cmd + [kdb])
        try:
            checks = alternate(quiver, kuzu, [(n, q, q) for n, q in counts], 1)
            imp["equal"] = all(c.get("equal", False) for c in checks)
            imp["counts"] = [c.get("rows") for c in checks]
            report["imports"][dataset] = imp
            if key == "graph":
                kuzu.ask("CALL recursive_pattern_semantic='TRAIL'")
                # The shortest path leads to the largest id 4 hops away: a pair known connected.
                far = quiver.ask(f"MATCH (:Person {{id: {node}}})-[:KNOWS*4..4]->(b:Person) "
                                 "RETURN max(b.id) AS far")["rows"][0][0]
                report["queries"] += alternate(quiver, kuzu, graph_queries(node, far),
                                               args.rounds)
            else:
                fit = quiver.ask(QUIVER_REC_FIT)
                if "error" in fit:
                    raise RuntimeError("rec.fit failed: " + fit["error"])
                report["recFitMs"] = fit["ms"]
                rec = [(f"top-10 item CF, user {u}", QUIVER_REC.replace("$USER", str(u)),
                        KUZU_REC.replace("$USER", str(u))) for u in rec_users]
                report["queries"] += alternate(quiver, kuzu, rec, args.rounds,
                                               ranking={name for name, _, _ in rec})
        finally:
            quiver.close()
            kuzu.close()

    text = json.dumps(report, indent=1)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(markdown(report))
    print(markdown(report))
    failed = [e["query"] for e in report["queries"] if "error" in e or not e["equal"]]
    failed += [n for n, imp in report["imports"].items() if not imp["equal"]]
    if failed:
        print("compare: FAILED (answers differ or a statement failed): " + ", ".join(failed),
              file=sys.stderr)
        return 1
    print("compare: every answer equal on both engines", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
