#pragma once
// Reading and writing whole files, and read-only memory mappings.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sr::core {

// Reads a whole file. Fails with the path and the OS reason; refuses files over `maxBytes`.
Result<std::vector<uint8_t>> readFile(const std::filesystem::path& path, uint64_t maxBytes = uint64_t(1)
                                                                                             << 34);

// Writes `bytes` to a temporary file beside `path`, then renames it over `path`, so readers see
// either the old or the new content, never a partial file. Creates parent folders.
Status writeFileAtomic(const std::filesystem::path& path, std::span<const uint8_t> bytes);
Status writeFileAtomic(const std::filesystem::path& path, std::string_view text);

// A read-only memory mapping of a whole file. Move-only; unmaps on destruction.
class MappedFile {
public:
    MappedFile() = default;
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    static Result<MappedFile> open(const std::filesystem::path& path);

    std::span<const uint8_t> bytes() const { return {mData, mSize}; }
    size_t size() const { return mSize; }
    // Lets the process's copy of the whole pages inside `range` (a part of bytes()) go: they stay
    // readable and come back from the page cache or the file when read again. Keeps the resident
    // memory of a large file read once (uploaded to the GPU) from adding up.
    void release(std::span<const uint8_t> range) const;

private:
    void unmap();

    const uint8_t* mData = nullptr;
    size_t mSize = 0;
};

} // namespace sr::core
