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
        std::string formatDay(const Date& d, Calendar c, bool withYear,
                              std::string_view lang) const override {
            const Date shown = c == Calendar::Julian ? julianDate(d) : d;
            std::string out(lang);
            out.append(":").append(std::to_string(shown.day)).append("/");
            out.append(std::to_string(shown.month));
            if (withYear)
                out.append("/").append(std::to_string(shown.year));
            return out;
        }
    };
    setDateFormatter(std::make_shared<Upper>());
    EXPECT_EQ(formatDate(Date{1950, 6, 25}, DatePrecision::Day, "ko"), "ko:1950");
    EXPECT_EQ(formatDateRange(Date{1950}, Date{1953}, DatePrecision::Year, "de"), "de:1950-1953");
    // The second calendar in parentheses, without the year when both calendars agree on it.
    const std::vector<Calendar> both{Calendar::Gregorian, Calendar::Julian};
    const auto borodino = calendarText(Date{1812, 9, 7}, DatePrecision::Day, both, "ru");
    EXPECT_EQ(borodino.main, "ru:1812");
    EXPECT_EQ(borodino.second, "(ru:26/8 ст. ст.)");
    const auto newYear = calendarText(Date{1813, 1, 5}, DatePrecision::Day, both, "en");
    EXPECT_EQ(newYear.second, "(en:24/12/1812 O.S.)");
    setDateFormatter(nullptr);
}

// The Julian calendar (Old Style) computed from the day, on dates the sources give in both.
TEST(Date, JulianCalendarOfKnownDays) {
    const auto julian = [](int y, int m, int d) { return julianDate(Date{y, m, d}); };
    EXPECT_EQ(julian(1812, 9, 7), (Date{1812, 8, 26}));   // Borodino
    EXPECT_EQ(julian(1918, 2, 14), (Date{1918, 2, 1}));   // Russia changes calendar
    EXPECT_EQ(julian(1917, 11, 7), (Date{1917, 10, 25})); // the October Revolution
    EXPECT_EQ(julian(1582, 10, 15), (Date{1582, 10, 5})); // the Gregorian reform
    EXPECT_EQ(julian(1900, 3, 13), (Date{1900, 2, 29}));  // a Julian leap day only
    EXPECT_EQ(julian(1900, 3, 14), (Date{1900, 3, 1}));
    EXPECT_EQ(julian(200, 3, 1), (Date{200, 3, 1}));   // the calendars agree in 200-300
    EXPECT_EQ(julian(-43, 3, 13), (Date{-43, 3, 15})); // the Ides of March, 44 BCE
    EXPECT_EQ(julian(-5000, 6, 1).year, -5000);        // before 4713 BCE too
    // Round trip on every day of four centuries and across 4713 BCE.
    for (const Date start : {Date{1700, 1, 1}, Date{-4800, 1, 1}}) {
        const HistTime t0 = toHistTime(start);
        for (int i = 0; i < 146097; i += 7) {
            const Date g = fromHistTime(t0 + i);
            const Date j = julianDate(g);
            ASSERT_EQ(fromJulian(j), g) << isoDate(g);
            ASSERT_GE(j.day, 1);
            ASSERT_LE(j.day, j.month == 2 && j.year % 4 == 0 ? 29 : daysInMonth(j.year, j.month));
        }
    }
}

TEST(Date, CalendarTextWithoutLocaleData) {
    setDateFormatter(nullptr);
    const std::vector<Calendar> both{Calendar::Gregorian, Calendar::Julian};
    const auto t = calendarText(Date{1918, 2, 14}, DatePrecision::Day, both);
    EXPECT_EQ(t.main, "1918-02-14");
    EXPECT_EQ(t.second, "(1918-02-01 O.S.)");
    // Julian first: the Gregorian day beside it, marked New Style.
    const auto ns =
        calendarText(Date{1812, 9, 7}, DatePrecision::Day, {Calendar::Julian, Calendar::Gregorian});
    EXPECT_EQ(ns.main, "1812-08-26");
    EXPECT_EQ(ns.second, "(1812-09-07 N.S.)");
    // A month or a year has no second date; one calendar has none either.
    EXPECT_EQ(calendarText(Date{1812, 9, 7}, DatePrecision::Month, both).second, "");
    EXPECT_EQ(calendarText(Date{1812, 9, 7}, DatePrecision::Day, {Calendar::Gregorian}).second, "");
    EXPECT_EQ(calendarMark(Calendar::Julian, "ru"), "ст. ст.");
    EXPECT_EQ(calendarMark(Calendar::Julian, "ko"), "O.S.");
}
