"""Threads that hold one shared lock around the whole task."""
import threading
import time

TASKS = 5
PAUSE = 0.1
console = threading.RLock()    # re-entrant: the holder may take it again


def task(i: int) -> None:
    with console:              # held while printing *and* sleeping
        print(f"Task {i}: starting.")
        time.sleep(PAUSE)      # everyone else waits for this sleep
        print(f"Task {i}: finishing.")


if __name__ == "__main__":
    began = time.perf_counter()
    workers = [threading.Thread(target=task, args=(i,)) for i in range(TASKS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"wall time {time.perf_counter() - began:.2f} s")   # back to TASKS * PAUSE
