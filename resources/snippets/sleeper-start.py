"""The same Thread subclass, started and joined."""
import threading
import time

TASKS = 5
PAUSE = 0.1


class Sleeper(threading.Thread):
    def __init__(self, number: int) -> None:
        super().__init__(name=f"Sleeper-{number}")
        self.number = number

    def run(self) -> None:       # called by start(), on the new thread
        print(f"Task {self.number}: starting.")
        time.sleep(PAUSE)
        print(f"Task {self.number}: finishing.")


if __name__ == "__main__":
    sleepers = [Sleeper(i) for i in range(TASKS)]
    for s in sleepers:
        s.start()                # a new OS thread calls run()
    for s in sleepers:
        s.join()
