"""Vectorised numpy implementation of wcc's population model (models/population/model.ts), for
the speed comparison of issue 14: the same cohort-component projection by sex and single year
of age for every local authority x every replicate, from the same prepared inputs and the same
parameter draws (exported by dist/bench/numpy/export-population.js), with the same cells and
the same summary (mean and the 2.5, 10, 50, 90 and 97.5 % quantiles, type 7, by area and cell).

Usage: python3 bench/numpy/population.py DIR [areas per chunk]
Prints the compute time, wall and CPU (projection, cells and summary; reading the files is
timed apart), and
checks the first area's cells against wcc's own (relative difference below 1e-12).
"""
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402

INFANT_A0 = 0.1
SEX_RATIO_AT_BIRTH = 1.05
MALE_BIRTH_SHARE = SEX_RATIO_AT_BIRTH / (1 + SEX_RATIO_AT_BIRTH)
OPEN = 90
BANDS = [(0, 15), (16, 64), (65, 84), (85, OPEN)]
QUANTILES = [0.025, 0.1, 0.5, 0.9, 0.975]


def infant_survival(m0):
    q0 = m0 / (1 + (1 - INFANT_A0) * m0)
    return 1 - (1 - INFANT_A0) * q0


def cohort_step(pop, half_pairs, factor, open_rate, births, infant, migration):
    """One year of cohort_step (engine/kernels/cohort.ts) for arrays (chunk, replicates, 91)."""
    survival = np.exp(half_pairs)
    out = np.empty_like(pop)
    out[..., 0] = births * infant
    alive = pop[..., :OPEN] * survival
    out[..., 1:] = alive
    oldest = pop[..., OPEN] * np.exp(-factor * open_rate)
    out[..., OPEN] += oldest
    deaths = births * (1 - infant) + (pop[..., :OPEN] - alive).sum(-1) + (pop[..., OPEN] - oldest)
    after = out + migration
    negative = after < 0
    applied = np.where(negative, -out, migration).sum(-1)
    return np.where(negative, 0.0, after), deaths, applied


def project(rec, meta):
    """Cells (chunk, replicates, cells) of a chunk of areas, in wcc's cell order."""
    ages, horizon, reps = meta["ages"], meta["horizon"], meta["replicates"]
    chunk = rec["fertility"].shape[0]
    draws = rec["draws"].reshape(chunk, reps, len(meta["parameters"]))
    fert_mult, mort_mult, improve_shift, mig_mult, mig_shift = (draws[..., i] for i in range(5))
    mx = {s: rec[f"mx_{s}"].reshape(chunk, horizon + 1, ages) for s in ("male", "female")}
    shape = rec["migration_shape"]
    migration = {
        "male": rec["migration_male"][:, None, :] * mig_mult[..., None]
        + mig_shift[..., None] * shape[:, None, :ages],
        "female": rec["migration_female"][:, None, :] * mig_mult[..., None]
        + mig_shift[..., None] * shape[:, None, ages:],
    }
    pop = {s: np.repeat(rec[f"base_{s}"][:, None, :], reps, axis=1) for s in ("male", "female")}
    fertility = rec["fertility"][:, 0][:, None] * fert_mult
    cells = []

    def stocks(male, female):
        persons = male + female
        m, f = male.sum(-1), female.sum(-1)
        cells.extend([m + f, m, f])
        cells.extend(persons[..., lo : hi + 1].sum(-1) for lo, hi in BANDS)

    stocks(pop["male"], pop["female"])
    for k in range(horizon):
        factor = mort_mult * np.exp(-improve_shift * k)
        births = fertility * pop["female"][..., 15:45].sum(-1)
        boys = births * MALE_BIRTH_SHARE
        flows = []
        for sex, b in (("male", boys), ("female", births - boys)):
            rates = mx[sex][:, k, :]
            pairs = (-0.5 * factor)[..., None] * (rates[:, None, :OPEN] + rates[:, None, 1:])
            infant = infant_survival(factor * rates[:, None, 0])
            pop[sex], deaths, applied = cohort_step(
                pop[sex], pairs, factor, rates[:, None, OPEN], b, infant, migration[sex]
            )
            flows.append((b, deaths, applied))
        stocks(pop["male"], pop["female"])
        cells.extend(flows[0][i] + flows[1][i] for i in range(3))
    return np.stack(cells, axis=-1)


def summarise(values):
    """Mean and quantiles over replicates: (chunk, 6, cells)."""
    return np.concatenate(
        [values.mean(axis=1)[:, None, :], np.quantile(values, QUANTILES, axis=1).transpose(1, 0, 2)],
        axis=1,
    )


def main():
    folder = sys.argv[1]
    per_chunk = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    t0 = time.perf_counter()
    meta = json.load(open(os.path.join(folder, "population.json")))
    raw = np.fromfile(os.path.join(folder, "population.f64"), dtype="<f8")
    table = raw.reshape(len(meta["areas"]), meta["recordLength"])
    fields, at = {}, 0
    for f in meta["fields"]:
        fields[f["name"]] = table[:, at : at + f["length"]]
        at += f["length"]
    check = np.fromfile(os.path.join(folder, "population-check.f64"), dtype="<f8")
    loaded = time.perf_counter()
    cpu = time.process_time()

    n = len(meta["areas"])
    summaries = []
    first = None
    for start in range(0, n, per_chunk):
        rec = {k: np.ascontiguousarray(v[start : start + per_chunk]) for k, v in fields.items()}
        values = project(rec, meta)
        if first is None:
            first = values[0]
        summaries.append(summarise(values))
    summary = np.concatenate(summaries)
    done = time.perf_counter()
    cpu = time.process_time() - cpu

    # The base year has no flows: wcc's cells skip them.
    cells = 7 + meta["horizon"] * 10
    assert first.shape[-1] == cells == len(meta["checkCells"]), (first.shape, cells)
    wcc = check.reshape(meta["replicates"], cells)
    worst = float(np.max(np.abs(first - wcc) / np.maximum(np.abs(wcc), 1e-300)))
    assert worst < 1e-12, f"numpy and wcc differ in area {meta['areas'][0]}: {worst}"
    print(
        json.dumps(
            {
                "areas": n,
                "replicates": meta["replicates"],
                "horizon": meta["horizon"],
                "areasPerChunk": per_chunk,
                "loadSeconds": round(loaded - t0, 3),
                "computeSeconds": round(done - loaded, 3),
                "computeCpuSeconds": round(cpu, 3),
                "summaryShape": list(summary.shape),
                "maxRelativeDifferenceFromWcc": worst,
                "numpy": np.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
