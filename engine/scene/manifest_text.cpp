#include "scene/manifest_text.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "core/log.h"

namespace sr::scene::detail {
namespace {

bool isDigit(uint8_t c) { return c >= '0' && c <= '9'; }
bool isNumberChar(uint8_t c) {
    return isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// A number literal split by the JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
struct NumberToken {
    std::string_view integer;
    std::string_view fraction;
    bool negativeExponent = false;
    std::string_view exponent;
};

std::optional<NumberToken> splitNumber(std::string_view t) {
    NumberToken token;
    size_t i = 0;
    auto digitsFrom = [&](size_t start) {
        size_t end = start;
        while (end < t.size() && isDigit(uint8_t(t[end]))) ++end;
        return end;
    };
    if (i < t.size() && t[i] == '-') ++i;
    size_t end = digitsFrom(i);
    if (end == i || (t[i] == '0' && end - i > 1)) return std::nullopt;
    token.integer = t.substr(i, end - i);
    i = end;
    if (i < t.size() && t[i] == '.') {
        end = digitsFrom(++i);
        if (end == i) return std::nullopt;
        token.fraction = t.substr(i, end - i);
        i = end;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) token.negativeExponent = t[i++] == '-';
        end = digitsFrom(i);
        if (end == i) return std::nullopt;
        token.exponent = t.substr(i, end - i);
        i = end;
    }
    if (i != t.size()) return std::nullopt;
    return token;
}

// Whether the literal's magnitude is beyond the largest double. Works from the decimal exponent
// so that a literal of millions of digits costs one pass, not a multi-precision conversion.
bool overflowsDouble(const NumberToken& token) {
    const std::string_view parts[2] = {token.integer, token.fraction};
    int64_t leadExponent = 0; // decimal exponent of the first non-zero digit, before the 'e' part
    size_t partIndex = 0, digitIndex = 0;
    bool found = false;
    for (; partIndex < 2 && !found; ++partIndex) {
        for (digitIndex = 0; digitIndex < parts[partIndex].size(); ++digitIndex) {
            if (parts[partIndex][digitIndex] == '0') continue;
            leadExponent =
                partIndex == 0 ? int64_t(token.integer.size() - digitIndex - 1) : -int64_t(digitIndex + 1);
            found = true;
            break;
        }
    }
    if (!found) return false; // zero
    --partIndex;

    int64_t exponent = 0;
    for (char c : token.exponent) exponent = std::min<int64_t>(exponent * 10 + (c - '0'), int64_t(1) << 40);
    if (token.negativeExponent) exponent = -exponent;
    const int64_t decimalExponent = leadExponent + exponent;
    if (decimalExponent != 308) return decimalExponent > 308;

    // At the edge: convert the leading significant digits.
    std::string mantissa;
    for (; partIndex < 2 && mantissa.size() < 40; ++partIndex, digitIndex = 0) {
        for (; digitIndex < parts[partIndex].size() && mantissa.size() < 40; ++digitIndex)
            mantissa += parts[partIndex][digitIndex];
    }
    mantissa.insert(1, ".");
    mantissa += "e308";
    return std::isinf(std::strtod(mantissa.c_str(), nullptr));
}

// Length of the UTF-8 sequence starting at text[i], or 0 when it is not one (overlong forms,
// surrogates and code points above U+10FFFF included).
size_t utf8SequenceLength(std::string_view text, size_t i) {
    const auto byte = [&](size_t k) { return i + k < text.size() ? uint8_t(text[i + k]) : uint8_t(0); };
    const auto continuation = [&](size_t k) { return (byte(k) & 0xC0) == 0x80; };
    const uint8_t c = byte(0);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return continuation(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!continuation(1) || !continuation(2)) return 0;
        if (c == 0xE0 && byte(1) < 0xA0) return 0; // overlong
        if (c == 0xED && byte(1) > 0x9F) return 0; // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!continuation(1) || !continuation(2) || !continuation(3)) return 0;
        if (c == 0xF0 && byte(1) < 0x90) return 0; // overlong
        if (c == 0xF4 && byte(1) > 0x8F) return 0; // above U+10FFFF
        return 4;
    }
    return 0;
}

bool isPlainName(std::string_view key) {
    if (key.empty() || key.size() > 64 || isDigit(uint8_t(key[0]))) return false;
    return std::all_of(key.begin(), key.end(), [](char c) {
        return isDigit(uint8_t(c)) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    });
}

} // namespace

core::Result<size_t> prepareJsonText(std::vector<uint8_t>& text) {
    size_t depth = 0;
    size_t replaced = 0;
    size_t i = 0;
    const size_t n = text.size();
    while (i < n) {
        const uint8_t c = text[i];
        if (c == '"') {
            for (++i; i < n && text[i] != '"'; ++i) {
                if (text[i] == '\\') ++i;
            }
            ++i;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) {
                return core::makeError(
                    "", core::concat("nested more than ", kMaxJsonDepth, " levels deep at byte ", i));
            }
            ++i;
        } else if (c == ']' || c == '}') {
            if (depth > 0) --depth;
            ++i;
        } else if (c == '-' || isDigit(c)) {
            size_t end = i;
            while (end < n && isNumberChar(text[end])) ++end;
            const std::string_view literal(reinterpret_cast<const char*>(text.data()) + i, end - i);
            const auto token = splitNumber(literal);
            const std::string_view marker = c == '-' ? kNegativeOverflowMarker : kOverflowMarker;
            if (token && overflowsDouble(*token) && literal.size() >= marker.size() + 2) {
                std::fill(text.begin() + i, text.begin() + end, uint8_t(' '));
                text[i] = '"';
                std::copy(marker.begin(), marker.end(), text.begin() + i + 1);
                text[i + 1 + marker.size()] = '"';
                ++replaced;
            }
            i = end;
        } else {
            ++i;
        }
    }
    return replaced;
}

bool isValidUtf8(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        const size_t length = utf8SequenceLength(text, i);
        if (length == 0) return false;
        i += length;
    }
    return true;
}

std::string quoteForMessage(std::string_view text, size_t maxBytes) {
    std::string out = "\"";
    for (size_t i = 0; i < text.size();) {
        const size_t length = utf8SequenceLength(text, i);
        if (out.size() - 1 + std::max<size_t>(length, 1) > maxBytes) {
            out += "...";
            break;
        }
        const uint8_t c = uint8_t(text[i]);
        if (length == 0 || (length == 1 && (c < 0x20 || c == 0x7F || c == '"'))) {
            out += '?';
            i += std::max<size_t>(length, 1);
        } else {
            out.append(text.substr(i, length));
            i += length;
        }
    }
    out += '"';
    return out;
}

std::string memberPath(const std::string& parent, std::string_view key) {
    if (!isPlainName(key)) return parent + "[" + quoteForMessage(key, 40) + "]";
    if (parent.empty()) return std::string(key);
    return parent + "." + std::string(key);
}

std::string elementPath(const std::string& parent, size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

size_t editDistance(std::string_view a, std::string_view b, size_t limit) {
    if (a.size() > 64 || b.size() > 64) return limit + 1;
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
    std::vector<size_t> previous(b.size() + 1), current(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return std::min(previous[b.size()], limit + 1);
}

} // namespace sr::scene::detail
