#!/usr/bin/python3
"""Reference recommenders (ItemKNN with cosine, RP3beta, EASE) scored on a split exported by
Quiver's rec.exportSplit, with the metrics of docs/recommendation.md.

Usage: reference.py SPLIT.csv --items N [--json OUT] [--quick] [--validation-seed S]

SPLIT.csv holds `user,item,set` lines (set = train or test). N is the size of the item
catalogue the coverage is taken over (rec.evaluate counts every node with the item label);
items that appear in no line score 0 under every model and stay rankable. Hyper-parameters are
chosen on a validation holdout carved from the train lines (20% of each user's train items,
seeded, at most degree - 1), by NDCG@10; the chosen setting is refitted on the whole train part
and scored on test. --quick searches one setting per model (the CI smoke run).
"""
import argparse
import csv
import json
import sys
import time

import numpy as np
import scipy.linalg.lapack as lapack
import scipy.sparse as sp

CUTOFFS = (10, 20)


def read_split(path):
    """Returns (train pairs, test pairs) as lists of (user id, item id) from the CSV."""
    train, test = [], []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            pair = (int(row["user"]), int(row["item"]))
            (train if row["set"] == "train" else test).append(pair)
    return train, test


def index_pairs(train, test, item_count):
    """Maps ids to dense indices (ascending id) and builds the train and test matrices."""
    users = sorted({u for u, _ in train} | {u for u, _ in test})
    items = sorted({i for _, i in train} | {i for _, i in test})
    if item_count < len(items):
        sys.exit(f"reference.py: --items {item_count} is below the {len(items)} items in the split")
    uix = {u: n for n, u in enumerate(users)}
    iix = {i: n for n, i in enumerate(items)}

    def matrix(pairs):
        rows = np.fromiter((uix[u] for u, _ in pairs), dtype=np.int64, count=len(pairs))
        cols = np.fromiter((iix[i] for _, i in pairs), dtype=np.int64, count=len(pairs))
        data = np.ones(len(pairs), dtype=np.float64)
        m = sp.csr_matrix((data, (rows, cols)), shape=(len(users), item_count))
        m.data[:] = 1.0  # a repeated pair is one interaction
        return m

    return matrix(train), matrix(test)


def carve_validation(train, seed, fraction=0.2):
    """Splits every user's train row like rec.evaluate splits the whole matrix: round(fraction
    * degree) entries, at most degree - 1, chosen by a seeded permutation."""
    rng = np.random.RandomState(seed)
    fit_rows, val_rows = [], []
    for u in range(train.shape[0]):
        cols = train.indices[train.indptr[u]:train.indptr[u + 1]]
        held = min(int(np.floor(fraction * len(cols) + 0.5)), max(len(cols) - 1, 0))
        order = rng.permutation(len(cols))
        val_rows.append(np.sort(cols[order[:held]]))
        fit_rows.append(np.sort(cols[order[held:]]))

    def matrix(rows):
        indptr = np.concatenate([[0], np.cumsum([len(r) for r in rows])])
        indices = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        return sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=train.shape)

    return matrix(fit_rows), matrix(val_rows)


def keep_top_per_row(m, k):
    """Keeps the K largest positive entries of every row of a dense matrix, as CSR; among equal
    values the lower column wins (a stable sort)."""
    k = min(k, m.shape[1])
    cols = np.argsort(-m, axis=1, kind="stable")[:, :k]
    vals = np.take_along_axis(m, cols, axis=1)
    rows = np.repeat(np.arange(m.shape[0]), k)
    keep = vals.ravel() > 0
    return sp.csr_matrix((vals.ravel()[keep], (rows[keep], cols.ravel()[keep])), shape=m.shape)


def on_supported_items(fit):
    """Fits on the columns with at least one interaction only: the others score 0 under every
    model here, so leaving them out of the item-item matrices changes no score."""
    def wrapped(x, **params):
        kept = np.flatnonzero(np.diff(x.tocsc().indptr) > 0)
        inner = fit(x[:, kept].tocsr(), **params)

        def score(users):
            out = np.zeros((len(users), x.shape[1]))
            out[:, kept] = inner(users)
            return out

        return score

    return wrapped


@on_supported_items
def fit_item_knn(x, neighbours, shrink):
    """Cosine with shrinkage between item columns, diagonal 0, NEIGHBOURS best per row."""
    g = (x.T @ x).toarray()
    norms = np.sqrt(np.diag(g))
    s = g / (np.outer(norms, norms) + shrink + 1e-12)
    np.fill_diagonal(s, 0.0)
    w = keep_top_per_row(s, neighbours)
    return lambda users: (x[users] @ w).toarray()


@on_supported_items
def fit_rp3beta(x, alpha, beta, neighbours):
    """Three-step random walk user -> item -> user -> item, popularity penalised by degree^beta."""
    deg_u = np.asarray(x.sum(axis=1)).ravel()
    deg_i = np.asarray(x.sum(axis=0)).ravel()
    p_ui = sp.diags(1.0 / np.maximum(deg_u, 1)) @ x
    p_iu = sp.diags(1.0 / np.maximum(deg_i, 1)) @ x.T.tocsr()
    p_ui = p_ui.power(alpha)
    p_iu = p_iu.power(alpha)
    w = (p_iu @ p_ui).toarray() / np.power(np.maximum(deg_i, 1), beta)[None, :]
    np.fill_diagonal(w, 0.0)
    w = keep_top_per_row(w, neighbours)
    return lambda users: (p_ui[users] @ w).toarray()


