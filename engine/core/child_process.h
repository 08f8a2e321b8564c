#pragma once
// Running untrusted work (a mesh import, an image decode) in a forked child process, so that a file
// which crashes, hangs or exhausts memory in a third-party decoder costs one finding, not the check.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace sr::core {

struct ChildLimits {
    double seconds = 60.0;              // wall-clock time before the child is killed
    uint64_t addressSpace = 8ull << 30; // RLIMIT_AS of the child, bytes; 0 leaves it unlimited
};

struct ChildOutcome {
    enum class Kind {
        Finished,   // the work returned; `output` is everything it sent
        Crashed,    // killed by a signal (`signal`), or exited without finishing (`exitCode`)
        TimedOut,   // still running after ChildLimits::seconds; killed
        NotStarted, // pipe or fork failed; `output` says why
    };
    Kind kind = Kind::NotStarted;
    std::string output; // everything the child sent, also when it did not finish
    int signal = 0;
    int exitCode = 0;
    double seconds = 0.0;      // wall-clock time the child ran
    double limitSeconds = 0.0; // ChildLimits::seconds it ran under
};

// Passes text from the child to the parent at once (unbuffered), so that what was sent before a
// crash still arrives.
using ChildSender = std::function<void(std::string_view)>;

// Forks; the child applies `limits` (and no core files), silences stderr logging and runs `work`,
// which sends its results through the sender it is given; then the child leaves with _exit (the
// parent's exit handlers do not run twice). The parent waits at most `limits.seconds`, reading as
// the child writes, and kills it after that. Call from a thread while no other thread of the
// process holds a lock that `work` needs (fork copies only the calling thread). An exception
// escaping `work` counts as a crash (SIGABRT).
ChildOutcome runInChild(const std::function<void(const ChildSender&)>& work, const ChildLimits& limits);

// Runs `program` with `arguments` (no shell) in a new process under `limits`: its address space
// limited before it starts (except in AddressSanitizer builds, whose shadow memory alone exceeds
// any sane limit), no core files, standard input from /dev/null, no file descriptor of this process
// but its standard output and error, which both go to `output`. Waits at most `limits.seconds`,
// then kills it. Safe to call from any thread: between fork and exec the child calls only
// async-signal-safe functions. A program that cannot be started is NotStarted, naming it.
// `onOutput`, when set, hears each piece of output as it arrives (on the calling thread).
ChildOutcome runProgram(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                        const ChildLimits& limits, const ChildSender& onOutput = {});

// How a child process reports to its parent: one record a line, fields separated by tabs, with
// '\\', '\t' and '\n' escaped. encodeRecord ends the line; decodeRecord reads one line without its
// newline; decodeRecords reads every complete line of `text` (a last line without its newline was
// cut off by a crash and is left out).
std::string encodeRecord(std::initializer_list<std::string_view> fields);
std::vector<std::string> decodeRecord(std::string_view line);
std::vector<std::vector<std::string>> decodeRecords(std::string_view text);

// What went wrong with a child that did not finish, naming the `actor` when it crashed and the
// `activity` when it ran out of time: "importer crashed (signal 11, Segmentation fault)",
// "import took longer than 60 s".
std::string describeFailure(const ChildOutcome& outcome, const std::string& actor,
                            const std::string& activity);

} // namespace sr::core
