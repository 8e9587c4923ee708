// SPDX-License-Identifier: MIT
#include "mapreel/core/date.hpp"

#include <gtest/gtest.h>

using namespace mapreel;

TEST(Date, RejectsMalformedText) {
    for (const char* bad : {"", "1950-6", "1950-13", "1950-02-30", "1950-06-25x", "abc", "0 BCE",
                            "-44 BCE", "1950--06", "1234567"})
        EXPECT_FALSE(parseDate(bad).has_value()) << bad;
    EXPECT_NE(dateParseProblem("1950-13"), "");
}

TEST(Date, ParsesEachPrecision) {
    EXPECT_EQ(parseDate("1950"), (Date{1950, 1, 1, DatePrecision::Year}));
    EXPECT_EQ(parseDate("1950-06"), (Date{1950, 6, 1, DatePrecision::Month}));
    EXPECT_EQ(parseDate("1950-06-25"), (Date{1950, 6, 25, DatePrecision::Day}));
    EXPECT_EQ(parseDate("1952-02-29")->day, 29);
}

TEST(Date, ParsesYearsBeforeTheCommonEra) {
    EXPECT_EQ(parseDate("44 BCE")->year, -43);
    EXPECT_EQ(parseDate("-0043-03-15")->year, -43);
}

TEST(Date, RoundTripsThroughHistTime) {
    const Date d{1950, 6, 25, DatePrecision::Day};
    EXPECT_DOUBLE_EQ(toHistTime(Date{1970, 1, 1, DatePrecision::Day}), 0.0);
    EXPECT_EQ(fromHistTime(toHistTime(d)), d);
    EXPECT_DOUBLE_EQ(toHistTime(Date{1953, 7, 27}) - toHistTime(Date{1950, 6, 25}), 1128.0);
}

// Month names and date forms come from locale data (adapters/icu, tested in
// tests/integration/locale.test.cpp); the pure core without it writes ISO dates.
TEST(Date, WithoutLocaleDataFormatsIso) {
    setDateFormatter(nullptr);
    const Date d{1950, 9, 15, DatePrecision::Day};
    EXPECT_EQ(formatDate(d, DatePrecision::Day), "1950-09-15");
    EXPECT_EQ(formatDate(d, DatePrecision::Month, "fr"), "1950-09");
    EXPECT_EQ(formatDate(d, DatePrecision::Year), "1950");
    EXPECT_EQ(formatDateRange(d, Date{1950, 9, 28}, DatePrecision::Day), "1950-09-15/1950-09-28");
    EXPECT_EQ(formatDateRange(d, Date{1950, 9, 28}, DatePrecision::Month), "1950-09");
    EXPECT_EQ(isoDate(d), "1950-09-15");
}

TEST(Date, UsesTheInstalledFormatter) {
    struct Upper final : DateFormatter {
        std::string format(const Date& d, DatePrecision, std::string_view lang) const override {
            return std::string(lang) + ":" + std::to_string(d.year);
        }
        std::string formatRange(const Date& a, const Date& b, DatePrecision,
                                std::string_view lang) const override {
            return std::string(lang) + ":" + std::to_string(a.year) + "-" + std::to_string(b.year);
        }
    };
    setDateFormatter(std::make_shared<Upper>());
    EXPECT_EQ(formatDate(Date{1950, 6, 25}, DatePrecision::Day, "ko"), "ko:1950");
    EXPECT_EQ(formatDateRange(Date{1950}, Date{1953}, DatePrecision::Year, "de"), "de:1950-1953");
    setDateFormatter(nullptr);
}
