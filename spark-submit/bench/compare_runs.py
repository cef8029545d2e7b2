#!/usr/bin/env python3
"""Paired comparison of two cross-validation runs over the same folds (docs/RESULTS.md section 9).

Usage: compare_runs.py RUN_A RUN_B [MODEL_A [MODEL_B]]   (runs: cv --output folders; models default dual-lstm;
an ensemble member is MODEL/seed-S)

Per fold, the test UAR (mean of per-emotion recalls) is recomputed from each pair's test_predictions.json; prints
mean UAR of both, the mean difference A - B in points with its 95% t interval, paired t and Wilcoxon p, and how many
folds A won. Needs numpy and scipy (Debian: python3-numpy python3-scipy).
"""
import glob
import json
import re
import sys

import numpy as np
from scipy import stats


def fold_uars(root, model):
    out = {}
    for f in sorted(glob.glob(f"{root}/folds/fold-*/{model}/test_predictions.json")):
        rows = json.load(open(f))
        y = np.array([r["label"] for r in rows])
        yhat = np.array([int(np.argmax(r["probabilities"])) for r in rows])
        out[re.search(r"/folds/(fold-[^/]+)/", f).group(1)] = np.mean([(yhat[y == c] == c).mean() for c in sorted(set(y))])
    return out


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    a = fold_uars(argv[1], argv[3] if len(argv) > 3 else "dual-lstm")
    b = fold_uars(argv[2], argv[4] if len(argv) > 4 else "dual-lstm")
    folds = sorted(set(a) & set(b))
    if len(folds) < 2:
        sys.exit(f"fewer than 2 folds finished in both runs ({len(folds)})")
    ua = np.array([a[f] for f in folds])
    ub = np.array([b[f] for f in folds])
    d = ua - ub
    half = stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d))
    print(f"{len(folds)} folds: A {ua.mean():.3f}  B {ub.mean():.3f}  A - B {100 * d.mean():+.1f} points "
          f"(95% CI {100 * (d.mean() - half):+.1f} to {100 * (d.mean() + half):+.1f}), "
          f"paired t p = {stats.ttest_rel(ua, ub).pvalue:.2f}, Wilcoxon p = {stats.wilcoxon(ua, ub).pvalue:.2f}, "
          f"A better in {(d > 0).sum()} of {len(d)}")


if __name__ == "__main__":
    main(sys.argv)
