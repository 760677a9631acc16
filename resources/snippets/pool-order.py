"""The workers run the tasks in chunks, in no set order; Pool.map still returns the results in order."""
from multiprocessing import Pool, RLock, set_start_method

TASKS = 71


def keep(lock):
    # Each worker runs this as it starts: a spawned one has no copy of the parent's globals.
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
    with Pool(initializer=keep, initargs=(rlock,)) as pool:
        res = tuple(pool.map(task, range(TASKS)))

    print()
    print(res[:10])  # in order, however the prints above came out
