// Parsing the manifest's "up" and "units" values for ImportOptions.
#include <cctype>
#include <string>

#include "asset/import.h"
#include "core/log.h"

namespace sr::asset {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

} // namespace

core::Result<UpAxis> parseUpAxis(std::string_view text) {
    std::string value = lower(trim(text));
    bool negative = false;
    std::string_view axis = value;
    if (!axis.empty() && (axis.front() == '+' || axis.front() == '-')) {
        negative = axis.front() == '-';
        axis.remove_prefix(1);
    }
    if (axis == "x") return negative ? UpAxis::NegX : UpAxis::PosX;
    if (axis == "y") return negative ? UpAxis::NegY : UpAxis::PosY;
    if (axis == "z") return negative ? UpAxis::NegZ : UpAxis::PosZ;
    return core::makeError(
        "", core::concat("unknown up axis \"", text,
                         "\": expected one of +X, -X, +Y, -Y, +Z, -Z (a bare X, Y or Z means +)"));
}

core::Result<float> parseUnits(std::string_view text) {
    std::string value = lower(trim(text));
    if (value == "m") return 1.0f;
    if (value == "cm") return 0.01f;
    if (value == "mm") return 0.001f;
    if (value == "in") return 0.0254f;
    if (value == "ft") return 0.3048f;
    return core::makeError("",
                           core::concat("unknown unit \"", text, "\": expected one of m, cm, mm, in, ft"));
}

} // namespace sr::asset
