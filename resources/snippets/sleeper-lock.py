"""The Thread subclass with one class-level lock around its prints."""
from threading import RLock, Thread
from time import perf_counter, sleep

TASKS = 5
PAUSE = 0.1


class Sleeper(Thread):
    def __init__(self, id):
        super().__init__()
        self.id = id


class SleeperLock(Sleeper):  # a SleeperLock is a Sleeper, and so a Thread
    rlock = RLock()  # a class variable: one lock for every instance

    def run(self):
        with self.rlock:
            print(f"Task {self.id}: starting. ")
        sleep(PAUSE)  # the lock is free while sleeping
        with self.rlock:
            print(f"Task {self.id}: finishing. ")


if __name__ == "__main__":
    start_time = perf_counter()
    sleepers = [SleeperLock(i) for i in range(TASKS)]
    for sleeper in sleepers:
        sleeper.start()
    for sleeper in sleepers:
        sleeper.join()
    print(f"\nTime spent inside the loop: {perf_counter() - start_time} seconds.")  # concurrent and clean
