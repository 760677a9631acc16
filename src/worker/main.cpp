// concurrency-lab-worker: what the spawn start method starts. It finds its
// socket to the engine on fd 3, then computes the tasks it is sent.
#include "WorkerProtocol.h"

int main() { return lab::runWorker(lab::workerSocketFd); }
