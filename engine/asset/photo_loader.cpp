// PhotoRequest and PhotoLoader: loading photographs on a worker thread of their own.
#include "asset/photo.h"

#include <new>

namespace sr::asset {
namespace fs = std::filesystem;

void PhotoRequest::wait() const {
    std::unique_lock lock(mMutex);
    mDone.wait(lock, [this] { return ready(); });
}

core::Result<PhotoPyramid> PhotoRequest::take() {
    assert(ready());
    std::lock_guard lock(mMutex);
    if (!ready()) return core::makeError(mPath.string(), "photo is still loading");
    if (!mResult) return core::makeError(mPath.string(), "photo result already taken");
    core::Result<PhotoPyramid> result = std::move(*mResult);
    mResult.reset();
    return result;
}

void PhotoRequest::finish(core::Result<PhotoPyramid> result) {
    {
        std::lock_guard lock(mMutex);
        mResult.emplace(std::move(result));
        mReady.store(true, std::memory_order_release);
    }
    mDone.notify_all();
}

PhotoLoader::PhotoLoader(PhotoLimits limits) : mLimits(limits) {
    mWorker = std::jthread([this](std::stop_token stop) { run(stop); });
}

PhotoLoader::~PhotoLoader() {
    mWorker.request_stop();
    {
        std::lock_guard lock(mMutex);
        for (auto& request : mQueue) request->cancel();
        if (mCurrent) mCurrent->cancel();
    }
    mWorker.join();
    for (auto& request : mQueue)
        request->finish(core::makeError(request->path().string(), std::string(detail::kCancelledMessage)));
}

std::shared_ptr<PhotoRequest> PhotoLoader::request(const fs::path& path) {
    auto request = std::make_shared<PhotoRequest>(path);
    {
        std::lock_guard lock(mMutex);
        mQueue.push_back(request);
    }
    mWake.notify_one();
    return request;
}

void PhotoLoader::run(std::stop_token stop) {
    for (;;) {
        std::shared_ptr<PhotoRequest> request;
        {
            std::unique_lock lock(mMutex);
            if (!mWake.wait(lock, stop, [this] { return !mQueue.empty(); })) return;
            request = std::move(mQueue.front());
            mQueue.pop_front();
            if (stop.stop_requested()) request->cancel();
            mCurrent = request;
        }
        if (request.use_count() == 2) request->cancel(); // the caller has let go: nobody will look
        if (request->cancelled()) {
            request->finish(
                core::makeError(request->path().string(), std::string(detail::kCancelledMessage)));
        } else {
            try {
                request->finish(detail::loadPhotoCancellable(request->path(), mLimits, &request->mCancelled));
            } catch (const std::bad_alloc&) {
                request->finish(
                    core::makeError(request->path().string(), "out of memory while loading the photo"));
            }
        }
        std::lock_guard lock(mMutex);
        mCurrent.reset();
    }
}

} // namespace sr::asset
