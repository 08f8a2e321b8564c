#include "check/child_process.h"

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

namespace sr::check {
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

[[noreturn]] void runChildSide(const std::function<void(const ChildSender&)>& work, const ChildLimits& limits,
                               int fd) {
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
bool readUntil(int fd, Clock::time_point deadline, std::string& text) {
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
    }
}

} // namespace

ChildOutcome runInChild(const std::function<void(const ChildSender&)>& work, const ChildLimits& limits) {
    ChildOutcome outcome;
    outcome.limitSeconds = limits.seconds;
    int fds[2];
    if (pipe(fds) != 0) {
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
    const auto deadline = start + std::chrono::microseconds(int64_t(std::ceil(limits.seconds * 1e6)));
    std::string text;
    const bool inTime = readUntil(fds[0], deadline, text);
    close(fds[0]);
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

} // namespace sr::check
