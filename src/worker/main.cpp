// concurrency-lab-worker: what the spawn start method starts. It finds its
// socket to the engine on fd 3 and the standard output the workers share on
// fd 4, then runs the tasks it is sent.
#include "WorkerProtocol.h"

int main() { return lab::runWorker(lab::workerSocketFd, lab::workerStdoutFd); }
