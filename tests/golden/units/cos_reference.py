#!/usr/bin/python3
"""cos x correctly rounded, for any double x, in exact integer arithmetic: the reference that
cpp/cos_rounded.cpp is checked against (tests/test_cos_rounded.cpp reads cos_rounded.txt).
Developer tooling, not CI; needs only Python's standard library (no mpmath on this machine).

  cos_reference.py table            cos_rounded.txt: x, then cos x, as hex floats, for the hard
                                    cases and for every argument of test_cos_rounded.cpp's sweep
                                    where this machine's libm cos (glibc's) is not correctly rounded
  cos_reference.py constants        pi/2 in three doubles and 1/k! in double-doubles, for the C++
  cos_reference.py check < FILE     lines "x y" (hex floats): counts those where y != cos x rounded

Every value is a fixed-point integer over 2^PREC; the error of the reduction and of the series is a
few units of 2^-PREC, far below half an ulp of any cos of a double (|cos x| > 2^-70 for every double
x, since no double is nearer than that to an odd multiple of pi/2), so Fraction's rounding to a
double is the correctly rounded cos.
"""
import sys
from fractions import Fraction

from splitmix64 import splitmix64

PREC = 400


def arctan_inv(n, one):
    """arctan(1/n) * one, by its series (Machin's formula below)."""
    total, term, k, sign = 0, one // n, 1, 1
    while term:
        total += sign * (term // k)
        term //= n * n
        k += 2
        sign = -sign
    return total


def pi_fixed(prec):
    guard = 32
    one = 1 << (prec + guard)
    return (16 * arctan_inv(5, one) - 4 * arctan_inv(239, one)) >> guard


PI = pi_fixed(PREC)
ONE = 1 << PREC


def to_fixed(x):
    m, e = Fraction(x).numerator, Fraction(x).denominator  # x = m / 2^e (e a power of two)
    return (m << PREC) // e


def cos_sin_fixed(r):
    """cos r and sin r for |r| <= 1 (fixed point), by Taylor series."""
    c, s, term, k = 0, 0, ONE, 0
    while term:
        if k % 4 == 0:
            c += term
        elif k % 4 == 1:
            s += term
        elif k % 4 == 2:
            c -= term
        else:
            s -= term
        k += 1
        term = term * r // ONE // k
    return c, s


def cos_rounded(x):
    if x != x or x in (float('inf'), float('-inf')):
        return float('nan')
    fx = to_fixed(abs(x))
    half_pi = PI // 2
    n = (fx + half_pi // 2) // half_pi
    r = fx - n * half_pi  # |r| <= pi/4; the error of PI // 2 is n units of 2^-PREC
    c, s = cos_sin_fixed(r)
    v = (c, -s, -c, s)[n % 4]
    return float(Fraction(v, ONE))


def dd(q):
    """q as a double-double: hi = q rounded, lo = (q - hi) rounded."""
    hi = float(q)
    return hi, float(q - Fraction(hi))


def constants():
    pi_over_2 = Fraction(PI, 2 * ONE)
    parts = []
    rest = pi_over_2
    for _ in range(3):
        parts.append(float(rest))
        rest -= Fraction(parts[-1])
    print('pi/2 = ' + ' + '.join(p.hex() for p in parts))
    f = 1
    for k in range(0, 31):
        if k:
            f *= k
        hi, lo = dd(Fraction(1, f))
        print(f'1/{k}! = {{{hi.hex()}, {lo.hex()}}}')


def hard_cases():
    """Arguments whose cos is near zero or needs the whole reduction: the doubles nearest to
    multiples of pi/2 (the cos of the nearest to an odd one is tiny), and the schedulers' own
    arguments math.pi * t / T (CosineAnnealingLR) whose cos is near 0 or -1."""
    xs = set()
    for n in list(range(1, 64)) + [1000, 12345, 2**20 + 7, 10**7 + 1, 45_000_000, 10**10 + 3]:
        m = Fraction(PI, ONE) * n / 2
        x = float(m)
        xs.update([x, float.fromhex(x.hex()) * (1 + 2**-52), x * (1 - 2**-52)])
    import math
    for t_max in (2, 4, 6, 10, 30, 100, 1000, 9999):
        for t in (t_max // 2, t_max - 1, t_max, t_max + 1, 3 * t_max // 2):
            xs.add(math.pi * t / t_max)
            xs.add(t * math.pi / t_max)
    return sorted(xs)


def sweep():
    """test_cos_rounded.cpp's sweep, argument for argument, in the same double operations: the
    schedulers' math.pi * t / T and t * math.pi / T, then uniform draws over [-10, 10), [0, pi),
    2^-60 .. 2^30, [0, 4.5e7) and [0, 2^34)."""
    import math
    for t_max in range(1, 301):
        for t in range(0, 2 * t_max + 1):
            yield math.pi * t / t_max
            yield t * math.pi / t_max
    state = 1

    def unit():
        nonlocal state
        state, z = splitmix64(state)
        return (z >> 11) * 2.0**-53

    for _ in range(200_000):
        yield unit() * 20 - 10
    for _ in range(50_000):
        yield math.pi * unit()
    for _ in range(20_000):
        u = unit()
        state, z = splitmix64(state)
        yield math.ldexp(u, z % 90 - 60)
    for _ in range(20_000):
        yield unit() * 4.5e7
    for _ in range(20_000):
        yield unit() * 2.0**34


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else 'table'
    if what == 'constants':
        constants()
    elif what == 'table':
        print('# /usr/bin/python3 tests/golden/units/cos_reference.py table')
        print('# x, then cos x correctly rounded (exact integer arithmetic), as hex floats')
        import math
        xs = set(hard_cases())
        xs.update(x for x in sweep() if math.cos(x) != cos_rounded(x))
        for x in sorted(xs):
            print(x.hex(), cos_rounded(x).hex())
    elif what == 'check':
        bad = total = 0
        for line in sys.stdin:
            x, y = (float.fromhex(w) for w in line.split())
            total += 1
            want = cos_rounded(x)
            if want != y:
                bad += 1
                print('differs:', x.hex(), y.hex(), 'reference', want.hex())
        print(f'{bad} of {total} differ from the correctly rounded cos')


if __name__ == '__main__':
    main()
