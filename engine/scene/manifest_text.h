#pragma once
// Text helpers shared by the manifest reader and writer. Internal to the scene module.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace sr::scene::detail {

// Deeper nesting than this is refused before parsing; the schema itself needs five levels.
inline constexpr size_t kMaxJsonDepth = 64;

// Stands in for a number literal too large for a double. JSON cannot say "infinity", and the JSON
// library refuses the whole document on such a literal; replacing it by this string (a quoted
// U+221E, padded with spaces to the literal's length) lets the reader report it where it stands.
inline constexpr std::string_view kOverflowMarker = "\xE2\x88\x9E";
inline constexpr std::string_view kNegativeOverflowMarker = "-\xE2\x88\x9E";

// Scans JSON text without parsing it: refuses nesting deeper than kMaxJsonDepth (the Error's
// message gives the byte offset, its path is empty) and replaces, in place, every number literal
// whose magnitude overflows a double by a quoted overflow marker of the same length. Returns how
// many literals it replaced. Leaves malformed text for the parser to report.
core::Result<size_t> prepareJsonText(std::vector<uint8_t>& text);

bool isValidUtf8(std::string_view text);

// `text` in double quotes for a message: at most `maxBytes` of it (then "..."), with control
// characters, quotes and bytes that are not UTF-8 shown as '?'.
std::string quoteForMessage(std::string_view text, size_t maxBytes = 80);

// JSON paths as Problem::jsonPath spells them: "rooms[2].hotspots[0]". Keys that are not plain
// names are quoted: rooms[0]["two words"].
std::string memberPath(const std::string& parent, std::string_view key);
std::string elementPath(const std::string& parent, size_t index);

// Edit distance between two short names, for "did you mean" hints; stops counting above `limit`.
size_t editDistance(std::string_view a, std::string_view b, size_t limit);

} // namespace sr::scene::detail
