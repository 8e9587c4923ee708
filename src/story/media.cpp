// SPDX-License-Identifier: MIT
#include "media_p.hpp"
#include "reader_p.hpp"

#include <filesystem>
#include <fstream>
#include <string>

namespace mapreel::story::detail {

void StoryReader::checkFile(const YAML::Node& n, const std::string& file, const std::string& what) {
    namespace fs = std::filesystem;
    fs::path p(file);
    if (p.is_relative())
        p = fs::path(story_.baseDir) / p;
    std::error_code ec;
    if (fs::exists(p, ec) && !fs::is_regular_file(p, ec)) {
        ctx_.error(n, "'" + file + "' of " + what + " is not a file (a folder?)");
        return;
    }
    if (!fs::is_regular_file(p, ec)) {
        ctx_.error(n, "file '" + file + "' of " + what + " does not exist",
                   "paths are relative to the story's folder");
        return;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in)
        ctx_.error(n, "file '" + file + "' of " + what + " cannot be read");
    else if (fs::file_size(p, ec) == 0 && !ec)
        ctx_.error(n, "file '" + file + "' of " + what + " is empty");
}

namespace {

// NOLINTNEXTLINE(bugprone-easily-swappable-parameters): a folder, then a path inside it.
std::filesystem::path resolved(const std::string& baseDir, const std::string& file) {
    std::filesystem::path p(file);
    return p.is_relative() ? std::filesystem::path(baseDir) / p : p;
}

} // namespace

void StoryReader::checkImage(const YAML::Node& n, const std::string& file,
                             const std::string& what) {
    const std::size_t before = ctx_.diags.errorCount();
    checkFile(n, file, what);
    if (ctx_.diags.errorCount() != before)
        return;
    const auto info = detail::inspectImage(resolved(story_.baseDir, file));
    if (!info.problem.empty()) {
        ctx_.error(n, "file '" + file + "' of " + what + " " + info.problem,
                   "export it again as PNG or JPEG");
        return;
    }
    if (!info.size)
        return;
    const auto [w, h] = *info.size;
    const auto& lim = ctx_.limits;
    if (w == 0 || h == 0 || w > lim.maxImageSide || h > lim.maxImageSide ||
        w * h > lim.maxImagePixels)
        ctx_.error(n,
                   info.format + " image '" + file + "' of " + what + " is " + std::to_string(w) +
                       "x" + std::to_string(h) + " pixels; images may have at most " +
                       std::to_string(lim.maxImageSide) + " on a side and " +
                       std::to_string(lim.maxImagePixels / 1'000'000) + " megapixels",
                   "scale it down: the video is at most 8192 pixels wide");
}

void StoryReader::checkMarkerImage(const YAML::Node& n, const std::string& file,
                                   const std::string& what) {
    const std::size_t before = ctx_.diags.errorCount();
    checkImage(n, file, what);
    if (ctx_.diags.errorCount() != before)
        return;
    const auto info = detail::inspectImage(resolved(story_.baseDir, file));
    if (info.format != "PNG")
        ctx_.error(n, "the image '" + file + "' of " + what + " is " + info.format + ", not PNG",
                   "a marker's symbol must be a PNG (with transparency); export it as PNG");
}

std::pair<int, int> StoryReader::checkPicture(const YAML::Node& n, const std::string& file,
                                              const std::string& what) {
    const std::size_t before = ctx_.diags.errorCount();
    checkImage(n, file, what);
    if (ctx_.diags.errorCount() != before)
        return {0, 0};
    const auto info = detail::inspectImage(resolved(story_.baseDir, file));
    if (info.format != "PNG" && info.format != "JPEG") {
        ctx_.error(n,
                   "the picture '" + file + "' of " + what + " is " + info.format +
                       "; pictures are drawn from PNG or JPEG files",
                   "export it again as PNG or JPEG");
        return {0, 0};
    }
    if (!info.size)
        return {0, 0};
    return {static_cast<int>(info.size->width), static_cast<int>(info.size->height)};
}

void StoryReader::checkAudio(const YAML::Node& n, const std::string& file,
                             const std::string& what) {
    const std::size_t before = ctx_.diags.errorCount();
    checkFile(n, file, what);
    if (ctx_.diags.errorCount() == before && !detail::audioFormat(resolved(story_.baseDir, file)))
        ctx_.error(n, "file '" + file + "' of " + what + " is not an audio file",
                   "use WAV, MP3, Ogg (Vorbis or Opus), FLAC or M4A");
}

} // namespace mapreel::story::detail
