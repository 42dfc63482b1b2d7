"""Sebastiano Vigna's splitmix64, as tests/splitmix64.hpp has it: the generator the sweeps of
cos_reference.py and pow_reference.py draw from, so they sweep what the C++ tests sweep."""

MASK = (1 << 64) - 1


def splitmix64(state):
    """(next state, output)."""
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)
