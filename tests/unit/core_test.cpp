// Unit tests of the core module: errors, logging, files, exhibit-confined paths, hashing, PNG.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "core/exhibit_path.h"
#include "core/files.h"
#include "core/hash.h"
#include "core/image.h"
#include "core/log.h"
#include "core/result.h"

namespace fs = std::filesystem;
using namespace sr::core;

namespace {

// A fresh folder for the running test under the build's test output; removed again when the test
// passes, kept for inspection when it fails.
class TestFolder {
public:
    TestFolder() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        mPath =
            fs::path(SR_TEST_OUTPUT) / "unit" /
            (std::string(info->test_suite_name()) + "." + info->name() + "-" + std::to_string(::getpid()));
        fs::remove_all(mPath);
        fs::create_directories(mPath);
        mPath = fs::canonical(mPath);
    }
    ~TestFolder() {
        std::error_code ec;
        if (!::testing::Test::HasFailure()) fs::remove_all(mPath, ec);
    }
    const fs::path& path() const { return mPath; }
    fs::path operator/(const fs::path& relative) const { return mPath / relative; }

private:
    fs::path mPath;
};

std::vector<uint8_t> bytesOf(std::string_view text) { return {text.begin(), text.end()}; }

void writeText(const fs::path& file, std::string_view text) {
    fs::create_directories(file.parent_path());
    ASSERT_TRUE(writeFileAtomic(file, text).ok());
}

// Collects log messages for the length of a test and restores the previous logging setup.
class LogCapture {
public:
    LogCapture() {
        mPreviousQuiet = setLogQuiet(true);
        mPreviousSink = setLogSink([this](LogLevel level, std::string_view message) {
            std::lock_guard lock(mMutex);
            mLines.emplace_back(level, std::string(message));
        });
    }
    ~LogCapture() {
        setLogSink(mPreviousSink);
        setLogQuiet(mPreviousQuiet);
        setLogLevel(LogLevel::Info);
    }
    std::vector<std::pair<LogLevel, std::string>> lines() {
        std::lock_guard lock(mMutex);
        return mLines;
    }

private:
    std::mutex mMutex;
    std::vector<std::pair<LogLevel, std::string>> mLines;
    LogSink mPreviousSink;
    bool mPreviousQuiet = false;
};

} // namespace

// --- Result and Status --------------------------------------------------------------------------

TEST(CoreResult, HoldsValue) {
    Result<int> result = 42;
    ASSERT_TRUE(result.ok());
    EXPECT_TRUE(bool(result));
    EXPECT_EQ(*result, 42);
    EXPECT_EQ(result.value(), 42);
}

TEST(CoreResult, HoldsErrorWithPathAndMessage) {
    Result<int> result = makeError("rooms/a/scan.obj", "no triangles");
    ASSERT_FALSE(result.ok());
    EXPECT_FALSE(bool(result));
    EXPECT_EQ(result.error().path, "rooms/a/scan.obj");
    EXPECT_EQ(result.error().message, "no triangles");
    EXPECT_EQ(result.error().describe(), "rooms/a/scan.obj: no triangles");
}

TEST(CoreResult, DescribesMessageAloneWhenNoPathIsKnown) {
    EXPECT_EQ(makeError("", "out of memory").describe(), "out of memory");
}

TEST(CoreResult, MovesOutMoveOnlyValue) {
    Result<std::unique_ptr<int>> result = std::make_unique<int>(7);
    ASSERT_TRUE(result.ok());
    std::unique_ptr<int> taken = std::move(result).value();
    ASSERT_NE(taken, nullptr);
    EXPECT_EQ(*taken, 7);
}

TEST(CoreResult, ArrowReachesMembersOfValue) {
    Result<std::string> result = std::string("stillroom");
    EXPECT_EQ(result->size(), 9u);
    const Result<std::string>& constant = result;
    EXPECT_EQ(constant->front(), 's');
}

