// concurrency-lab-worker: what the spawn start method starts. It finds its
// socket to the engine on fd 3, the standard output the workers share on fd 4
// and, in a pool, the pool's task queue on fd 5, then runs the tasks it gets.
// It starts in a process group of its own with the group signals blocked
// (WorkerSignals.h): those that came before are the engine's, not its.
#include "WorkerProtocol.h"
#include "WorkerSignals.h"

int main()
{
    lab::settleWorkerSignals();
    return lab::runWorker(lab::workerSocketFd, lab::workerStdoutFd, lab::workerQueueFd);
}
