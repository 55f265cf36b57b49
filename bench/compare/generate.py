#!/usr/bin/python3
"""Writes the seeded graph of bench/compare: Person nodes (id, age, city) and KNOWS
relationships (since), as CSV files for both engines.

Usage: generate.py OUT_DIR NODES RELATIONSHIPS [SEED]

Sources are uniform, targets follow a Zipf-like skew (rank r drawn with weight 1 / (r + 10)
over a seeded permutation of the nodes), so a few people are known by many; no self loops.
Writes persons_quiver.csv and knows_quiver.csv (typed headers for `quiver import`) and
persons_kuzu.csv and knows_kuzu.csv (plain headers for Kuzu's COPY); the rows are identical.
"""
import os
import sys

import numpy as np


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    out, nodes, rels = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) == 5 else 7
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(seed)

    ages = rng.integers(18, 81, nodes)
    cities = rng.integers(0, 50, nodes)
    person_rows = "".join(f"{i},{ages[i]},c{cities[i]}\n" for i in range(nodes))
    for name, header in (("persons_quiver.csv", "id:ID(Person):int,age:int,city\n"),
                         ("persons_kuzu.csv", "id,age,city\n")):
        with open(os.path.join(out, name), "w") as f:
            f.write(header + person_rows)

    weights = 1.0 / (np.arange(nodes) + 10.0)
    popular = rng.permutation(nodes)
    src = rng.integers(0, nodes, rels)
    dst = popular[rng.choice(nodes, rels, p=weights / weights.sum())]
    loops = src == dst
    dst[loops] = (dst[loops] + 1) % nodes
    since = rng.integers(2000, 2025, rels)
    order = np.lexsort((dst, src))
    knows_rows = "".join(f"{src[k]},{dst[k]},{since[k]}\n" for k in order)
    for name, header in (("knows_quiver.csv", ":START_ID(Person),:END_ID(Person),since:int\n"),
                         ("knows_kuzu.csv", "from,to,since\n")):
        with open(os.path.join(out, name), "w") as f:
            f.write(header + knows_rows)


if __name__ == "__main__":
    main()
