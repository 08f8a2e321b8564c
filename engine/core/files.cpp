#include "core/files.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

#include "core/log.h"

namespace sr::core {
namespace {
Error osError(const std::filesystem::path& path, std::string_view what) {
    return makeError(path.string(), concat(what, ": ", std::strerror(errno)));
}

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};
} // namespace

Result<std::vector<uint8_t>> readFile(const std::filesystem::path& path, uint64_t maxBytes) {
    Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) return osError(path, "cannot open");
    struct stat st {};
    if (::fstat(file.fd, &st) != 0) return osError(path, "cannot stat");
    if (!S_ISREG(st.st_mode)) return makeError(path.string(), "not a regular file");
    if (uint64_t(st.st_size) > maxBytes) {
        return makeError(path.string(),
                         concat("file is ", st.st_size, " bytes, over the limit of ", maxBytes, " bytes"));
    }
    std::vector<uint8_t> bytes(size_t(st.st_size));
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::read(file.fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return osError(path, "cannot read");
        if (n == 0) break;
        done += size_t(n);
    }
    bytes.resize(done);
    return bytes;
}

Status writeFileAtomic(const std::filesystem::path& path, std::span<const uint8_t> bytes) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    std::filesystem::path tmp = path;
    // Unique per process and per call, so concurrent writers of one path never share a temporary.
    static std::atomic<uint64_t> counter{0};
    tmp += concat(".tmp", ::getpid(), "-", counter++);
    Fd file{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)};
    if (file.fd < 0) return osError(tmp, "cannot create");
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(file.fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            Error error = osError(tmp, "cannot write");
            ::unlink(tmp.c_str());
            return error;
        }
        done += size_t(n);
    }
    // Close even when fsync fails, so the descriptor is not leaked.
    const bool synced = ::fsync(file.fd) == 0;
    const bool closed = ::close(std::exchange(file.fd, -1)) == 0;
    if (!synced || !closed) {
        Error error = osError(tmp, "cannot flush");
        ::unlink(tmp.c_str());
        return error;
    }
    file.fd = -1;
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        Error error = osError(path, "cannot replace");
        ::unlink(tmp.c_str());
        return error;
    }
    return {};
}

Status writeFileAtomic(const std::filesystem::path& path, std::string_view text) {
    return writeFileAtomic(path, std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

MappedFile::~MappedFile() { unmap(); }

void MappedFile::unmap() {
    if (mData && mSize) ::munmap(const_cast<uint8_t*>(mData), mSize);
    mData = nullptr;
    mSize = 0;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : mData(std::exchange(other.mData, nullptr)), mSize(std::exchange(other.mSize, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        unmap();
        mData = std::exchange(other.mData, nullptr);
        mSize = std::exchange(other.mSize, 0);
    }
    return *this;
}

Result<MappedFile> MappedFile::open(const std::filesystem::path& path) {
    Fd file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
    if (file.fd < 0) return osError(path, "cannot open");
    struct stat st {};
    if (::fstat(file.fd, &st) != 0) return osError(path, "cannot stat");
    if (!S_ISREG(st.st_mode)) return makeError(path.string(), "not a regular file");
    MappedFile mapped;
    if (st.st_size == 0) return mapped;
    void* data = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, file.fd, 0);
    if (data == MAP_FAILED) return osError(path, "cannot map");
    mapped.mData = static_cast<const uint8_t*>(data);
    mapped.mSize = size_t(st.st_size);
    return mapped;
}

void MappedFile::release(std::span<const uint8_t> range) const {
    if (range.empty() || range.data() < mData || range.data() + range.size() > mData + mSize) return;
    const uintptr_t page = uintptr_t(::sysconf(_SC_PAGESIZE));
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(range.data()) + page - 1) & ~(page - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(range.data()) + range.size()) & ~(page - 1);
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

} // namespace sr::core
