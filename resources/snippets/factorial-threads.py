"""One thread per factorial: math.factorial holds the GIL for its whole call, so the threads take turns."""
from math import factorial
from threading import Thread
from time import perf_counter

TASKS = 30
N = 100_000

start_time = perf_counter()

threads = [Thread(target=factorial, args=(N,)) for _ in range(TASKS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

# About T1. Free-threaded Python (no GIL) would use a core per thread.
print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")
