// Every model of Assimp's own test suite (valid and deliberately broken) must either load or be
// refused with a message naming the file. Each import runs in a forked child, as the product's
// bake step does, because one of the files crashes Assimp 5.2.5 itself.
#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "asset/import.h"
#include "core/log.h"

namespace fs = std::filesystem;

namespace {

const fs::path kSuite = fs::path(SR_TESTDATA) / "assimp-suite" / "models";
constexpr int kChildSeconds = 20;
constexpr rlim_t kChildBytes = rlim_t(4) << 30;

struct Outcome {
    enum class Kind { Loaded, Refused, Crashed, TimedOut };
    Kind kind = Kind::Refused;
    size_t triangles = 0;
    std::string message;
    double ms = 0.0;
};

// Child side: import, write "ok <triangles>" or "error <message>" to the pipe, and leave
// without running any of the parent's exit handlers.
[[noreturn]] void runChild(const fs::path& file, int fd) {
    // As an import child should run: bounded memory (a malformed header can make Assimp
    // allocate by absurd counts) and no core files.
#ifndef __SANITIZE_ADDRESS__ // AddressSanitizer's shadow memory alone is larger than the limit
    rlimit memory{kChildBytes, kChildBytes};
    setrlimit(RLIMIT_AS, &memory);
#endif
    rlimit core{0, 0};
    setrlimit(RLIMIT_CORE, &core);
    sr::core::setLogQuiet(true);
    auto mesh = sr::asset::importRoomMesh(file, {});
    std::string text =
        mesh ? "ok " + std::to_string(mesh->triangleCount()) : "error " + mesh.error().describe();
    size_t written = 0;
    while (written < text.size()) {
        ssize_t n = write(fd, text.data() + written, text.size() - written);
        if (n <= 0) break;
        written += size_t(n);
    }
    _exit(0);
}

Outcome importInChild(const fs::path& file) {
    Outcome outcome;
    auto start = std::chrono::steady_clock::now();
    int fds[2];
    if (pipe(fds) != 0) return {Outcome::Kind::Refused, 0, "test harness: pipe failed"};
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid < 0) return {Outcome::Kind::Refused, 0, "test harness: fork failed"};
    if (pid == 0) {
        close(fds[0]);
        runChild(file, fds[1]);
    }
    close(fds[1]);
    std::string text;
    bool timedOut = false;
    auto deadline = start + std::chrono::seconds(kChildSeconds);
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                          std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            timedOut = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        int ready = poll(&p, 1, int(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        char buffer[4096];
        ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break; // end of file: the child finished or died
        text.append(buffer, size_t(n));
    }
    close(fds[0]);
    if (timedOut) kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    outcome.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (timedOut) {
        outcome.kind = Outcome::Kind::TimedOut;
        outcome.message = "refused: import took longer than " + std::to_string(kChildSeconds) + " s";
    } else if (WIFSIGNALED(status)) {
        outcome.kind = Outcome::Kind::Crashed;
        outcome.message = "refused: importer crashed (signal " + std::to_string(WTERMSIG(status)) + ", " +
                          strsignal(WTERMSIG(status)) + ")";
    } else if (text.rfind("ok ", 0) == 0) {
        outcome.kind = Outcome::Kind::Loaded;
        outcome.triangles = std::stoull(text.substr(3));
    } else {
        outcome.kind = Outcome::Kind::Refused;
        outcome.message =
            text.rfind("error ", 0) == 0 ? text.substr(6) : "child exited without an answer: " + text;
    }
    return outcome;
}

std::vector<fs::path> suiteFiles() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(kSuite)) {
        if (!entry.is_regular_file()) continue;
        std::string ext = entry.path().extension().string();
        // Files without an extension are included: Assimp recognises some formats by content.
        if (ext.empty() || sr::asset::isImportableExtension(ext)) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

const char* kindName(Outcome::Kind kind) {
    switch (kind) {
    case Outcome::Kind::Loaded: return "loaded";
    case Outcome::Kind::Refused: return "refused";
    case Outcome::Kind::Crashed: return "CRASHED";
    case Outcome::Kind::TimedOut: return "TIMEOUT";
    }
    return "?";
}

} // namespace

TEST(RealdataAssetSuite, EveryAssimpTestModelLoadsOrIsRefusedClearly) {
    if (!fs::exists(kSuite)) GTEST_SKIP() << "test data absent: " << kSuite;
    std::vector<fs::path> files = suiteFiles();
    ASSERT_GT(files.size(), 100u);
    int loaded = 0, refused = 0, crashed = 0;
    std::printf("%-8s %8s %7s  %s\n", "outcome", "tris", "ms", "file / reason");
    for (const fs::path& file : files) {
        Outcome outcome = importInChild(file);
        std::string relative = fs::relative(file, kSuite).string();
        std::printf("%-8s %8zu %7.0f  %s%s%s\n", kindName(outcome.kind), outcome.triangles, outcome.ms,
                    relative.c_str(), outcome.message.empty() ? "" : "  --  ", outcome.message.c_str());
        switch (outcome.kind) {
        case Outcome::Kind::Loaded:
            ++loaded;
            EXPECT_GT(outcome.triangles, 0u) << relative;
            break;
        case Outcome::Kind::Refused:
            ++refused;
            // A refusal names the file and says something about why.
            EXPECT_NE(outcome.message.find(file.filename().string()), std::string::npos) << outcome.message;
            EXPECT_GT(outcome.message.size(), file.string().size() + 8) << outcome.message;
            break;
        case Outcome::Kind::Crashed:
            ++crashed; // Assimp's own bug: reported, and the reason the product imports in a child
            break;
        case Outcome::Kind::TimedOut: ADD_FAILURE() << relative << ": " << outcome.message; break;
        }
    }
    std::printf("%zu files: %d loaded, %d refused, %d crashed the importer\n", files.size(), loaded, refused,
                crashed);
    EXPECT_GE(loaded, 75);
    EXPECT_LE(crashed, 1);
}
