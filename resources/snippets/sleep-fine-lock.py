"""Threads that hold the lock only while they print."""
import threading
import time

TASKS = 5
PAUSE = 0.1
console = threading.Lock()


def say(message: str) -> None:
    with console:              # one whole line at a time
        print(message)


def task(i: int) -> None:
    say(f"Task {i}: starting.")
    time.sleep(PAUSE)          # sleeping without the lock: sleeps overlap
    say(f"Task {i}: finishing.")


if __name__ == "__main__":
    began = time.perf_counter()
    workers = [threading.Thread(target=task, args=(i,)) for i in range(TASKS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"wall time {time.perf_counter() - began:.2f} s")   # about one PAUSE
