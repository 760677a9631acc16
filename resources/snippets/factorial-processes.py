"""One process per factorial: each has its own interpreter and its own GIL."""
from math import factorial
from multiprocessing import Process, set_start_method
from time import perf_counter

TASKS = 30
N = 100_000

# A spawned child re-imports this file: only the parent may start processes.
if __name__ == "__main__":
    set_start_method("fork")  # or "spawn": a fresh interpreter, slower to start
    start_time = perf_counter()

    processes = [Process(target=factorial, args=(N,)) for _ in range(TASKS)]
    for process in processes:
        process.start()  # creating a process costs time of its own
    for process in processes:
        process.join()

    # Faster than T1, but TASKS processes share the cores there are.
    print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")
