// SPDX-License-Identifier: MIT
// The malformed-story corpus: every file in tests/story/malformed/ is a small story with one
// mistake authors really make. Its first line names the diagnostic it must produce:
//
//     # expect: 12:5: error: unknown key 'colour_' in side 'north' (did you mean 'colour'?)
//
// (line:col: error: message, exactly as `mapreel check` prints it, without the file name
// and without the hint). A second suite loads every story shipped in stories/ and requires
// it to load without errors.
#include "mapreel/story/loader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using mapreel::Diagnostic;
using mapreel::Severity;

namespace {

/// The files of `dir` (recursively when asked) ending in .yaml, sorted, as strings.
std::vector<std::string> yamlFiles(const fs::path& dir, bool recursive) {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return out;
    auto add = [&](const fs::directory_entry& e) {
        if (e.is_regular_file() && e.path().extension() == ".yaml" &&
            e.path().filename() != "series.yaml")
            out.push_back(e.path().string());
    };
    if (recursive)
        for (const auto& e : fs::recursive_directory_iterator(dir))
            add(e);
    else
        for (const auto& e : fs::directory_iterator(dir))
            add(e);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> corpusFiles() {
    return yamlFiles(MAPREEL_CORPUS_DIR, false);
}
std::vector<std::string> storyFiles() {
    return yamlFiles(MAPREEL_STORIES_DIR, true);
}

/// A gtest-safe test name from a file path: `07-bad-date.yaml` -> `07_bad_date`.
std::string testName(const std::string& path) {
    std::string name = path.ends_with(".yaml") ? fs::path(path).stem().string() : path;
    for (char& c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            c = '_';
    return name;
}

std::string firstLine(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return line;
}

/// `LINE:COL: error: MESSAGE`, as the corpus writes it and as the tests compare it.
std::string expectationOf(const Diagnostic& d) {
    const char* sev = d.severity == Severity::Error     ? "error"
                      : d.severity == Severity::Warning ? "warning"
                                                        : "note";
    return std::to_string(d.loc.line) + ":" + std::to_string(d.loc.column) + ": " + sev + ": " +
           d.message;
}

std::string listDiagnostics(const mapreel::Diagnostics& diags) {
    std::ostringstream out;
    for (const auto& d : diags.items())
        out << "  " << expectationOf(d) << "   [file: " << d.loc.file << "]\n";
    return out.str();
}

constexpr std::string_view kExpect = "# expect: ";

// ---------------------------------------------------------------------------------------
// The corpus

TEST(StoryCorpus, HasEnoughCases) {
    const auto files = corpusFiles();
    EXPECT_GE(files.size(), 45U) << "the malformed corpus in " << MAPREEL_CORPUS_DIR
                                 << " should keep at least 45 cases";
}

class MalformedStory : public ::testing::TestWithParam<std::string> {};

TEST_P(MalformedStory, IsRejectedWithTheExpectedDiagnostic) {
    const std::string& path = GetParam();
    const std::string header = firstLine(path);
    ASSERT_EQ(header.rfind(kExpect, 0), 0U)
        << path << ": the first line must be '# expect: LINE:COL: error: MESSAGE', not '" << header
        << "'";
    const std::string expected = header.substr(kExpect.size());
    ASSERT_NE(expected.find(": error: "), std::string::npos)
        << path << ": the expectation must read 'LINE:COL: error: MESSAGE'";

    const auto loaded = mapreel::story::loadStory(path);
    ASSERT_FALSE(loaded.hasValue())
        << path << " loaded, but it must be rejected with\n  " << expected;
    const auto& diags = loaded.error();
    EXPECT_TRUE(diags.hasErrors());

    const auto& items = diags.items();
    const auto match = std::find_if(items.begin(), items.end(), [&](const Diagnostic& d) {
        return d.severity == Severity::Error && expectationOf(d) == expected;
    });
    ASSERT_TRUE(match != items.end())
        << path << ": no diagnostic reads\n  " << expected << "\nthe loader reported:\n"
        << listDiagnostics(diags);
    EXPECT_EQ(match->loc.file, path) << "diagnostics must name the file they were given";
    for (const auto& d : items)
        EXPECT_EQ(d.loc.file, path) << "diagnostic '" << d.message << "' names another file";
}

std::string corpusCaseName(const ::testing::TestParamInfo<std::string>& param) {
    return testName(param.param);
}

INSTANTIATE_TEST_SUITE_P(Corpus, MalformedStory, ::testing::ValuesIn(corpusFiles()),
                         corpusCaseName);

// ---------------------------------------------------------------------------------------
// The shipped stories

TEST(ShippedStories, Exist) {
    EXPECT_FALSE(storyFiles().empty()) << "no stories found under " << MAPREEL_STORIES_DIR;
}

class ShippedStory : public ::testing::TestWithParam<std::string> {};

TEST_P(ShippedStory, LoadsWithoutErrors) {
    const std::string& path = GetParam();
    const auto loaded = mapreel::story::loadStory(path);
    ASSERT_TRUE(loaded.hasValue()) << path << " must load; the loader reported:\n"
                                   << listDiagnostics(loaded.error());
    EXPECT_FALSE(loaded->story.steps.empty());
}

/// Unique across folders: cold-war/korean-war.yaml -> cold_war_korean_war.
std::string storyName(const ::testing::TestParamInfo<std::string>& param) {
    fs::path rel = fs::path(param.param).lexically_relative(MAPREEL_STORIES_DIR);
    return testName(rel.replace_extension().string());
}

INSTANTIATE_TEST_SUITE_P(Stories, ShippedStory, ::testing::ValuesIn(storyFiles()), storyName);

} // namespace
