"""Threads that hold one shared lock around the whole task."""
from threading import RLock, Thread
from time import perf_counter, sleep

TASKS = 5
PAUSE = 0.1
rlock = RLock()  # made once, shared by every thread; re-entrant: its holder may take it again


def task(id):
    print(f"Task {id}: starting. ")
    sleep(PAUSE)
    print(f"Task {id}: finishing. ")


def task_locked(id):
    with rlock:  # held while printing *and* sleeping: everyone else waits for this sleep
        task(id)


if __name__ == "__main__":
    start_time = perf_counter()
    threads = [Thread(target=task_locked, args=(i,)) for i in range(TASKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")  # back to TASKS * PAUSE
