// MP4 output through ffmpeg: the arguments it is given and what a failing, crashing or missing
// encoder becomes, with stand-in programs; and a real encode when ffmpeg is installed (skipped
// otherwise: the Debian package ffmpeg is not among the build's dependencies).
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/previs_output.h"
#include "core/image.h"
#include "test_folder.h"

namespace {
namespace fs = std::filesystem;

// Three frames of a 101 x 51 picture (odd sizes, which H.264 cannot take unpadded).
fs::path writeFrames(const fs::path& folder) {
    const fs::path frames = folder / "Push_in";
    fs::create_directories(frames);
    for (int i = 1; i <= 3; ++i) {
        sr::core::Image8 image(101, 51);
        for (uint32_t y = 0; y < image.height; ++y)
            for (uint32_t x = 0; x < image.width; ++x) {
                uint8_t* p = image.at(x, y);
                p[0] = uint8_t(x * 2), p[1] = uint8_t(y * 4), p[2] = uint8_t(i * 60), p[3] = 255;
            }
        char name[32];
        std::snprintf(name, sizeof name, "Push_in.%04d.png", i);
        EXPECT_TRUE(sr::core::writePng(frames / name, image).ok());
    }
    return frames;
}

fs::path writeProgram(const fs::path& file, const std::string& body) {
    std::ofstream(file) << "#!/bin/sh\n" << body;
    fs::permissions(file, fs::perms::owner_all);
    return file;
}

std::string readText(const fs::path& file) {
    std::stringstream text;
    text << std::ifstream(file).rdbuf();
    return text.str();
}

TEST(PrevisEncode, GivesFfmpegTheSequenceRateAndAnEvenH264Picture) {
    const fs::path folder = sr::test::freshTestFolder("previs-encode");
    const fs::path frames = writeFrames(folder);
    const fs::path log = folder / "arguments.txt";
    // Writes each argument on a line, then the file it was asked for (the last argument).
    const fs::path fake =
        writeProgram(folder / "ffmpeg", "for a in \"$@\"; do echo \"$a\"; done > '" + log.string() +
                                            "'\nfor a in \"$@\"; do last=$a; done\n"
                                            "printf 'mp4' > \"$last\"\n");
    const fs::path mp4 = folder / "out" / "Push_in.mp4";
    const auto encoded = sr::app::encodeMp4(frames, "Push_in.%04d.png", 23.976, mp4, fake.string());
    ASSERT_TRUE(encoded.ok()) << encoded.error().describe();
    EXPECT_TRUE(fs::exists(mp4)); // its folder was made first
    const std::string arguments = readText(log);
    for (const std::string& expected : std::vector<std::string>{
             "-nostdin\n", "-framerate\n23.976\n", "-i\n" + (frames / "Push_in.%04d.png").string() + "\n",
             "pad=ceil(iw/2)*2:ceil(ih/2)*2\n", "-c:v\nlibx264\n", "-pix_fmt\nyuv420p\n",
             mp4.string() + "\n"})
        EXPECT_NE(arguments.find(expected), std::string::npos) << expected << " in\n" << arguments;
}

TEST(PrevisEncode, AFailingEncoderIsQuotedAndTheFramesAreKept) {
    const fs::path folder = sr::test::freshTestFolder("previs-encode");
    const fs::path frames = writeFrames(folder);
    const fs::path failing = writeProgram(
        folder / "ffmpeg", "echo 'some progress' >&2\necho \"Unknown encoder 'libx264'\" >&2\nexit 1\n");
    const fs::path mp4 = folder / "Push_in.mp4";
    const auto encoded = sr::app::encodeMp4(frames, "Push_in.%04d.png", 24.0, mp4, failing.string());
    ASSERT_FALSE(encoded.ok());
    const std::string message = encoded.error().describe();
    EXPECT_NE(message.find("could not encode the frames (exit code 1): Unknown encoder 'libx264'"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("the PNG frames are in " + frames.string()), std::string::npos) << message;
    EXPECT_EQ(encoded.error().path, mp4.string());
    EXPECT_TRUE(fs::exists(frames / "Push_in.0003.png"));

    const fs::path crashing = writeProgram(folder / "crashing", "kill -SEGV $$\n");
    const auto crashed = sr::app::encodeMp4(frames, "Push_in.%04d.png", 24.0, mp4, crashing.string());
    ASSERT_FALSE(crashed.ok());
    EXPECT_NE(crashed.error().describe().find("crashed (signal 11"), std::string::npos)
        << crashed.error().describe();
}

TEST(PrevisEncode, AMissingEncoderSaysHowToInstallIt) {
    const fs::path folder = sr::test::freshTestFolder("previs-encode");
    const auto encoded = sr::app::encodeMp4(folder, "Push_in.%04d.png", 24.0, folder / "Push_in.mp4",
                                            "stillroom-test-no-such-encoder");
    ASSERT_FALSE(encoded.ok());
    EXPECT_NE(encoded.error().describe().find("is not installed, so no MP4 was made"), std::string::npos);
    EXPECT_NE(encoded.error().describe().find("install the Debian package ffmpeg"), std::string::npos);
}

TEST(PrevisEncode, RealFfmpegMakesAnMp4OfEveryFrame) {
    if (!sr::app::findProgram("ffmpeg")) GTEST_SKIP() << "ffmpeg is not installed";
    const fs::path folder = sr::test::freshTestFolder("previs-encode");
    const fs::path frames = writeFrames(folder);
    const fs::path mp4 = folder / "Push_in.mp4";
    const auto encoded = sr::app::encodeMp4(frames, "Push_in.%04d.png", 24.0, mp4, "ffmpeg");
    ASSERT_TRUE(encoded.ok()) << encoded.error().describe();
    const std::string bytes = readText(mp4);
    ASSERT_GT(bytes.size(), 8u);
    EXPECT_EQ(bytes.substr(4, 4), "ftyp"); // an ISO media file
    if (!sr::app::findProgram("ffprobe")) return;
    const std::string command = "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                                "stream=codec_name,width,height,nb_read_frames -of csv=p=0 '" +
                                mp4.string() + "'";
    FILE* probe = popen(command.c_str(), "r");
    ASSERT_NE(probe, nullptr);
    char line[256] = {};
    const bool read = std::fgets(line, sizeof line, probe) != nullptr;
    pclose(probe);
    ASSERT_TRUE(read);
    EXPECT_EQ(std::string(line), "h264,102,52,3\n"); // padded to even sizes, every frame
}

} // namespace
