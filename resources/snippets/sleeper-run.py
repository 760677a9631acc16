"""A Thread subclass whose run() is called directly: no thread starts."""
from threading import Thread
from time import perf_counter, sleep

TASKS = 5
PAUSE = 0.1


class Sleeper(Thread):  # a Sleeper is a Thread
    def __init__(self, id):
        super().__init__()  # the Thread's own set-up: needed, since __init__ is overridden
        self.id = id

    def run(self):  # the name Thread.start() calls
        print(f"Task {self.id}: starting. ")
        sleep(PAUSE)
        print(f"Task {self.id}: finishing. ")


if __name__ == "__main__":
    start_time = perf_counter()
    for i in range(TASKS):
        Sleeper(i).run()  # a plain method call, on the main thread, one after another
    print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")  # about TASKS * PAUSE
