"""Sleeping tasks, one after another on the main thread."""
from time import perf_counter, sleep

TASKS = 5
PAUSE = 0.1  # seconds each task sleeps


def task(id):
    print(f"Task {id}: starting. ")
    sleep(PAUSE)  # waiting, not computing
    print(f"Task {id}: finishing. ")


if __name__ == "__main__":
    start_time = perf_counter()
    for i in range(TASKS):
        task(i)  # the next task starts only when this one is done
    print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")  # about TASKS * PAUSE
