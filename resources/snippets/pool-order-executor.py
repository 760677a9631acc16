"""The same with concurrent.futures: its map sends one task at a time, and returns the results in order."""
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import RLock, set_start_method

TASKS = 71


def keep(lock):
    # A multiprocessing lock cannot travel with a task; it goes to each worker as it starts.
    global rlock
    rlock = lock


def task(id):
    with rlock:
        if id < 10:
            # Unflushed, the text would wait in this worker's buffer until the worker exits.
            print(id, end=", ", flush=True)
    return id


if __name__ == "__main__":
    set_start_method("fork")  # or "spawn": a fresh interpreter, slower to start
    rlock = RLock()
    with ProcessPoolExecutor(initializer=keep, initargs=(rlock,)) as pool:
        res = tuple(pool.map(task, range(TASKS)))

    print()
    print(res[:10])
