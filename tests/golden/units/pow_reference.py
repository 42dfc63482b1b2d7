#!/usr/bin/python3
"""x^y and log x correctly rounded, for doubles, in Python's standard library: the reference that
cpp/pow_rounded.cpp is checked against (tests/test_pow_rounded.cpp reads pow_rounded.txt).
Developer tooling, not CI; needs only Python's standard library (no mpmath on this machine).

  pow_reference.py table            pow_rounded.txt: "pow x y value" and "log x value" lines (hex
                                    floats) for the hard cases and for every argument of
                                    test_pow_rounded.cpp's sweep where this machine's libm (glibc's
                                    pow and log, which Python's ** and math.log call) is not
                                    correctly rounded; the counts go to stderr
  pow_reference.py constants        ln 2 in three doubles, 1/(2k+1) and 1/k! in double-doubles
  pow_reference.py check < FILE     "pow x y value" / "log x value" lines: counts those that differ

Each value is computed in decimal arithmetic at PREC digits (Decimal's ln and exp are correctly
rounded to the context's precision), with a bound on its error; if a midpoint between two doubles
lies within that bound the value is decided exactly (Fraction) where x^y is rational, and otherwise
recomputed at twice the precision (an irrational x^y, and log x for x != 1, is never a midpoint).
"""
import math
import sys
from decimal import Decimal, localcontext
from fractions import Fraction

from splitmix64 import splitmix64

PREC = 40
INF = float('inf')


def nearest(value, bound):
    """The double nearest the exact value v, given value (a Decimal) with |v - value| <= bound,
    or None when a midpoint between two doubles lies within the bound (undecided)."""
    d = float(value)
    if d in (INF, -INF):
        return d  # Decimal's float() rounds to inf only beyond the largest double's half ulp
    v, b = Fraction(value), Fraction(bound)
    below = (Fraction(d) + Fraction(math.nextafter(d, -INF))) / 2
    above = (Fraction(d) + Fraction(math.nextafter(d, INF))) / 2
    if v - b > below and v + b < above:
        return d
    return None


def exact_power(x, y):
    """x^y as a Fraction when it is rational (x > 0), else None. y = p / 2^k in lowest terms:
    x^y is rational exactly when x is the 2^k-th power of a rational (its numerator and its
    power-of-two denominator both perfect 2^k-th powers)."""
    q = Fraction(y)
    if abs(q) > 4096:
        return None  # huge powers are never near a midpoint without being exact powers of two
    num, den = Fraction(x).numerator, Fraction(x).denominator
    k = q.denominator.bit_length() - 1
    for _ in range(k):
        rn, rd = math.isqrt(num), math.isqrt(den)
        if rn * rn != num or rd * rd != den:
            return None
        num, den = rn, rd
    return Fraction(num, den) ** q.numerator


def pow_rounded(x, y):
    """x^y correctly rounded, for x > 0 finite and y finite (the schedulers' arguments)."""
    if y == 0 or x == 1:
        return 1.0
    prec = PREC
    while True:
        with localcontext() as c:
            c.prec = prec
            c.Emin, c.Emax = -99999, 99999
            z = Decimal(y) * Decimal(x).ln()
            if z > 710:
                return INF
            if z < -746:
                return 0.0
            value = z.exp()
            # ln and exp each within half a unit of the last digit, the product rounded once: the
            # relative error of value is below (|z| + 2) 10^(1 - prec).
            bound = abs(value) * (abs(z) + 2) * Decimal(10) ** (1 - prec)
            d = nearest(value, bound)
        if d is not None:
            return d
        exact = exact_power(x, y)
        if exact is not None:
            return float(exact)  # Fraction -> float rounds once, ties to even, subnormals too
        prec *= 2


def log_rounded(x):
    """log x correctly rounded, for x > 0 finite."""
    if x == 1:
        return 0.0
    prec = PREC
    while True:
        with localcontext() as c:
            c.prec = prec
            value = Decimal(x).ln()
            d = nearest(value, abs(value) * Decimal(10) ** (1 - prec))
        if d is not None:
            return d
        prec *= 2


