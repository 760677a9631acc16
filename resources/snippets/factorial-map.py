"""The built-in map: lazy, sequential, one call after another."""
import math
import time

TASKS = 30
N = 100_000

if __name__ == "__main__":
    began = time.perf_counter()
    results = list(map(math.factorial, [N] * TASKS))   # list() drives the map
    print(f"map: {len(results)} factorials in {time.perf_counter() - began:.2f} s (about T1)")
