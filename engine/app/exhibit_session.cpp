#include "app/exhibit_session.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "asset/import.h"
#include "asset/room_load.h"
#include "core/log.h"
#include "core/user_dirs.h"
#include "gpu/context.h"
#include "ui/home_screen.h"
#include "ui/theme.h"

namespace sr::app {
namespace {
constexpr double kProblemSeconds = 12.0; // how long a room's problem stays on the home screen

std::future<core::Result<OpenedRoom>> importAsync(const RoomSource& source,
                                                  std::shared_ptr<std::atomic<float>> progress,
                                                  std::shared_ptr<ExhibitSession::FirstShowingSlot> first) {
    return std::async(std::launch::async, [source, progress, first] {
        return openRoom(
            source,
            [&progress](std::string_view stage, double fraction) {
                // The room is shown as soon as its first showing is there.
                progress->store(float(asset::firstShowingFractionDone(stage, fraction)));
            },
            [&first](OpenedRoom room) {
                std::lock_guard lock(first->mutex);
                first->room = std::move(room);
            });
    });
}
} // namespace

ExhibitSession::ExhibitSession(render::Renderer& renderer, ui::ImGuiLayer& ui, scene::Exhibit exhibit,
                               const ExhibitSettings& settings, double now)
    : mRenderer(renderer), mUi(ui), mSettings(settings), mExhibit(std::move(exhibit)), mNow(now) {
    std::vector<HomeCard> cards;
    for (const scene::Room& room : mExhibit.rooms) {
        mRooms.push_back(roomSourceFor(mExhibit, room));
        cards.push_back({mRooms.back().title, room.subtitle});
    }
    mHome = std::make_unique<HomeScreen>(mExhibit.title, mExhibit.intro, std::move(cards));
    mImagePass = std::make_unique<render::ImagePass>(renderer.context(), render::Renderer::kColorFormat);
    mPictures.resize(mRooms.size());
    const std::filesystem::path cache =
        settings.thumbnailCache.empty() ? core::userCacheDir() / "thumbnails" : settings.thumbnailCache;
    mThumbnails =
        std::make_unique<Thumbnails>(mRooms, cache, settings.thumbnailWidth, settings.thumbnailHeight);
}

ExhibitSession::ExhibitSession(render::Renderer& renderer, ui::ImGuiLayer& ui, const RoomSource& room,
                               const ExhibitSettings& settings, double now)
    : mRenderer(renderer), mUi(ui), mSettings(settings), mRooms{room}, mNow(now) {
    startLoading(0);
}

ExhibitSession::~ExhibitSession() {
    if (mLoading.valid()) mLoading.wait();
    mRenderer.context().waitIdle();
}

void ExhibitSession::enterRoom(size_t index) {
    if (index >= mRooms.size() || mPhase != Phase::Home) return;
    startLoading(index);
}

void ExhibitSession::goHome() {
    if (mHome && mPhase == Phase::Room) mPhase = Phase::LeavingRoom;
}

void ExhibitSession::setOverlay(std::function<void()> draw) {
    mOverlay = std::move(draw);
    if (mRoom) mRoom->setOverlay(mOverlay);
}

void ExhibitSession::resetToHome() {
    if (!mHome) return;
    if (mRoom) mRoom->closePhotos();
    if (mPhase == Phase::Room) mPhase = Phase::LeavingRoom;
    if (mPhase == Phase::Home) mHome->reset();
    // A room being read is still opened; the kiosk sends the visitor home again afterwards.
}

void ExhibitSession::startLoading(size_t index) {
    // Reading starts at once, while the screen fades to black.
    mLoadingRoom = index;
    mLoadProgress = std::make_shared<std::atomic<float>>(-1.0f);
    mFirstShowing = std::make_shared<FirstShowingSlot>();
    mLoading = importAsync(mRooms[index], mLoadProgress, mFirstShowing);
    mPhase = Phase::LeavingHome;
    mProblem.clear();
}

void ExhibitSession::showFirst(OpenedRoom first) {
    // The rest of the opening, the room's bake, goes on behind the session it now belongs to.
    enterOpenedRoom(RoomSession::create(mRenderer, mUi, mRooms[mLoadingRoom], std::move(first),
                                        std::move(mLoading), mSettings.viewer, mNow));
}

void ExhibitSession::enterOpenedRoom(std::unique_ptr<RoomSession> room) {
    mRoom = std::move(room);
    mSettings.viewer.startStation.clear(); // a station asked for at start applies to the first room only
    mRoom->setTextScale(mTextScale);
    mRoom->viewer().setViewport(mWidth, mHeight);
    mRoom->setOverlay(mOverlay);
    if (mHome) mRoom->enableHomeControl(mNow);
    mPhase = Phase::Room;
}

void ExhibitSession::finishLoading() {
    core::Result<OpenedRoom> mesh = mLoading.get();
    const RoomSource& source = mRooms[mLoadingRoom];
    if (!mesh) {
        core::logError(mesh.error().describe());
        mProblem = "\xe2\x80\x9c" + source.title + "\xe2\x80\x9d could not be opened (" +
                   std::filesystem::path(mesh.error().path).filename().string() + ": " +
                   mesh.error().message + ").";
        mProblemSince = mNow;
        mPhase = Phase::Home;
        if (!mHome) mQuit = mFailed = true; // a single room that cannot be read: nothing to show
        return;
    }
    enterOpenedRoom(
        RoomSession::create(mRenderer, mUi, source, std::move(mesh).value(), mSettings.viewer, mNow));
}

std::optional<OpenedRoom> ExhibitSession::takeFirstShowing() {
    if (!mFirstShowing) return std::nullopt;
    std::lock_guard lock(mFirstShowing->mutex);
    return std::exchange(mFirstShowing->room, std::nullopt);
}

void ExhibitSession::setViewport(uint32_t width, uint32_t height) {
    mWidth = width, mHeight = height;
    if (mRoom) mRoom->viewer().setViewport(width, height);
    if (mHome) layoutHomeScreen(width, height);
}

void ExhibitSession::layoutHomeScreen(uint32_t width, uint32_t height) {
    // The layout measures the title with the fonts it will be drawn in.
    const float scale = uiScaleFor(mTextScale, height);
    mUi.setScale(scale);
    mHome->setViewport(width, height, ui::bodyFontPixels(scale),
                       [this](float w) { return ui::measureHomeTitle(mHome->title(), mHome->intro(), w); });
}

void ExhibitSession::settle() {
    if (mLoading.valid()) mLoading.wait();
    if (mRoom) mRoom->settle();
    while (mThumbnails && mThumbnails->pending()) {
        pollPictures();
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

void ExhibitSession::setTextScale(float scale) {
    mTextScale = scale;
    if (mRoom) mRoom->setTextScale(scale);
}

bool ExhibitSession::quitRequested() const {
    return mQuit || (mHome && mHome->quitRequested()) || (mRoom && mRoom->viewer().quitRequested());
}

void ExhibitSession::handle(const platform::InputEvent& event) {
    if (event.type == platform::EventType::Close) {
        mQuit = true;
        return;
    }
    // Between screens input waits: a tap meant for the home screen must not land in the room.
    if (mPhase == Phase::Room && mRoom) {
        mRoom->handle(event);
    } else if (mPhase == Phase::Home && mHome) {
        mHome->handle(event);
    }
}

void ExhibitSession::advanceCover(double dt) {
    const bool dark =
        mPhase == Phase::LeavingHome || mPhase == Phase::Loading || mPhase == Phase::LeavingRoom;
    if (mSettings.viewer.reducedMotion) {
        mCover = dark ? 1.0f : 0.0f;
        return;
    }
    const double seconds = dark ? mSettings.fadeOutSeconds : mSettings.fadeInSeconds;
    const float step = seconds > 0.0 ? float(dt / seconds) : 1.0f;
    mCover = std::clamp(mCover + (dark ? step : -step), 0.0f, 1.0f);
}

void ExhibitSession::update(double now) {
    const double dt = std::max(0.0, now - mNow);
    mNow = std::max(mNow, now);
    advanceCover(dt);
    switch (mPhase) {
    case Phase::Home:
        if (!mHome) break;
        if (auto choice = mHome->takeChoice()) startLoading(*choice);
        break;
    case Phase::LeavingHome:
        if (mCover >= 1.0f) mPhase = Phase::Loading;
        break;
    case Phase::Loading:
        // The room itself when it is there (always in headless runs, which settle()), else its
        // first showing when a bake has made one.
        if (mLoading.valid() && mLoading.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            finishLoading();
        } else if (std::optional<OpenedRoom> first = takeFirstShowing()) {
            showFirst(std::move(*first));
        }
        break;
    case Phase::Room:
        if (mRoom->takeHomeRequest() && mHome) mPhase = Phase::LeavingRoom;
        break;
    case Phase::LeavingRoom:
        if (mCover >= 1.0f) {
            mRenderer.context().waitIdle(); // frames in flight may still draw the room
            mRoom.reset();
            mHome->reset();
            mPhase = Phase::Home;
        }
        break;
    }
    if (mRoom) {
        mRoom->update(mNow);
        mRoom->setCover(mCover);
    }
}

void ExhibitSession::pollPictures() {
    if (!mThumbnails) return;
    mThumbnails->poll(mRenderer, [this](size_t room, core::Image8 image) {
        mPictures[room] = mImagePass->createTexture(image, "roomPicture");
    });
    if (!mThumbnails->pending()) mThumbnails.reset();
}

void ExhibitSession::prepareFrame(uint32_t width, uint32_t height) {
    mWidth = width, mHeight = height;
    if (mRoom) {
        mRoom->prepareFrame(width, height);
        return;
    }
    mUi.setScale(uiScaleFor(mTextScale, height));
    if (!mHome) return;
    layoutHomeScreen(width, height);
    pollPictures();
}

std::vector<render::ScreenImage> ExhibitSession::homeImages() const {
    std::vector<render::ScreenImage> images;
    const HomeLayout& layout = mHome->layout();
    for (size_t i = 0; i < mPictures.size() && i < layout.cardImages.size(); ++i) {
        if (!mPictures[i]) continue;
        const bool lit = mHome->hovered() == int(i) || mHome->focused() == int(i);
        render::ScreenImage image;
        image.texture = &mPictures[i];
        image.rect = layout.cardImages[i];
        // Pictures rest slightly dimmed; the one under the pointer comes up to full light.
        image.color = lit ? glm::vec4(1.0f) : glm::vec4(0.72f, 0.72f, 0.72f, 1.0f);
        images.push_back(image);
    }
    return images;
}

void ExhibitSession::recordHome(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt) {
    const uint32_t width = target.desc().width, height = target.desc().height;
    mRenderer.recordEmptyFrame(cmd, target);
    if (mHome) mImagePass->record(cmd, target, homeImages());
    mUi.beginFrame(dt, width, height);
    if (mHome) {
        ui::HomeScreenView view;
        view.title = mHome->title();
        view.intro = mHome->intro();
        view.titleBlock = mHome->layout().titleBlock;
        for (size_t i = 0; i < mHome->cards().size() && i < mHome->layout().cardImages.size(); ++i) {
            ui::HomeCardView card;
            card.title = mHome->cards()[i].title;
            card.subtitle = mHome->cards()[i].subtitle;
            card.imageRect = mHome->layout().cardImages[i];
            card.textRect = mHome->layout().cardTexts[i];
            card.hovered = mHome->hovered() == int(i);
            card.focused = mHome->focused() == int(i);
            card.hasPicture = bool(mPictures[i]);
            view.cards.push_back(card);
        }
        ui::drawHomeScreen(view);
    }
    ui::drawFadeCover(mCover);
    if (mPhase == Phase::Loading || mPhase == Phase::LeavingHome) {
        ui::drawScreenNote("Opening " + mRooms[mLoadingRoom].title + "\xe2\x80\xa6", mCover, 0.48f);
        // A room shown for the first time is prepared first (imported and baked): a quiet line of
        // how far that has come.
        if (const float done = loadProgress(); done >= 0.0f) {
            ui::drawScreenNote(
                core::concat("Preparing the room for its first showing \xc2\xb7 ", int(done * 100.0f), "%"),
                mCover * 0.7f, 0.53f);
        }
    } else if (!mProblem.empty() && mNow - mProblemSince < kProblemSeconds) {
        ui::drawScreenNote(mProblem, 1.0f, 0.94f);
    }
    if (mOverlay) mOverlay();
    mUi.endFrame();
    mUi.record(cmd, target);
}

void ExhibitSession::record(VkCommandBuffer cmd, const gpu::OffscreenTarget& target, float dt) {
    if (mRoom) {
        mRoom->record(cmd, target, dt);
    } else {
        recordHome(cmd, target, dt);
    }
}

core::Image8 ExhibitSession::renderImage(uint32_t width, uint32_t height, float dt) {
    gpu::OffscreenTarget target = mRenderer.createTarget(width, height);
    prepareFrame(width, height);
    mRenderer.context().submitAndWait([&](VkCommandBuffer cmd) { record(cmd, target, dt); });
    return target.readback(mRenderer.context());
}

core::Result<std::unique_ptr<ExhibitSession>>
openExhibitSession(render::Renderer& renderer, ui::ImGuiLayer& ui, const std::filesystem::path& input,
                   const std::string& room, const ExhibitSettings& settings, double now) {
    std::error_code ec;
    if (!std::filesystem::is_directory(input, ec)) {
        auto source = resolveRoomSource(input, room, settings.up, settings.units);
        if (!source) return source.error();
        return std::make_unique<ExhibitSession>(renderer, ui, *source, settings, now);
    }
    auto exhibit = loadViewerExhibit(input);
    if (!exhibit) return exhibit.error();
    std::optional<size_t> start;
    if (!room.empty()) {
        auto index = findRoomIndex(*exhibit, room);
        if (!index) return index.error();
        start = *index;
    }
    auto session = std::make_unique<ExhibitSession>(renderer, ui, std::move(exhibit).value(), settings, now);
    if (start) session->enterRoom(*start);
    return session;
}

} // namespace sr::app
