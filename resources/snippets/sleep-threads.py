"""One thread per sleeping task: all started, then all joined."""
from threading import Thread
from time import perf_counter, sleep

TASKS = 5
PAUSE = 0.1


def task(id):
    # print() writes the text, then the line end. Unbuffered (python -u, a notebook),
    # each is its own system call, and another thread may write in between.
    print(f"Task {id}: starting. ")
    sleep(PAUSE)
    print(f"Task {id}: finishing. ")


if __name__ == "__main__":
    start_time = perf_counter()
    threads = [Thread(target=task, args=(i,)) for i in range(TASKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()  # the main thread waits for every worker
    print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")  # about one PAUSE
