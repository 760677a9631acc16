"""concurrent.futures' process pool: its map hands the workers one argument at a time."""
from concurrent.futures import ProcessPoolExecutor
from math import factorial
from multiprocessing import set_start_method
from time import perf_counter

TASKS = 30
N = 100_000

# A spawned worker re-imports this file: only the parent may build the pool.
if __name__ == "__main__":
    set_start_method("fork")  # or "spawn": a fresh interpreter, slower to start
    start_time = perf_counter()

    factorial_arguments = [N] * TASKS
    with ProcessPoolExecutor() as pool:  # default: one worker per core
        tuple(pool.map(factorial, factorial_arguments))  # results in argument order

    print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")