TEST(CoreStatus, DefaultIsSuccess) {
    Status status;
    EXPECT_TRUE(status.ok());
    EXPECT_TRUE(Status::success().ok());
}

TEST(CoreStatus, CarriesError) {
    Status status = makeError("manifest.json", "cannot replace");
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().describe(), "manifest.json: cannot replace");
}

// --- Logging ------------------------------------------------------------------------------------

TEST(CoreLog, ConcatJoinsStreamableValues) {
    EXPECT_EQ(concat("loaded ", 3, " rooms in ", 1.5, " s"), "loaded 3 rooms in 1.5 s");
}

TEST(CoreLog, SinkReceivesMessagesAtOrAboveLevel) {
    LogCapture capture;
    setLogLevel(LogLevel::Warning);
    logDebug("debug ", 1);
    logInfo("info ", 2);
    logWarning("warning ", 3);
    logError("error ", 4);
    const auto lines = capture.lines();
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0].first, LogLevel::Warning);
    EXPECT_EQ(lines[0].second, "warning 3");
    EXPECT_EQ(lines[1].first, LogLevel::Error);
    EXPECT_EQ(lines[1].second, "error 4");
}

TEST(CoreLog, DebugLevelLetsEverythingThrough) {
    LogCapture capture;
    setLogLevel(LogLevel::Debug);
    logDebug("a");
    logInfo("b");
    EXPECT_EQ(capture.lines().size(), 2u);
}

TEST(CoreLog, SetLogSinkReturnsPreviousSink) {
    int firstCalls = 0;
    const bool quiet = setLogQuiet(true);
    LogSink original = setLogSink([&](LogLevel, std::string_view) { ++firstCalls; });
    LogSink first = setLogSink([](LogLevel, std::string_view) {});
    ASSERT_TRUE(bool(first));
    first(LogLevel::Info, "direct");
    EXPECT_EQ(firstCalls, 1);
    logInfo("not to the first sink");
    EXPECT_EQ(firstCalls, 1);
    setLogSink(original);
    setLogQuiet(quiet);
}

TEST(CoreLog, SetLogQuietReturnsPreviousSetting) {
    const bool original = setLogQuiet(true);
    EXPECT_TRUE(setLogQuiet(false));
    EXPECT_FALSE(setLogQuiet(original));
}

