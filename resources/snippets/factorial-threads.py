"""One thread per factorial. With the GIL, only one runs Python at a time."""
import math
import threading
import time

TASKS = 30
N = 100_000
results: list[int | None] = [None] * TASKS


def work(slot: int, n: int) -> None:
    results[slot] = math.factorial(n)   # holds the GIL while it computes


if __name__ == "__main__":
    began = time.perf_counter()
    threads = [threading.Thread(target=work, args=(i, N)) for i in range(TASKS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # GIL on: about T1, the threads take turns.
    # Free-threaded Python (GIL off): up to one core per thread.
    print(f"{TASKS} factorials in {time.perf_counter() - began:.2f} s")
