"""Completion order versus result order in a process pool."""
from concurrent.futures import ProcessPoolExecutor, as_completed


def square(x: int) -> int:
    return x * x


if __name__ == "__main__":
    inputs = range(71)
    with ProcessPoolExecutor() as pool:
        futures = {pool.submit(square, x): x for x in inputs}
        finished = [futures[f] for f in as_completed(futures)]
        ordered = tuple(pool.map(square, inputs))

    print("finished:", finished[:12], "...")   # scrambled: whoever was free went first
    print("results: ", ordered[:12], "...")    # map(): always in input order
