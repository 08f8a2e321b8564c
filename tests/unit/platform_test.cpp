// Input scripts: parsing, formatting, replay order, and the errors a hand-edited script can have.
#include <gtest/gtest.h>

#include <filesystem>

#include "platform/event_script.h"

namespace {
using sr::platform::EventType;

TEST(EventScript, ParsesEveryEventKindAndFrames) {
    auto script = sr::platform::parseEventScript("# stillroom-input/1\n"
                                                 "0.0 resize 1280 720\n"
                                                 "0.5 down 640 360 0   # a comment\n"
                                                 "0.6 move 700 362\n"
                                                 "0.7 up 700 362 1\n"
                                                 "\n"
                                                 "1.0 scroll 0 -1\n"
                                                 "1.2 keydown 87\n"
                                                 "2.0 keyup 87\n"
                                                 "2.1 gamepad 0 1 -0.5 0\n"
                                                 "2.5 frame walked\n"
                                                 "9.0 close\n",
                                                 "test");
    ASSERT_TRUE(script.ok()) << script.error().describe();
    const auto& e = script->entries;
    ASSERT_EQ(e.size(), 10u);
    EXPECT_EQ(e[0].event.type, EventType::Resize);
    EXPECT_EQ(e[1].event.type, EventType::PointerDown);
    EXPECT_FLOAT_EQ(e[1].event.x, 640.0f);
    EXPECT_EQ(e[3].event.button, 1);
    EXPECT_FLOAT_EQ(e[4].event.scrollY, -1.0f);
    EXPECT_EQ(e[5].event.key, 87);
    EXPECT_FLOAT_EQ(e[7].event.scrollX, -0.5f);
    EXPECT_EQ(e[8].frameName, "walked");
    EXPECT_EQ(e[9].event.type, EventType::Close);
    EXPECT_DOUBLE_EQ(script->duration(), 9.0);
}

TEST(EventScript, FormatThenParseRoundTrips) {
    auto script = sr::platform::parseEventScript(
        "0.25 down 10.5 20 0\n0.5 keydown 256\n0.6 text 233\n1 frame a\n", "test");
    ASSERT_TRUE(script.ok());
    auto again = sr::platform::parseEventScript(sr::platform::formatEventScript(*script), "again");
    ASSERT_TRUE(again.ok()) << again.error().describe();
    ASSERT_EQ(again->entries.size(), 4u);
    EXPECT_DOUBLE_EQ(again->entries[0].event.time, 0.25);
    EXPECT_FLOAT_EQ(again->entries[0].event.x, 10.5f);
    EXPECT_EQ(again->entries[1].event.key, 256);
    EXPECT_EQ(again->entries[2].event.type, EventType::Text);
    EXPECT_EQ(again->entries[2].event.key, 233); // é
    EXPECT_EQ(again->entries[3].frameName, "a");
}

TEST(EventScript, ReportsTheLineOfEachMistake) {
    const char* bad[] = {"0.5 jump 1 2\n", "x down 1 2 0\n",   "1.0 move 1 2\n0.5 move 1 2\n",
                         "0.1 down 1\n",   "0.1 move nan 2\n", "0.1 frame\n",
                         "0.1\n",          "0.1 text 9\n",     "0.1 text 1114112\n"};
    for (const char* text : bad) {
        auto script = sr::platform::parseEventScript(text, "bad.txt");
        ASSERT_FALSE(script.ok()) << text;
        EXPECT_NE(script.error().describe().find("bad.txt"), std::string::npos);
        EXPECT_NE(script.error().describe().find("line"), std::string::npos) << script.error().describe();
    }
}

TEST(EventScript, PlayerHandsOutEntriesInOrderOnce) {
    auto script =
        sr::platform::parseEventScript("0.1 move 1 1\n0.2 move 2 2\n0.2 move 3 3\n1.0 close\n", "t");
    ASSERT_TRUE(script.ok());
    sr::platform::ScriptPlayer player(*script);
    EXPECT_TRUE(player.take(0.05).empty());
    auto due = player.take(0.2);
    ASSERT_EQ(due.size(), 3u);
    EXPECT_FLOAT_EQ(due[2].event.x, 3.0f);
    EXPECT_TRUE(player.take(0.5).empty());
    EXPECT_FALSE(player.finished());
    EXPECT_EQ(player.take(5.0).size(), 1u);
    EXPECT_TRUE(player.finished());
}

TEST(EventScript, RecorderWritesAScriptThatLoadsBack) {
    const auto file = std::filesystem::path(SR_TEST_OUTPUT) / "platform" / "recorded.txt";
    std::filesystem::create_directories(file.parent_path());
    {
        auto recorder = sr::platform::ScriptRecorder::open(file);
        ASSERT_TRUE(recorder.ok());
        sr::platform::InputEvent e;
        e.type = EventType::KeyDown;
        e.time = 1.5;
        e.key = 'N';
        recorder->record(e);
    }
    auto loaded = sr::platform::loadEventScript(file);
    ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
    ASSERT_EQ(loaded->entries.size(), 1u);
    EXPECT_EQ(loaded->entries[0].event.key, 'N');
    EXPECT_FALSE(sr::platform::loadEventScript(file.parent_path() / "missing.txt").ok());
}

} // namespace
