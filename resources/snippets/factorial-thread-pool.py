"""A thread pool's map: fewer threads than tasks, each reused, all sharing one GIL."""
from concurrent.futures import ThreadPoolExecutor
from math import factorial
from time import perf_counter

TASKS = 30
N = 100_000

start_time = perf_counter()

factorial_arguments = [N] * TASKS
with ThreadPoolExecutor() as pool:  # default: min(32, cores + 4) threads
    tuple(pool.map(factorial, factorial_arguments))

print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")
