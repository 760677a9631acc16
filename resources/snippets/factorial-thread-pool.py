"""A thread pool's map: a few reusable worker threads, still one GIL."""
import math
import os
import time
from concurrent.futures import ThreadPoolExecutor

TASKS = 30
N = 100_000

if __name__ == "__main__":
    workers = min(32, (os.cpu_count() or 1) + 4)    # the executor's default
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(math.factorial, [N] * TASKS))
    # Fewer threads than tasks, each reused; with the GIL about T1.
    print(f"{workers} threads: {time.perf_counter() - began:.2f} s")
