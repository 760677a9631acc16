"""A big factorial, computed TASKS times in a plain loop."""
import math
import time

TASKS = 30
# 100_000! has 456,574 decimal digits.
N = 100_000


def work(n: int) -> int:
    return math.factorial(n)   # pure computation: the CPU is busy all along


if __name__ == "__main__":
    began = time.perf_counter()
    results = []
    for _ in range(TASKS):
        results.append(work(N))
    t1 = time.perf_counter() - began
    print(f"{TASKS} factorials in {t1:.2f} s (T1, the baseline)")
