#include "OutputFile.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <random>

#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lab {
namespace {

constexpr int pollMs = 20; // how often a waiting write looks at `interrupted`

std::string osError(int error) { return std::strerror(error); }

std::string directoryOf(const std::string &path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

std::string nameOf(const std::string &path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool isSpecial(const struct stat &st) { return !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode); }

// A new file beside `path`, named so it can never be taken for the target.
// open(O_EXCL) rather than mkstemp, so the umask applies as to any new file.
int createTemporary(const std::string &path, std::string &tempPath)
{
    static thread_local std::mt19937_64 random{std::random_device{}()};
    const std::string prefix = directoryOf(path) + "/.concurrency-lab-";
    for (int attempt = 0; attempt < 100; ++attempt) {
        tempPath = prefix + std::to_string(random() % 1'000'000'000'000ULL) + ".part";
        const int fd = ::open(tempPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

// A write to a pipe whose reader has gone would raise SIGPIPE and end the
// program; blocked on this thread, the write fails with EPIPE instead, and the
// signal it left pending is taken away.
class SigpipeBlocked
{
public:
    SigpipeBlocked()
    {
        sigemptyset(&m_set);
        sigaddset(&m_set, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &m_set, &m_previous);
    }
    ~SigpipeBlocked()
    {
        const timespec zero{0, 0};
        while (sigtimedwait(&m_set, nullptr, &zero) > 0) { }
        pthread_sigmask(SIG_SETMASK, &m_previous, nullptr);
    }
    SigpipeBlocked(const SigpipeBlocked &) = delete;
    SigpipeBlocked &operator=(const SigpipeBlocked &) = delete;

private:
    sigset_t m_set{};
    sigset_t m_previous{};
};

// Writes all of `bytes`, through short writes and signals; a non-blocking fd
// that is full is waited on, `interrupted` looked at meanwhile.
std::optional<std::string> writeAll(int fd, std::string_view bytes, const OutputFile::Interrupted &interrupted)
{
    const SigpipeBlocked sigpipe;
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n > 0) {
            bytes.remove_prefix(std::size_t(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (interrupted && interrupted())
                return std::string("interrupted while the reader was not reading");
            pollfd p{fd, POLLOUT, 0};
            ::poll(&p, 1, pollMs);
            continue;
        }
        return osError(n < 0 ? errno : EIO);
    }
    return std::nullopt;
}

} // namespace

OutputFile::OutputFile(std::string path, Interrupted interrupted)
    : m_path(std::move(path)), m_interrupted(std::move(interrupted))
{
}

OutputFile::~OutputFile()
{
    if (!m_staged.empty())
        ::unlink(m_staged.c_str());
}

std::optional<std::string> OutputFile::check() const
{
    if (m_path.empty())
        return std::string("the file name is empty");
    if (isStandardOutput())
        return std::nullopt;
    struct stat st{};
    if (::stat(m_path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return std::string("it is a directory");
        if (::access(m_path.c_str(), W_OK) != 0)
            return osError(errno);
        if (isSpecial(st))
            return std::nullopt;
    }
    const long nameMax = ::pathconf(directoryOf(m_path).c_str(), _PC_NAME_MAX);
    if (nameMax > 0 && long(nameOf(m_path).size()) > nameMax)
        return osError(ENAMETOOLONG);
    std::string temp;
    const int fd = createTemporary(m_path, temp);
    if (fd < 0)
        return osError(errno);
    ::close(fd);
    ::unlink(temp.c_str());
    return std::nullopt;
}

std::optional<std::string> OutputFile::stage(std::string_view bytes)
{
    struct stat st{};
    const bool exists = ::stat(m_path.c_str(), &st) == 0;
    m_special = isStandardOutput() || (exists && isSpecial(st));
    if (m_special) {
        m_inPlace.assign(bytes);
        return std::nullopt;
    }
    if (exists && S_ISDIR(st.st_mode))
        return std::string("it is a directory");
    std::string temp;
    const int fd = createTemporary(m_path, temp);
    if (fd < 0)
        return osError(errno);
    m_staged = temp;
    if (exists)
        ::fchmod(fd, st.st_mode & 07777); // a replaced file keeps its permissions
    std::optional<std::string> error = writeAll(fd, bytes, m_interrupted);
    // A full disk may only show when the data leaves the page cache.
    if (!error && ::fsync(fd) != 0 && errno != EINVAL)
        error = osError(errno);
    if (::close(fd) != 0 && !error && errno != EINTR)
        error = osError(errno);
    if (error) {
        ::unlink(m_staged.c_str());
        m_staged.clear();
    }
    return error;
}

std::optional<std::string> OutputFile::commit()
{
    if (m_special)
        return writeInPlace();
    if (m_staged.empty())
        return std::string("nothing was staged");
    if (::rename(m_staged.c_str(), m_path.c_str()) != 0) {
        const int error = errno;
        ::unlink(m_staged.c_str());
        m_staged.clear();
        return osError(error);
    }
    m_staged.clear();
    return std::nullopt;
}

std::optional<std::string> OutputFile::writeInPlace()
{
    if (isStandardOutput())
        return writeAll(STDOUT_FILENO, m_inPlace, m_interrupted);
    // Non-blocking, so neither a FIFO without a reader nor a reader that stops
    // reading can hold the program past an interrupt.
    int fd = -1;
    while ((fd = ::open(m_path.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)) < 0) {
        if (errno == EINTR)
            continue;
        if (errno != ENXIO)
            return osError(errno);
        if (m_interrupted && m_interrupted())
            return std::string("interrupted while waiting for a process to read the FIFO");
        ::usleep(pollMs * 1000);
    }
    std::optional<std::string> error = writeAll(fd, m_inPlace, m_interrupted);
    if (::close(fd) != 0 && !error && errno != EINTR)
        error = osError(errno);
    return error;
}

std::optional<std::string> OutputFile::write(const std::string &path, std::string_view bytes, Interrupted interrupted)
{
    OutputFile file(path, std::move(interrupted));
    if (auto error = file.stage(bytes))
        return error;
    return file.commit();
}

} // namespace lab