def fit_ease(x, lam, min_support):
    """EASE over the items with at least MIN_SUPPORT interactions (the rest score 0)."""
    support = np.asarray(x.sum(axis=0)).ravel()
    kept = np.flatnonzero(support >= min_support)
    if len(kept) == 0:
        return lambda users: np.zeros((len(users), x.shape[1]))
    xk = x[:, kept]
    g = (xk.T @ xk).toarray()
    g[np.diag_indices_from(g)] += lam
    c, info = lapack.dpotrf(g, lower=False)
    if info != 0:
        sys.exit(f"reference.py: Cholesky failed ({info})")
    p, info = lapack.dpotri(c, lower=False)
    p = np.triu(p) + np.triu(p, 1).T
    b = -p / np.diag(p)[None, :]
    np.fill_diagonal(b, 0.0)

    def score(users):
        out = np.zeros((len(users), x.shape[1]))
        out[:, kept] = xk[users] @ b
        return out

    return score


def rank_top(scores, consumed, k):
    """The K best unconsumed items of each row, by descending score, ties to the lower index."""
    scores = scores.copy()
    for r in range(scores.shape[0]):
        scores[r, consumed[r]] = -np.inf
    n = scores.shape[1]
    top = np.argpartition(-scores, min(k + 64, n - 1), axis=1)[:, :min(k + 64, n)]
    out = np.empty((scores.shape[0], k), dtype=np.int64)
    for r in range(scores.shape[0]):
        cand = top[r]
        # The partition boundary may split a run of equal scores: widen to every tied item.
        bound = np.sort(scores[r, cand])[::-1][min(k, len(cand)) - 1]
        cand = np.union1d(cand, np.flatnonzero(scores[r] == bound))
        order = np.lexsort((cand, -scores[r, cand]))[:k]
        out[r] = cand[order]
    return out


def evaluate(score, train, test, item_count, batch=128):
    """Metrics of docs/recommendation.md at CUTOFFS for the users with test entries."""
    users = np.flatnonzero(np.diff(test.indptr) > 0)
    kmax = max(CUTOFFS)
    sums = {k: np.zeros(4) for k in CUTOFFS}
    seen = {k: set() for k in CUTOFFS}
    discounts = 1.0 / np.log2(np.arange(kmax) + 2.0)
    for start in range(0, len(users), batch):
        chunk = users[start:start + batch]
        consumed = [train.indices[train.indptr[u]:train.indptr[u + 1]] for u in chunk]
        top = rank_top(score(chunk), consumed, kmax)
        for r, u in enumerate(chunk):
            truth = set(test.indices[test.indptr[u]:test.indptr[u + 1]].tolist())
            hits = np.array([i in truth for i in top[r]], dtype=np.float64)
            for k in CUTOFFS:
                h = hits[:k]
                ideal = discounts[:min(k, len(truth))].sum()
                sums[k] += [h.sum() / k, h.sum() / len(truth), (h * discounts[:k]).sum() / ideal,
                            float(h.sum() > 0)]
                seen[k].update(top[r, :k].tolist())
    out = {"users": int(len(users))}
    for k in CUTOFFS:
        p, r, n, h = sums[k] / len(users)
        out[f"precision@{k}"], out[f"recall@{k}"], out[f"ndcg@{k}"] = p, r, n
        out[f"hitRate@{k}"], out[f"coverage@{k}"] = h, len(seen[k]) / item_count
    return out


def grids(quick):
    """The settings searched on validation, per model."""
    knn = [{"neighbours": n, "shrink": s} for n in (100, 200, 400) for s in (0, 20)]
    rp3 = [{"alpha": a, "beta": b, "neighbours": 200} for a in (0.6, 0.8, 1.0)
           for b in (0.2, 0.3, 0.4)]
    ease = [{"lam": lam, "min_support": 3} for lam in (100, 200, 400, 800)]
    if quick:
        knn, rp3, ease = knn[:1], rp3[:1], ease[:1]
    return [("item_knn", fit_item_knn, knn), ("rp3beta", fit_rp3beta, rp3),
            ("ease", fit_ease, ease)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split")
    ap.add_argument("--items", type=int, required=True)
    ap.add_argument("--json")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--validation-seed", type=int, default=43)
    ap.add_argument("--extra", action="append", default=[],
                    help="MODEL:key=value,... scored on test untuned (Quiver's settings)")
    args = ap.parse_args()

    train, test = index_pairs(*read_split(args.split), args.items)
    fit_part, val_part = carve_validation(train, args.validation_seed)
    print(f"reference: {train.shape[0]} users, {args.items} items, {train.nnz} train and "
          f"{test.nnz} test interactions; validation {val_part.nnz} of the train ones",
          file=sys.stderr)
    results = []
    families = {name: fit for name, fit, _ in grids(False)}
    for name, fit, grid in grids(args.quick):
        best, best_ndcg = None, -1.0
        for params in grid:
            v = evaluate(fit(fit_part, **params), fit_part, val_part, args.items)
            print(f"  validation {name} {params}: NDCG@10 {v['ndcg@10']:.4f}", file=sys.stderr)
            if v["ndcg@10"] > best_ndcg:
                best, best_ndcg = params, v["ndcg@10"]
        start = time.perf_counter()
        model = fit(train, **best)
        fit_s = time.perf_counter() - start
        row = {"model": name, "params": best, "validationNdcg@10": best_ndcg, "fitSeconds": fit_s}
        row.update(evaluate(model, train, test, args.items))
        results.append(row)
        print(f"  test {name} {best}: NDCG@10 {row['ndcg@10']:.4f}", file=sys.stderr)
    for spec in args.extra:
        name, _, kv = spec.partition(":")
        params = {k: float(v) if "." in v else int(v)
                  for k, v in (p.split("=") for p in kv.split(",") if p)}
        row = {"model": name, "params": params, "untuned": True}
        row.update(evaluate(families[name](train, **params), train, test, args.items))
        results.append(row)
    text = json.dumps(results, indent=1)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
