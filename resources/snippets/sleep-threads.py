"""One thread per sleeping task: all started, then all joined."""
import threading
import time

TASKS = 5
PAUSE = 0.1


def task(i: int) -> None:
    print(f"Task {i}: starting.")   # print() writes the text, then "\n":
    time.sleep(PAUSE)               # another thread may write in between
    print(f"Task {i}: finishing.")


if __name__ == "__main__":
    began = time.perf_counter()
    workers = [threading.Thread(target=task, args=(i,)) for i in range(TASKS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()               # the main thread waits for every worker
    print(f"wall time {time.perf_counter() - began:.2f} s")   # about one PAUSE
