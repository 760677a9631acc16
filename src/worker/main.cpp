// concurrency-lab-worker: what the spawn start method starts. It finds its
// socket to the engine on fd 3, the standard output the workers share on fd 4
// and, in a pool, the pool's task queue on fd 5, then runs the tasks it gets.
#include "WorkerProtocol.h"

int main() { return lab::runWorker(lab::workerSocketFd, lab::workerStdoutFd, lab::workerQueueFd); }
