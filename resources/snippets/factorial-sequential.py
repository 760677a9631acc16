"""The baseline: TASKS big factorials in a plain loop, on the main thread (T1)."""
from math import factorial
from time import perf_counter

TASKS = 30
N = 100_000

start_time = perf_counter()

for _ in range(TASKS):
    factorial(N)  # 100_000! has 456_574 digits: pure computation, one core busy

print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")
