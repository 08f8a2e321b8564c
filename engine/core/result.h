#pragma once
// Errors that name the file and the reason, and Result<T> for operations on untrusted data.
#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace sr::core {

// A failure caused by data or the environment (missing file, corrupt image, bad manifest).
// `path` names the file (or manifest path) the problem is about; `message` says what is wrong.
struct Error {
    std::string path;
    std::string message;

    // "path: message", or just the message when no path is known.
    std::string describe() const { return path.empty() ? message : path + ": " + message; }
};

inline Error makeError(std::string path, std::string message) {
    return Error{std::move(path), std::move(message)};
}

// Holds either a value or an Error. Cheap to move; never throws.
template <class T> class [[nodiscard]] Result {
public:
    Result(T value) : mData(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : mData(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return mData.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(mData);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(mData);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(mData));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const {
        assert(!ok());
        return std::get<1>(mData);
    }

private:
    std::variant<T, Error> mData;
};

// Result of an operation that yields nothing but may fail.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : mError(std::move(error)) {}
    static Status success() { return Status(); }

    bool ok() const { return !mError.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const {
        assert(!ok());
        return *mError;
    }

private:
    std::optional<Error> mError;
};

} // namespace sr::core
