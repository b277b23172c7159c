"""The draw of an inspection sample (抽样检查), as plain functions: the
same population, parameters and seed give the same sample, on any
machine, so that a draw can be reproduced and audited from what was
recorded. Every eligible organization of a stratum has the same chance:
each stratum is drawn without replacement by Python's Mersenne Twister
seeded with the recorded seed."""
import math
import random

SEED_MAX = 10 ** 12


def new_seed():
    """A seed from the operating system's randomness: nobody picks it."""
    return str(random.SystemRandom().randrange(1, SEED_MAX))


def stratum_sizes(sizes, mode, proportion=0.0, count=0):
    """{stratum key: number to draw} for {stratum key: eligible count}.

    `proportion` (percent, 0 < p <= 100): at least that share of each
    stratum, rounded up (a non-empty stratum is never skipped).
    `count`: that many in all, shared among the strata in proportion to
    their sizes by the largest remainder (ties to the first key in order).
    Raises ValueError('proportion' | 'count') on a value out of range."""
    total = sum(sizes.values())
    if mode == 'proportion':
        if not 0 < proportion <= 100:
            raise ValueError('proportion')
        # a tolerance so that 5 % of 20 is 1, not 2 after float rounding
        return {key: min(size, int(math.ceil(size * proportion / 100.0
                                             - 1e-9)))
                for key, size in sizes.items()}
    if not 0 < count <= total:
        raise ValueError('count')
    keys = sorted(sizes)
    quotas = {key: sizes[key] * count / float(total) for key in keys}
    drawn = {key: int(math.floor(quotas[key])) for key in keys}
    left = count - sum(drawn.values())
    by_remainder = sorted(keys, key=lambda k: (-(quotas[k] - drawn[k]),
                                               keys.index(k)))
    for key in by_remainder[:left]:
        drawn[key] += 1
    return drawn


def draw(strata, mode, proportion, count, seed):
    """{stratum key: sorted drawn ids} for {stratum key: eligible ids}.
    The strata are drawn in the order of their keys, each from its ids in
    ascending order, with one generator seeded by `seed` (digits)."""
    sizes = {key: len(ids) for key, ids in strata.items()}
    wanted = stratum_sizes(sizes, mode, proportion, count)
    rng = random.Random(int(seed))
    result = {}
    for key in sorted(strata):
        ids = sorted(strata[key])
        result[key] = sorted(rng.sample(ids, wanted[key]))
    return result
