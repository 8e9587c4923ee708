// SPDX-License-Identifier: MIT
#include "mapreel/core/diagnostic.hpp"

#include <gtest/gtest.h>

using namespace mapreel;

TEST(Diagnostic, ClosestMatchIgnoresFarWords) {
    EXPECT_EQ(closestMatch("colour", {"color", "name", "id"}), "color");
    EXPECT_EQ(closestMatch("zzzzzz", {"color", "name", "id"}), "");
    EXPECT_EQ(editDistance("kitten", "sitting"), 3U);
}

TEST(Diagnostic, FormatsLikeACompiler) {
    Diagnostic d{{"stories/x.yaml", 12, 5}, Severity::Error, "unknown key 'colour'", "fix it"};
    EXPECT_EQ(format(d), "stories/x.yaml:12:5: error: unknown key 'colour'\n  hint: fix it");
    const std::string src = "a: 1\nb: 2\n";
    Diagnostic d2{{"f.yaml", 2, 4}, Severity::Warning, "odd", ""};
    EXPECT_EQ(formatWithSource(d2, src, false), "f.yaml:2:4: warning: odd\n  b: 2\n     ^");
}

TEST(Diagnostic, CountsBySeverity) {
    Diagnostics ds;
    ds.warning({}, "w");
    EXPECT_FALSE(ds.hasErrors());
    ds.error({}, "e");
    EXPECT_TRUE(ds.hasErrors());
    EXPECT_EQ(ds.errorCount(), 1U);
    EXPECT_EQ(ds.warningCount(), 1U);
}
