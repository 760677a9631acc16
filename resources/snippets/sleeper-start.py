"""The same Thread subclass, started and joined."""
from threading import Thread
from time import perf_counter, sleep

TASKS = 5
PAUSE = 0.1


class Sleeper(Thread):
    def __init__(self, id):
        super().__init__()
        self.id = id

    def run(self):  # called by start(), on the new thread
        print(f"Task {self.id}: starting. ")
        sleep(PAUSE)
        print(f"Task {self.id}: finishing. ")


if __name__ == "__main__":
    start_time = perf_counter()
    sleepers = [Sleeper(i) for i in range(TASKS)]
    for sleeper in sleepers:
        sleeper.start()  # a new OS thread calls run()
    for sleeper in sleepers:
        sleeper.join()
    print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")  # about one PAUSE
