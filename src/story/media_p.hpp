// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>

/// What the loader checks in image and audio files a story names, from their first bytes
/// only: that they are a format mapreel can use, and that an image is not a decompression
/// bomb (a small file that decodes to gigabytes).
namespace mapreel::story::detail {

/// The size an image file declares.
struct ImageSize {
    std::uint64_t width = 0;
    std::uint64_t height = 0;
};

/// The first `n` bytes of a file (fewer when it is shorter).
inline std::string headOf(const std::filesystem::path& p, std::size_t n) {
    std::ifstream in(p, std::ios::binary);
    std::string bytes(n, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(n));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): offset, then width.
inline std::uint64_t bigEndian(std::string_view b, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v = (v << 8U) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
    return v;
}

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): offset, then width.
inline std::uint64_t littleEndian(std::string_view b, std::size_t at, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8U) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
    return v;
}

/// The format name and declared size of an image (PNG, JPEG, GIF, WebP; SVG has no pixel
/// size), or a problem: "is not ...", "is a truncated ...".
struct ImageInfo {
    std::string format;
    std::optional<ImageSize> size;
    std::string problem;
};

inline ImageInfo inspectImage(const std::filesystem::path& p) {
    const std::string b = headOf(p, std::size_t{64} * 1024);
    const std::string_view v(b);
    if (v.starts_with("\x89PNG\r\n\x1a\n")) {
        if (v.size() < 24 || v.substr(12, 4) != "IHDR")
            return {"PNG", std::nullopt, "is a truncated or damaged PNG image"};
        return {"PNG", ImageSize{bigEndian(v, 16, 4), bigEndian(v, 20, 4)}, {}};
    }
    if (v.starts_with("GIF87a") || v.starts_with("GIF89a")) {
        if (v.size() < 10)
            return {"GIF", std::nullopt, "is a truncated GIF image"};
        return {"GIF", ImageSize{littleEndian(v, 6, 2), littleEndian(v, 8, 2)}, {}};
    }
    if (v.size() >= 12 && v.starts_with("RIFF") && v.substr(8, 4) == "WEBP") {
        if (v.size() >= 30 && v.substr(12, 4) == "VP8X")
            return {"WebP", ImageSize{littleEndian(v, 24, 3) + 1, littleEndian(v, 27, 3) + 1}, {}};
        if (v.size() >= 30 && v.substr(12, 4) == "VP8 ")
            return {"WebP",
                    ImageSize{littleEndian(v, 26, 2) & 0x3FFFU, littleEndian(v, 28, 2) & 0x3FFFU},
                    {}};
        if (v.size() >= 25 && v.substr(12, 4) == "VP8L") {
            const std::uint64_t bits = littleEndian(v, 21, 4);
            return {"WebP", ImageSize{(bits & 0x3FFFU) + 1, ((bits >> 14U) & 0x3FFFU) + 1}, {}};
        }
        return {"WebP", std::nullopt, "is a truncated or damaged WebP image"};
    }
    if (v.starts_with("\xFF\xD8\xFF")) {
        // Walk the JPEG segments to the frame header (SOF0..SOF15 but DHT, JPG and DAC).
        std::size_t at = 2;
        while (at + 4 <= v.size()) {
            if (static_cast<unsigned char>(v[at]) != 0xFF)
                break;
            const auto marker = static_cast<unsigned char>(v[at + 1]);
            if (marker == 0xFF) {
                ++at;
                continue;
            }
            const std::uint64_t length = bigEndian(v, at + 2, 2);
            const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 &&
                               marker != 0xC8 && marker != 0xCC;
            if (frame) {
                if (at + 9 > v.size())
                    break;
                return {"JPEG", ImageSize{bigEndian(v, at + 7, 2), bigEndian(v, at + 5, 2)}, {}};
            }
            if (length < 2)
                break;
            at += 2 + length;
        }
        return {"JPEG", std::nullopt, "is a truncated or damaged JPEG image (no frame header)"};
    }
    const auto text = v.substr(0, 4096);
    if (text.find("<svg") != std::string_view::npos)
        return {"SVG", std::nullopt, {}};
    return {{}, std::nullopt, "is not a PNG, JPEG, GIF, WebP or SVG image"};
}

/// Whether the file starts like an audio file mapreel's decoder reads; the format's name,
/// or nullopt.
inline std::optional<std::string> audioFormat(const std::filesystem::path& p) {
    const std::string b = headOf(p, 16);
    const std::string_view v(b);
    if (v.size() >= 12 && v.starts_with("RIFF") && v.substr(8, 4) == "WAVE")
        return "WAV";
    if (v.starts_with("ID3") || (v.size() >= 2 && static_cast<unsigned char>(v[0]) == 0xFF &&
                                 (static_cast<unsigned char>(v[1]) & 0xE0U) == 0xE0U))
        return "MP3";
    if (v.starts_with("OggS"))
        return "Ogg";
    if (v.starts_with("fLaC"))
        return "FLAC";
    if (v.size() >= 8 && v.substr(4, 4) == "ftyp")
        return "MP4/M4A";
    if (v.starts_with("\x1A\x45\xDF\xA3"))
        return "WebM";
    return std::nullopt;
}

} // namespace mapreel::story::detail
