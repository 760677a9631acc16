"""Sleeping tasks, one after another on the main thread."""
import time

TASKS = 5
PAUSE = 0.1  # seconds each task sleeps


def task(i: int) -> None:
    print(f"Task {i}: starting.")
    time.sleep(PAUSE)          # waiting, not computing
    print(f"Task {i}: finishing.")


if __name__ == "__main__":
    began = time.perf_counter()
    for i in range(TASKS):
        task(i)                # the next task starts only when this one is done
    print(f"wall time {time.perf_counter() - began:.2f} s")   # about TASKS * PAUSE