def dd(q):
    """q as a double-double: hi = q rounded, lo = (q - hi) rounded."""
    hi = float(q)
    return hi, float(q - Fraction(hi))


def constants():
    with localcontext() as c:
        c.prec = 120
        ln2 = Fraction(Decimal(2).ln())  # within 10^-119: the three parts need 2^-160
    parts, rest = [], ln2
    for _ in range(3):
        parts.append(float(rest))
        rest -= Fraction(parts[-1])
    print('ln 2 = ' + ' + '.join(p.hex() for p in parts))
    for k in range(0, 24):
        hi, lo = dd(Fraction(1, 2 * k + 1))
        print(f'1/{2 * k + 1} = {{{hi.hex()}, {lo.hex()}}}')
    f = 1
    for k in range(0, 26):
        if k:
            f *= k
        hi, lo = dd(Fraction(1, f))
        print(f'1/{k}! = {{{hi.hex()}, {lo.hex()}}}')


# The gammas of ExponentialLR, StepLR, MultiStepLR and CyclicLR's exp_range in the docs and
# tutorials, Adam's betas among them.
GAMMAS = (0.1, 0.5, 0.8, 0.9, 0.95, 0.96, 0.98, 0.99, 0.995, 0.999, 0.9999, 0.99994)
POWERS = (0.5, 0.9, 1.5, 2.0, 2.5, 3.0)  # PolynomialLR's power (1.0 is its default)

def sweep():
    """test_pow_rounded.cpp's sweep, argument for argument, in the same double operations:
    ('pow', x, y) and ('log', x) tuples."""
    for gamma in GAMMAS:  # gamma ** k: ExponentialLR's and StepLR's closed forms, exp_range
        for k in range(0, 10001):
            yield 'pow', gamma, float(k)
    for t_max in range(1, 301):  # PolynomialLR, (1 - t / T) ** p and its chainable ratio
        for t in range(0, t_max + 1):
            for p in POWERS:
                yield 'pow', 1.0 - t / t_max, p
                if t > 0:
                    yield 'pow', (1.0 - t / t_max) / (1.0 - (t - 1) / t_max), p
    for num_iter in (100, 1000):  # the LR range test, (end_lr / start_lr) ** r
        for start, end in ((1e-7, 10.0), (1e-5, 1.0), (1e-3, 0.1)):
            for i in range(num_iter):
                yield 'pow', end / start, i / (num_iter - 1)
    for t_0 in range(1, 51):  # CosineAnnealingWarmRestarts with an explicit epoch
        for t_mult in range(2, 6):
            for epoch in range(t_0, 1001):
                yield 'log', epoch / t_0 * (t_mult - 1) + 1
    for t_mult in range(2, 101):
        yield 'log', float(t_mult)
    state = 1

    def unit():
        nonlocal state
        state, z = splitmix64(state)
        return (z >> 11) * 2.0**-53

    for _ in range(100):  # random gammas, as a learner might type, to the 1,000th power
        gamma = 0.5 + unit() / 2
        for k in range(1, 1001):
            yield 'pow', gamma, float(k)
    for _ in range(20_000):  # integer powers up to pow_rounded's binary powering's limit, 2^14
        x = 0.5 + unit() * 1.5
        state, z = splitmix64(state)
        yield 'pow', x, float(z % 32769 - 16384)
    for _ in range(100_000):  # x in (0, 4), y in [-20, 20)
        x = unit() * 4
        yield 'pow', x if x > 0 else 1.0, unit() * 40 - 20
    for _ in range(50_000):  # log over (0, 2^20)
        x = unit() * 2.0**20
        yield 'log', x if x > 0 else 1.0


def reference(case):
    return pow_rounded(case[1], case[2]) if case[0] == 'pow' else log_rounded(case[1])


def libm(case):
    """What Python's ** and math.log give (glibc's pow and log; ** raises where pow overflows)."""
    try:
        return case[1] ** case[2] if case[0] == 'pow' else math.log(case[1])
    except OverflowError:
        return INF


