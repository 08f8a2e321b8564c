#include "core/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "core/log.h"

namespace sr::core {
namespace {

using Clock = std::chrono::steady_clock;

void writeAll(int fd, std::string_view text) {
    size_t written = 0;
    while (written < text.size()) {
        ssize_t n = write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        written += size_t(n);
    }
}

[[noreturn]] void runChildSide(const std::function<void(const ChildSender&)>& work,
                               [[maybe_unused]] const ChildLimits& limits, int fd) {
#ifndef __SANITIZE_ADDRESS__ // AddressSanitizer's shadow memory alone is larger than any sane limit
    if (limits.addressSpace > 0) {
        rlimit memory{rlim_t(limits.addressSpace), rlim_t(limits.addressSpace)};
        setrlimit(RLIMIT_AS, &memory);
    }
#endif
    rlimit core{0, 0};
    setrlimit(RLIMIT_CORE, &core);
    core::setLogQuiet(true);
    try {
        work([fd](std::string_view text) { writeAll(fd, text); });
    } catch (...) {
        std::abort();
    }
    close(fd);
    _exit(0);
}

// Reads from `fd` until end of file or `deadline`; returns false on timeout.
bool readUntil(int fd, Clock::time_point deadline, std::string& text, const ChildSender& onOutput) {
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        if (left.count() <= 0) return false;
        pollfd p{fd, POLLIN, 0};
        int ready = poll(&p, 1, int(std::min<int64_t>(left.count(), 60'000)));
        if (ready <= 0) continue; // timeout slice or EINTR: check the deadline again
        char buffer[16384];
        ssize_t n = read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return true; // end of file: the child finished or died
        text.append(buffer, size_t(n));
        if (onOutput) onOutput(std::string_view(buffer, size_t(n)));
    }
}

// Waits for `pid` after reading its output until `deadline`, kills it when late, and fills in how
// it ended.
void finishChild(pid_t pid, int fd, Clock::time_point start, Clock::time_point deadline,
                 ChildOutcome& outcome, const ChildSender& onOutput = {}) {
    std::string text;
    const bool inTime = readUntil(fd, deadline, text, onOutput);
    close(fd);
    if (!inTime) kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    outcome.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    outcome.output = std::move(text);
    if (!inTime) {
        outcome.kind = ChildOutcome::Kind::TimedOut;
    } else if (WIFSIGNALED(status)) {
        outcome.kind = ChildOutcome::Kind::Crashed;
        outcome.signal = WTERMSIG(status);
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        outcome.kind = ChildOutcome::Kind::Finished;
    } else {
        outcome.kind = ChildOutcome::Kind::Crashed;
        outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
}

Clock::time_point deadlineAfter(Clock::time_point start, double seconds) {
    return start + std::chrono::microseconds(int64_t(std::ceil(seconds * 1e6)));
}

// The exit code of a child whose exec failed; it writes kExecFailedMark first.
constexpr int kExecFailedCode = 127;
constexpr char kExecFailedMark[] = "\x01exec failed\x01";

} // namespace

ChildOutcome runInChild(const std::function<void(const ChildSender&)>& work, const ChildLimits& limits) {
    ChildOutcome outcome;
    outcome.limitSeconds = limits.seconds;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        outcome.output = core::concat("cannot create a pipe: ", std::strerror(errno));
        return outcome;
    }
    std::fflush(nullptr); // the child must not write the parent's buffered output again
    const auto start = Clock::now();
    pid_t pid = fork();
    if (pid < 0) {
        outcome.output = core::concat("cannot start a child process: ", std::strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return outcome;
    }
    if (pid == 0) {
        close(fds[0]);
        runChildSide(work, limits, fds[1]);
    }
    close(fds[1]);
    finishChild(pid, fds[0], start, deadlineAfter(start, limits.seconds), outcome);
    return outcome;
}

ChildOutcome runProgram(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                        const ChildLimits& limits, const ChildSender& onOutput) {
    ChildOutcome outcome;
    outcome.limitSeconds = limits.seconds;
    // Everything the child needs is prepared here: after fork it may not allocate.
    const std::string path = program.string();
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(path.c_str()));
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    if (access(path.c_str(), X_OK) != 0) {
        outcome.output = core::concat("cannot start ", path, ": ", std::strerror(errno));
        return outcome;
    }
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        outcome.output = core::concat("cannot create a pipe: ", std::strerror(errno));
        return outcome;
    }
    const int nullInput = open("/dev/null", O_RDONLY | O_CLOEXEC);
    const auto start = Clock::now();
    pid_t pid = fork();
    if (pid < 0) {
        outcome.output = core::concat("cannot start ", path, ": ", std::strerror(errno));
        close(fds[0]);
        close(fds[1]);
        if (nullInput >= 0) close(nullInput);
        return outcome;
    }
    if (pid == 0) {
        // Async-signal-safe calls only from here to exec.
        if (nullInput >= 0) dup2(nullInput, STDIN_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        close_range(3, ~0u, 0); // the viewer's window, device and files stay with the viewer
#ifndef __SANITIZE_ADDRESS__
        if (limits.addressSpace > 0) {
            rlimit memory{rlim_t(limits.addressSpace), rlim_t(limits.addressSpace)};
            setrlimit(RLIMIT_AS, &memory);
        }
#endif
        rlimit core{0, 0};
        setrlimit(RLIMIT_CORE, &core);
        execv(argv[0], argv.data());
        const ssize_t ignored = write(STDERR_FILENO, kExecFailedMark, sizeof kExecFailedMark - 1);
        (void)ignored;
        _exit(kExecFailedCode);
    }
    close(fds[1]);
    if (nullInput >= 0) close(nullInput);
    finishChild(pid, fds[0], start, deadlineAfter(start, limits.seconds), outcome, onOutput);
    if (outcome.kind == ChildOutcome::Kind::Crashed && outcome.exitCode == kExecFailedCode &&
        outcome.output.starts_with(kExecFailedMark)) {
        outcome.kind = ChildOutcome::Kind::NotStarted;
        outcome.output = core::concat("cannot start ", path);
    }
    return outcome;
}

std::string describeFailure(const ChildOutcome& outcome, const std::string& actor,
                            const std::string& activity) {
    switch (outcome.kind) {
    case ChildOutcome::Kind::Finished: return activity + " finished";
    case ChildOutcome::Kind::Crashed:
        if (outcome.signal != 0) {
            return core::concat(actor, " crashed (signal ", outcome.signal, ", ", strsignal(outcome.signal),
                                ")");
        }
        return core::concat(actor, " stopped without an answer (exit code ", outcome.exitCode, ")");
    case ChildOutcome::Kind::TimedOut: {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%g", outcome.limitSeconds);
        return core::concat(activity, " took longer than ", seconds, " s");
    }
    case ChildOutcome::Kind::NotStarted: return outcome.output;
    }
    return activity + " failed";
}

std::string encodeRecord(std::initializer_list<std::string_view> fields) {
    std::string line;
    bool first = true;
    for (std::string_view field : fields) {
        if (!first) line += '\t';
        first = false;
        for (char c : field) {
            if (c == '\\')
                line += "\\\\";
            else if (c == '\t')
                line += "\\t";
            else if (c == '\n')
                line += "\\n";
            else
                line += c;
        }
    }
    return line + '\n';
}

std::vector<std::string> decodeRecord(std::string_view line) {
    std::vector<std::string> fields(1);
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '\t') {
            fields.emplace_back();
        } else if (c == '\\' && i + 1 < line.size()) {
            const char e = line[++i];
            fields.back() += e == 't' ? '\t' : e == 'n' ? '\n' : e;
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

std::vector<std::vector<std::string>> decodeRecords(std::string_view text) {
    std::vector<std::vector<std::string>> records;
    for (size_t end = text.find('\n'); end != std::string_view::npos; end = text.find('\n')) {
        records.push_back(decodeRecord(text.substr(0, end)));
        text.remove_prefix(end + 1);
    }
    return records;
}

} // namespace sr::core