TEST(CoreLog, SinkSeesEveryMessageFromManyThreads) {
    LogCapture capture;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([t] {
            for (int i = 0; i < 100; ++i) logInfo("thread ", t, " message ", i);
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(capture.lines().size(), 400u);
}

// --- Files --------------------------------------------------------------------------------------

TEST(CoreFiles, WrittenBytesReadBackExactly) {
    TestFolder folder;
    const std::vector<uint8_t> bytes = {0, 1, 2, 0xff, 0, '\n', '\r', 0x80};
    ASSERT_TRUE(writeFileAtomic(folder / "data.bin", bytes).ok());
    auto read = readFile(folder / "data.bin");
    ASSERT_TRUE(read.ok()) << read.error().describe();
    EXPECT_EQ(*read, bytes);
}

TEST(CoreFiles, WriteCreatesParentFolders) {
    TestFolder folder;
    ASSERT_TRUE(writeFileAtomic(folder / "a/b/c/note.txt", "kept").ok());
    auto read = readFile(folder / "a/b/c/note.txt");
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(*read, bytesOf("kept"));
}

TEST(CoreFiles, WriteReplacesFileAndLeavesNoTemporary) {
    TestFolder folder;
    ASSERT_TRUE(writeFileAtomic(folder / "manifest.json", "first, longer content").ok());
    ASSERT_TRUE(writeFileAtomic(folder / "manifest.json", "second").ok());
    auto read = readFile(folder / "manifest.json");
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(*read, bytesOf("second"));
    std::vector<fs::path> entries;
    for (const auto& entry : fs::directory_iterator(folder.path()))
        entries.push_back(entry.path().filename());
    EXPECT_EQ(entries, std::vector<fs::path>{"manifest.json"});
}

TEST(CoreFiles, WriteOfNothingMakesEmptyFile) {
    TestFolder folder;
    ASSERT_TRUE(writeFileAtomic(folder / "empty", std::string_view()).ok());
    auto read = readFile(folder / "empty");
    ASSERT_TRUE(read.ok());
    EXPECT_TRUE(read->empty());
}

TEST(CoreFiles, WriteFailsWithPathWhenParentIsAFile) {
    TestFolder folder;
    writeText(folder / "plain", "x");
    Status status = writeFileAtomic(folder / "plain/child.txt", "y");
    ASSERT_FALSE(status.ok());
    EXPECT_NE(status.error().path.find("plain"), std::string::npos);
    EXPECT_FALSE(status.error().message.empty());
}

TEST(CoreFiles, ReadOfMissingFileNamesPathAndReason) {
    TestFolder folder;
    auto read = readFile(folder / "missing.txt");
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().path, (folder / "missing.txt").string());
    EXPECT_NE(read.error().message.find("No such file"), std::string::npos) << read.error().message;
}

TEST(CoreFiles, ReadRefusesFileOverLimit) {
    TestFolder folder;
    writeText(folder / "big.txt", "0123456789");
    auto read = readFile(folder / "big.txt", 9);
    ASSERT_FALSE(read.ok());
    EXPECT_NE(read.error().message.find("limit"), std::string::npos) << read.error().message;
    EXPECT_TRUE(readFile(folder / "big.txt", 10).ok());
}

TEST(CoreFiles, ReadRefusesFolder) {
    TestFolder folder;
    auto read = readFile(folder.path());
    ASSERT_FALSE(read.ok());
    EXPECT_NE(read.error().message.find("not a regular file"), std::string::npos);
}

TEST(CoreMappedFile, MapsWholeFile) {
    TestFolder folder;
    writeText(folder / "cache.bin", "room cache bytes");
    auto mapped = MappedFile::open(folder / "cache.bin");
    ASSERT_TRUE(mapped.ok()) << mapped.error().describe();
    EXPECT_EQ(mapped->size(), 16u);
    const auto bytes = mapped->bytes();
    EXPECT_EQ(std::string(bytes.begin(), bytes.end()), "room cache bytes");
}

TEST(CoreMappedFile, EmptyFileMapsToNoBytes) {
    TestFolder folder;
    writeText(folder / "empty.bin", "");
    auto mapped = MappedFile::open(folder / "empty.bin");
    ASSERT_TRUE(mapped.ok());
    EXPECT_EQ(mapped->size(), 0u);
    EXPECT_TRUE(mapped->bytes().empty());
}

TEST(CoreMappedFile, MissingFileFailsWithPath) {
    TestFolder folder;
    auto mapped = MappedFile::open(folder / "absent.bin");
    ASSERT_FALSE(mapped.ok());
    EXPECT_EQ(mapped.error().path, (folder / "absent.bin").string());
}

TEST(CoreMappedFile, RefusesFolder) {
    TestFolder folder;
    EXPECT_FALSE(MappedFile::open(folder.path()).ok());
}

TEST(CoreMappedFile, MoveLeavesSourceEmpty) {
    TestFolder folder;
    writeText(folder / "a.bin", "abc");
    auto mapped = MappedFile::open(folder / "a.bin");
    ASSERT_TRUE(mapped.ok());
    MappedFile source = std::move(mapped).value();
    MappedFile moved = std::move(source);
    EXPECT_EQ(source.size(), 0u);
    EXPECT_EQ(moved.size(), 3u);
    EXPECT_EQ(moved.bytes()[2], 'c');
}

TEST(CoreMappedFile, MoveAssignmentReplacesMapping) {
    TestFolder folder;
    writeText(folder / "a.bin", "aaaa");
    writeText(folder / "b.bin", "bb");
    MappedFile a = std::move(MappedFile::open(folder / "a.bin")).value();
    MappedFile b = std::move(MappedFile::open(folder / "b.bin")).value();
    a = std::move(b);
    EXPECT_EQ(a.size(), 2u);
    EXPECT_EQ(a.bytes()[0], 'b');
    EXPECT_EQ(b.size(), 0u);
}

TEST(CoreMappedFile, MappingOutlivesFileReplacement) {
    TestFolder folder;
    writeText(folder / "cache.bin", "old");
    MappedFile mapped = std::move(MappedFile::open(folder / "cache.bin")).value();
    writeText(folder / "cache.bin", "new content");
    ASSERT_EQ(mapped.size(), 3u);
    EXPECT_EQ(std::string(mapped.bytes().begin(), mapped.bytes().end()), "old");
}

// --- Paths confined to an exhibit ---------------------------------------------------------------

TEST(CoreExhibitPath, ResolvesNestedRelativePath) {
    TestFolder folder;
    writeText(folder / "rooms/bedroom/scan.obj", "v 0 0 0\n");
    auto resolved = resolveInExhibit(folder.path(), "rooms/bedroom/scan.obj");
    ASSERT_TRUE(resolved.ok()) << resolved.error().describe();
    EXPECT_TRUE(resolved->is_absolute());
    EXPECT_EQ(*resolved, folder / "rooms/bedroom/scan.obj");
}

TEST(CoreExhibitPath, AcceptsFileThatDoesNotExistYet) {
    TestFolder folder;
    auto resolved = resolveInExhibit(folder.path(), "rooms/new/scan.obj");
    ASSERT_TRUE(resolved.ok());
    EXPECT_EQ(*resolved, folder / "rooms/new/scan.obj");
}

TEST(CoreExhibitPath, NormalisesDotsThatStayInside) {
    TestFolder folder;
    auto resolved = resolveInExhibit(folder.path(), "rooms/./bedroom/../attic//scan.ply");
    ASSERT_TRUE(resolved.ok()) << resolved.error().describe();
    EXPECT_EQ(*resolved, folder / "rooms/attic/scan.ply");
}

TEST(CoreExhibitPath, AcceptsRootGivenWithTrailingSeparator) {
    TestFolder folder;
    auto resolved = resolveInExhibit(folder.path() / "", "photos/a.jpg");
    ASSERT_TRUE(resolved.ok());
    EXPECT_EQ(*resolved, folder / "photos/a.jpg");
}

TEST(CoreExhibitPath, RefusesEmptyPath) {
    TestFolder folder;
    auto resolved = resolveInExhibit(folder.path(), "");
    ASSERT_FALSE(resolved.ok());
    EXPECT_NE(resolved.error().message.find("empty"), std::string::npos);
}

TEST(CoreExhibitPath, RefusesParentEscape) {
    TestFolder folder;
    for (std::string_view path : {"../etc/passwd", "..", "rooms/../../outside.jpg", "a/b/../../../c"}) {
        auto resolved = resolveInExhibit(folder.path(), path);
        ASSERT_FALSE(resolved.ok()) << path;
        EXPECT_NE(resolved.error().message.find("leaves the exhibit folder"), std::string::npos) << path;
        EXPECT_EQ(resolved.error().path, std::string(path));
    }
}

TEST(CoreExhibitPath, RefusesAbsolutePath) {
    TestFolder folder;
    for (std::string_view path : {"/etc/passwd", "//server/share"}) {
        auto resolved = resolveInExhibit(folder.path(), path);
        ASSERT_FALSE(resolved.ok()) << path;
        EXPECT_NE(resolved.error().message.find("absolute"), std::string::npos);
    }
    // Even an absolute path that points inside the folder: manifests must stay relocatable.
    EXPECT_FALSE(resolveInExhibit(folder.path(), (folder / "a.jpg").string()).ok());
}

TEST(CoreExhibitPath, RefusesBackslashes) {
    TestFolder folder;
    for (std::string_view path : {"rooms\\bedroom\\scan.obj", "..\\outside.jpg", "\\\\server\\share"}) {
        auto resolved = resolveInExhibit(folder.path(), path);
        ASSERT_FALSE(resolved.ok()) << path;
        EXPECT_NE(resolved.error().message.find("'\\'"), std::string::npos);
    }
}

TEST(CoreExhibitPath, RefusesDriveLetters) {
    TestFolder folder;
    for (std::string_view path : {"C:/Windows/win.ini", "c:scan.obj", "D:"}) {
        auto resolved = resolveInExhibit(folder.path(), path);
        ASSERT_FALSE(resolved.ok()) << path;
        EXPECT_NE(resolved.error().message.find("drive letter"), std::string::npos);
    }
}

TEST(CoreExhibitPath, RefusesNulByte) {
    TestFolder folder;
    auto resolved = resolveInExhibit(folder.path(), std::string_view("photo.jpg\0../../x", 17));
    ASSERT_FALSE(resolved.ok());
    EXPECT_NE(resolved.error().message.find("NUL"), std::string::npos);
}

TEST(CoreExhibitPath, RefusesSymlinkedFolderPointingOut) {
    TestFolder folder;
    writeText(folder / "outside/secret.jpg", "x");
    fs::create_directories(folder / "exhibit/rooms");
    fs::create_directory_symlink(folder / "outside", folder / "exhibit/rooms/link");
    auto resolved = resolveInExhibit(folder / "exhibit", "rooms/link/secret.jpg");
    ASSERT_FALSE(resolved.ok());
    EXPECT_NE(resolved.error().message.find("symbolic link"), std::string::npos);
    // A file that does not exist behind the link is refused too.
    EXPECT_FALSE(resolveInExhibit(folder / "exhibit", "rooms/link/not-there.jpg").ok());
}

TEST(CoreExhibitPath, RefusesSymlinkedFilePointingOut) {
    TestFolder folder;
    writeText(folder / "outside.jpg", "x");
    fs::create_directories(folder / "exhibit");
    fs::create_symlink("../outside.jpg", folder / "exhibit/photo.jpg");
    EXPECT_FALSE(resolveInExhibit(folder / "exhibit", "photo.jpg").ok());
}

TEST(CoreExhibitPath, RefusesDanglingSymlink) {
    TestFolder folder;
    fs::create_directories(folder / "exhibit");
    fs::create_symlink(folder / "appears-later", folder / "exhibit/photos");
    auto resolved = resolveInExhibit(folder / "exhibit", "photos/a.jpg");
    ASSERT_FALSE(resolved.ok());
    EXPECT_NE(resolved.error().message.find("symbolic link"), std::string::npos);
    EXPECT_FALSE(resolveInExhibit(folder / "exhibit", "photos").ok());
}

TEST(CoreExhibitPath, AcceptsSymlinkStayingInside) {
    TestFolder folder;
    writeText(folder / "rooms/bedroom/scan.obj", "v 0 0 0\n");
    fs::create_directory_symlink("rooms/bedroom", folder / "current");
    auto resolved = resolveInExhibit(folder.path(), "current/scan.obj");
    ASSERT_TRUE(resolved.ok()) << resolved.error().describe();
    EXPECT_EQ(*resolved, folder / "rooms/bedroom/scan.obj");
}

TEST(CoreExhibitPath, AcceptsExhibitFolderReachedThroughSymlink) {
    TestFolder folder;
    writeText(folder / "real/rooms/scan.obj", "v 0 0 0\n");
    fs::create_directory_symlink(folder / "real", folder / "alias");
    auto resolved = resolveInExhibit(folder / "alias", "rooms/scan.obj");
    ASSERT_TRUE(resolved.ok()) << resolved.error().describe();
    EXPECT_EQ(*resolved, folder / "real/rooms/scan.obj");
}

TEST(CoreExhibitPath, DoesNotMistakeSiblingWithCommonPrefixForInside) {
    TestFolder folder;
    fs::create_directories(folder / "exhibit");
    writeText(folder / "exhibit-other/a.jpg", "x");
    fs::create_directory_symlink(folder / "exhibit-other", folder / "exhibit/other");
    EXPECT_FALSE(resolveInExhibit(folder / "exhibit", "other/a.jpg").ok());
    EXPECT_FALSE(resolveInExhibit(folder / "exhibit", "../exhibit-other/a.jpg").ok());
}

// --- Hashing ------------------------------------------------------------------------------------

TEST(CoreHash, MatchesFnv1aReferenceValues) {
    EXPECT_EQ(hashString(""), 0xcbf29ce484222325ull);
    EXPECT_EQ(hashString("a"), 0xaf63dc4c8601ec8cull);
    EXPECT_EQ(hashString("foobar"), 0x85944171f73967e8ull);
}

TEST(CoreHash, ChainedHashEqualsHashOfConcatenation) {
    EXPECT_EQ(hashString("bar", hashString("foo")), hashString("foobar"));
}

TEST(CoreHash, BytesAndStringAgree) {
    const std::vector<uint8_t> bytes = bytesOf("scan.obj");
    EXPECT_EQ(hashBytes(bytes), hashString("scan.obj"));
    EXPECT_NE(hashString("scan.obj"), hashString("scan.obk"));
}

TEST(CoreHash, HexIsSixteenLowerCaseDigits) {
    EXPECT_EQ(hashToHex(0xabcull), "0000000000000abc");
    EXPECT_EQ(hashToHex(0xcbf29ce484222325ull), "cbf29ce484222325");
    EXPECT_EQ(hashToHex(~0ull), "ffffffffffffffff");
}

// --- PNG ----------------------------------------------------------------------------------------

TEST(CorePng, RoundTripsPixelsExactly) {
    TestFolder folder;
    Image8 image(3, 2);
    for (uint32_t y = 0; y < 2; ++y) {
        for (uint32_t x = 0; x < 3; ++x) {
            uint8_t* p = image.at(x, y);
            p[0] = uint8_t(x * 100);
            p[1] = uint8_t(y * 200);
            p[2] = uint8_t(17 + x + y);
            p[3] = uint8_t(x == 1 ? 0 : 255 - y);
        }
    }
    ASSERT_TRUE(writePng(folder / "out/image.png", image).ok());
    auto read = readPng(folder / "out/image.png");
    ASSERT_TRUE(read.ok()) << read.error().describe();
    EXPECT_EQ(read->width, 3u);
    EXPECT_EQ(read->height, 2u);
    EXPECT_EQ(read->pixels, image.pixels);
}

TEST(CorePng, RefusesEmptyImage) {
    TestFolder folder;
    Status status = writePng(folder / "empty.png", Image8{});
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().path, (folder / "empty.png").string());
    EXPECT_FALSE(fs::exists(folder / "empty.png"));
}

TEST(CorePng, ReadOfFileThatIsNotAnImageFailsWithPath) {
    TestFolder folder;
    writeText(folder / "fake.png", "this is not a picture");
    auto read = readPng(folder / "fake.png");
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().path, (folder / "fake.png").string());
    EXPECT_NE(read.error().message.find("decode"), std::string::npos);
}

TEST(CorePng, ReadOfTruncatedPngFails) {
    TestFolder folder;
    Image8 image(8, 8);
    ASSERT_TRUE(writePng(folder / "whole.png", image).ok());
    auto bytes = readFile(folder / "whole.png");
    ASSERT_TRUE(bytes.ok());
    bytes->resize(bytes->size() / 2);
    ASSERT_TRUE(writeFileAtomic(folder / "half.png", *bytes).ok());
    EXPECT_FALSE(readPng(folder / "half.png").ok());
}

TEST(CorePng, ReadOfMissingFileFails) {
    TestFolder folder;
    auto read = readPng(folder / "absent.png");
    ASSERT_FALSE(read.ok());
    EXPECT_EQ(read.error().path, (folder / "absent.png").string());
}
