"""Threads that hold the lock only while they print."""
from threading import RLock, Thread
from time import perf_counter, sleep

TASKS = 5
PAUSE = 0.1
rlock = RLock()


def task_locked(id):
    with rlock:  # one whole line at a time
        print(f"Task {id}: starting. ")
    sleep(PAUSE)  # sleeping without the lock: the sleeps overlap
    with rlock:
        print(f"Task {id}: finishing. ")


if __name__ == "__main__":
    start_time = perf_counter()
    threads = [Thread(target=task_locked, args=(i,)) for i in range(TASKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")  # about one PAUSE
