// lab-idle-worker, a worker program for the tests (LAB_WORKER): it reads its
// set-up and answers it as the real worker does, then exits with code 0
// without taking any work -- a worker that ends for no reason the engine gave.
#include "WorkerProtocol.h"

#include <sys/socket.h>

int main()
{
    lab::WorkerCommand setup;
    if (::recv(lab::workerSocketFd, &setup, sizeof setup, 0) != ssize_t(sizeof setup))
        return 3;
    lab::WorkerMessage ready;
    ready.kind = lab::WorkerMessage::Ready;
    if (::send(lab::workerSocketFd, &ready, sizeof ready, MSG_NOSIGNAL) != ssize_t(sizeof ready))
        return 3;
    return 0;
}
