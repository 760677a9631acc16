"""How many workers? The same map of factorials on pools of 1, 2, 4, ... MAX_WORKERS processes."""
from math import factorial
from multiprocessing import Pool, set_start_method
from time import perf_counter

TASKS = 30
N = 100_000
MAX_WORKERS = 512

# A spawned worker re-imports this file: only the parent may build the pools.
if __name__ == "__main__":
    set_start_method("fork")  # or "spawn": a fresh interpreter, slower to start
    factorial_arguments = [N] * TASKS
    workers = 1
    while workers <= MAX_WORKERS:
        start_time = perf_counter()
        with Pool(processes=workers) as pool:
            tuple(pool.map(factorial, factorial_arguments))
        # Falls until workers reach the core count, then rises: each worker costs a process.
        print(f"[{workers} workers] Time spent inside the loop: {perf_counter() - start_time} seconds.")
        workers *= 2
