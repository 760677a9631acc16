"""The Thread subclass with one class-level lock around its prints."""
import threading
import time

TASKS = 5
PAUSE = 0.1


class Sleeper(threading.Thread):
    output = threading.Lock()    # shared by every instance of the class

    def __init__(self, number: int) -> None:
        super().__init__(name=f"Sleeper-{number}")
        self.number = number

    def say(self, message: str) -> None:
        with Sleeper.output:
            print(message)

    def run(self) -> None:
        self.say(f"Task {self.number}: starting.")
        time.sleep(PAUSE)        # the lock is free while sleeping
        self.say(f"Task {self.number}: finishing.")


if __name__ == "__main__":
    sleepers = [Sleeper(i) for i in range(TASKS)]
    for s in sleepers:
        s.start()
    for s in sleepers:
        s.join()
