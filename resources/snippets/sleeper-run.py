"""A Thread subclass whose run() is called directly: no thread starts."""
import threading
import time

TASKS = 5
PAUSE = 0.1


class Sleeper(threading.Thread):
    def __init__(self, number: int) -> None:
        super().__init__(name=f"Sleeper-{number}")
        self.number = number

    def run(self) -> None:
        print(f"Task {self.number}: starting.")
        time.sleep(PAUSE)
        print(f"Task {self.number}: finishing.")


if __name__ == "__main__":
    sleepers = [Sleeper(i) for i in range(TASKS)]
    for s in sleepers:
        s.run()    # a plain method call, on the main thread, one after another
    print(threading.current_thread().name)   # MainThread did all the work
