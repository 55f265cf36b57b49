#!/usr/bin/python3
"""Recommendation quality of Quiver's rec.* models next to the reference recommenders of
reference.py, on one split of MovieLens latest-small.

Usage: quality.py --build BUILD_DIR --db QUIVER_DB --work WORK_DIR [--smoke] [--json OUT]
                  [--markdown OUT]

QUIVER_DB holds MovieLens as data/convert.py models it (users, movies, RATED with ratings).
rec.exportSplit writes the split rec.evaluate makes from the same configuration (ratings of 4
and above as binary interactions, 20% of each user's held out, seed 42); reference.py tunes its
models on a validation carve of the train part and scores them on test; rec.evaluate scores
Quiver's models on that split. --smoke evaluates one setting of each (the CI run).
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "compare"))
from compare import Server  # noqa: E402

BEHAVIOUR = ("userLabel: 'User', itemLabels: 'Movie', interactionTypes: 'RATED', "
             "weightProperty: 'rating', minWeight: 4.0, binary: true, topicLabels: 'Topic', "
             "topicTypes: 'IN_TOPIC', split: {method: 'random', testFraction: 0.2, seed: 42}")

# Quiver's settings, chosen on a validation split by bench/recommend_quality.cpp.
QUIVER_MODELS = [
    "{model: 'popularity', name: 'popularity (within topics)'}",
    "{model: 'itemKnn', neighbours: 200, shrink: 20, name: 'itemKnn neighbours=200 shrink=20'}",
    "{model: 'rp3beta', alpha: 0.6, beta: 0.4, name: 'rp3beta a=0.6 b=0.4'}",
    "{model: 'rp3beta', alpha: 0.6, beta: 0.4, topicWeight: 0.1, "
    "name: 'rp3beta a=0.6 b=0.4 topicWeight=0.1'}",
    "{model: 'ease', lambda: 400, minItemSupport: 3, name: 'ease lambda=400 minItemSupport=3'}",
    "{model: 'ials', factors: 128, regularization: 40, alpha: 10, "
    "name: 'ials factors=128 reg=40 alpha=10'}",
]
SMOKE_MODELS = ["{model: 'itemKnn', name: 'itemKnn'}", "{model: 'rp3beta', name: 'rp3beta'}",
                "{model: 'ease', lambda: 50, name: 'ease'}"]


def ask(server, statement):
    answer = server.ask(statement)
    if "error" in answer:
        raise RuntimeError(answer["error"])
    return answer


def quiver_rows(server, models):
    answer = ask(server, "CALL rec.evaluate({" + BEHAVIOUR + ", cutoffs: [10, 20], models: ["
                 + ", ".join(models) + "]}) YIELD model, k, users, precision, recall, ndcg, "
                 "hitRate, coverage, fitMillis RETURN model, k, users, precision, recall, ndcg, "
                 "hitRate, coverage, fitMillis")
    rows = {}
    for model, k, users, precision, recall, ndcg, hit, cov, fit in answer["rows"]:
        row = rows.setdefault(model, {"model": model, "engine": "Quiver", "users": users,
                                      "fitSeconds": fit / 1000.0})
        row.update({f"precision@{k}": precision, f"recall@{k}": recall, f"ndcg@{k}": ndcg,
                    f"hitRate@{k}": hit, f"coverage@{k}": cov})
    return list(rows.values())


def mirrored(reference):
    """Quiver model maps with the settings the references chose on validation, so that each
    reference has a Quiver row fitted the same way."""
    out = []
    for row in reference:
        p = row["params"]
        if row.get("untuned"):
            continue
        if row["model"] == "item_knn":
            spec = f"model: 'itemKnn', neighbours: {p['neighbours']}, shrink: {p['shrink']}"
        elif row["model"] == "rp3beta":
            spec = (f"model: 'rp3beta', alpha: {p['alpha']}, beta: {p['beta']}, "
                    f"neighbours: {p['neighbours']}")
        else:
            spec = f"model: 'ease', lambda: {p['lam']}, minItemSupport: {p['min_support']}"
        label = spec.replace("model: ", "").replace("'", "").replace(": ", "=")
        out.append("{" + spec + f", name: '{label} (setting of the reference)'}}")
    return out


def describe(row):
    p = row["params"]
    if row["model"] == "item_knn":
        text = f"ItemKNN cosine neighbours={p['neighbours']} shrink={p['shrink']}"
    elif row["model"] == "rp3beta":
        text = f"RP3beta a={p['alpha']} b={p['beta']} neighbours={p['neighbours']}"
    else:
        text = f"EASE lambda={p['lam']} items with >= {p['min_support']} positives"
    return text + (" (Quiver's setting, untuned)" if row.get("untuned") else "")


def markdown(report):
    lines = [
        f"Split: {report['split']['trainInteractions']:,} train and "
        f"{report['split']['testInteractions']:,} test interactions of "
        f"{report['split']['users']} users over {report['items']:,} movies (rec.exportSplit, seed "
        f"42); {report['evaluatedUsers']} users with test items evaluated; every unconsumed "
        "movie ranked. References tuned on a validation carve of train (seed 43) by NDCG@10.",
        "",
        "| engine | model | R@10 | R@20 | NDCG@10 | NDCG@20 | HR@10 | cov@10 | fit s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in report["quiver"] + report["reference"]:
        name = row["model"] if row["engine"] == "Quiver" else describe(row)
        fit = f"{row['fitSeconds']:.2f}" if "fitSeconds" in row else ""
        lines.append(f"| {row['engine']} | {name} | {row['recall@10']:.4f} | "
                     f"{row['recall@20']:.4f} | {row['ndcg@10']:.4f} | {row['ndcg@20']:.4f} | "
                     f"{row['hitRate@10']:.4f} | {row['coverage@10']:.4f} | {fit} |")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    split_path = os.path.abspath(os.path.join(args.work, "movielens-split.csv"))

    server = Server([os.path.join(args.build, "bench", "quiver_query_runner"), args.db,
                     "--serve"])
    try:
        exported = ask(server, "CALL rec.exportSplit({" + BEHAVIOUR + f", path: '{split_path}', "
                       "userIdProperty: 'userId', itemIdProperty: 'movieId'}) "
                       "YIELD users, trainInteractions, testInteractions "
                       "RETURN users, trainInteractions, testInteractions")["rows"][0]
        items = ask(server, "MATCH (m:Movie) RETURN count(m) AS items")["rows"][0][0]

        ref_json = os.path.join(args.work, "reference.json")
        cmd = ["/usr/bin/python3", os.path.join(HERE, "reference.py"), split_path, "--items",
               str(items), "--json", ref_json]
        cmd += ["--quick"] if args.smoke else ["--extra", "item_knn:neighbours=200,shrink=20"]
        print("quality: reference recommenders", file=sys.stderr)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        with open(ref_json) as f:
            reference = json.load(f)
        for row in reference:
            row["engine"] = "reference"

        print("quality: rec.evaluate on the exported split", file=sys.stderr)
        models = SMOKE_MODELS if args.smoke else QUIVER_MODELS
        quiver = quiver_rows(server, models + mirrored(reference))
    finally:
        server.close()

    report = {"split": dict(zip(["users", "trainInteractions", "testInteractions"], exported)),
              "items": items, "evaluatedUsers": quiver[0]["users"], "quiver": quiver,
              "reference": reference}
    if args.json:
        with open(args.json, "w") as f:
            f.write(json.dumps(report, indent=1) + "\n")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(markdown(report))
    print(markdown(report))
    mismatched = [r["model"] for r in reference if r["users"] != report["evaluatedUsers"]]
    if mismatched:
        print("quality: the reference evaluated another user set than rec.evaluate",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
