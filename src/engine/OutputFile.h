#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace lab {

// One file the program writes, complete or not at all. A regular file (or a
// new one) is written to a temporary file beside it, synced, and renamed over
// it on commit, so a full disk or a cancelled run never leaves half a file. A
// device, a FIFO or a socket is written in place -- renaming over /dev/null
// would replace it -- and every write error is reported. "-" is standard output.
// Errors are the OS's reason ("No space left on device"), without the path.
class OutputFile
{
public:
    // Polled while a write waits (a FIFO without a reader, a slow one): true stops it.
    using Interrupted = std::function<bool()>;

    explicit OutputFile(std::string path, Interrupted interrupted = {});
    ~OutputFile(); // removes a staged file that was not committed
    OutputFile(const OutputFile &) = delete;
    OutputFile &operator=(const OutputFile &) = delete;

    const std::string &path() const { return m_path; }
    bool isStandardOutput() const { return m_path == "-"; }

    // Before any work: could the file be written? Creates and removes a temporary
    // file beside a regular one; opens nothing that is special (a FIFO's reader
    // would see an end of file).
    std::optional<std::string> check() const;
    // A regular file: writes `bytes` to the temporary file and syncs it. Anything
    // else: keeps them for commit().
    std::optional<std::string> stage(std::string_view bytes);
    // Renames the staged file over the target, or writes in place.
    std::optional<std::string> commit();

    // stage() and commit() together.
    static std::optional<std::string> write(const std::string &path, std::string_view bytes, Interrupted interrupted = {});

private:
    std::optional<std::string> writeInPlace();

    std::string m_path;
    Interrupted m_interrupted;
    std::string m_staged;     // the temporary file's path, while one exists
    std::string m_inPlace;    // bytes for a special file or standard output
    bool m_special = false;
};

} // namespace lab
