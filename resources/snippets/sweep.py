"""How many workers? Time the same map on pools of 1, 2, 4, ... 512 processes."""
import math
import os
import time
from concurrent.futures import ProcessPoolExecutor

TASKS = 30
N = 100_000


def timed_map(workers: int) -> float:
    began = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(math.factorial, [N] * TASKS))
    return time.perf_counter() - began


if __name__ == "__main__":
    cores = os.cpu_count() or 1
    t1 = timed_map(1)
    for workers in (2 ** k for k in range(10)):
        wall = t1 if workers == 1 else timed_map(workers)
        ideal = t1 / min(workers, cores)
        print(f"{workers:4d} workers: {wall:6.2f} s   ideal {ideal:6.2f} s")