def line(case, value):
    return ' '.join([case[0]] + [v.hex() for v in case[1:]] + [value.hex()])


def hard_cases():
    """Exact powers (midpoints among them, rounded to even), results near the ends of the double
    range, y = 1/2, x near 1 with a large y, and the schedulers' cheap cases."""
    cases = [
        ('pow', float(2**27 - 1), 2.0),  # 2^54 - 2^28 + 1: a midpoint, to even
        ('pow', float(2**27 + 1), 2.0),  # 2^54 + 2^28 + 1: 55 bits
        ('pow', float(2**18 - 1), 3.0),  # 54 bits, a midpoint
        ('pow', (2**18 - 3) / 2**18, 3.0),  # PolynomialLR with T = 2^18, t = 3, power 3
        ('pow', float(3**34), 1.5),  # 3^51: 81 bits
        ('pow', 0.5625, 2.5),  # (3/4)^5 exactly
        ('pow', 2.0, -1074.0),
        ('pow', 2.0, -1075.0),
        ('pow', 2.0, 1023.0),
        ('pow', 2.0, 1024.0),
        ('pow', 0.9, 7000.0),  # subnormal
        ('pow', 0.9, 7066.0),
        ('pow', 0.9, 7070.0),
        ('pow', 10.0, 308.0),
        ('pow', 10.0, 309.0),
        ('pow', 10.0, -2.0),
        ('pow', 0.9, -100.0),
        ('pow', 3.0, -40.0),
        ('pow', 1.5, -1800.0),  # subnormal, by binary powering
        ('pow', 0.999, -5000.0),
        ('pow', 0.99994, 16384.0),  # binary powering's last exponent
        ('pow', 0.99994, 16385.0),  # exp(y log x)'s first
        ('pow', 0.9999, -16384.0),
        ('pow', 0.9999, -16385.0),
        ('pow', 1 + 2**-52, 2.0**52),  # e, nearly
        ('pow', 1 - 2**-53, 2.0**53),
        ('pow', 2.0, 0.5),
        ('pow', 0.81, 0.5),
        ('pow', 1e-300, 0.5),
        ('pow', 0.1, 1.0),
        ('pow', 0.1, -1.0),
        ('pow', 0.1, 2.0),
        ('pow', 123.456, 0.0),
        ('pow', 1.0, 12345.678),
        ('pow', 5e-324, 0.5),
        ('pow', 5e-324, 1.0001),
        ('pow', 1.7976931348623157e308, 0.99),
        ('log', 2.0),
        ('log', 0.5),
        ('log', 1 + 2**-52),
        ('log', 1 - 2**-53),
        ('log', 5e-324),
        ('log', 1.7976931348623157e308),
        ('log', math.sqrt(2)),
        ('log', 0.7071067811865476),
    ]
    return cases


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else 'table'
    if what == 'constants':
        constants()
    elif what == 'table':
        print('# /usr/bin/python3 tests/golden/units/pow_reference.py table')
        print('# "pow x y x^y" and "log x log(x)", correctly rounded (pow_reference.py), hex floats')
        counts = {'pow': [0, 0], 'log': [0, 0]}
        rows = {}
        for case in hard_cases():
            rows[case] = reference(case)
        for case in sweep():
            counts[case[0]][1] += 1
            want = reference(case)
            if libm(case) != want:
                counts[case[0]][0] += 1
                rows[case] = want
        for case, value in rows.items():
            print(line(case, value))
        for kind, (bad, total) in counts.items():
            print(f'{kind}: libm differs from the correctly rounded value on {bad} of {total}',
                  file=sys.stderr)
    elif what == 'check':
        bad = total = 0
        for text in sys.stdin:
            words = text.split()
            case = (words[0],) + tuple(float.fromhex(w) for w in words[1:-1])
            got = float.fromhex(words[-1])
            total += 1
            want = reference(case)
            if want != got:
                bad += 1
                print('differs:', line(case, got), 'reference', want.hex())
        print(f'{bad} of {total} differ from the correctly rounded value')


if __name__ == '__main__':
    main()
