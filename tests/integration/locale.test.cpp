// SPDX-License-Identifier: MIT
// Dates in every language from ICU's locale data, as the CLI formats them.
#include "icu/icu_dates.hpp"
#include "icu/icu_names.hpp"

#include "mapreel/core/date.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace mapreel;

namespace {

/// Every test of this binary (the golden images among them) formats dates with ICU, as the
/// CLI does.
class IcuDates final : public ::testing::Environment {
public:
    void SetUp() override { setDateFormatter(adapters::makeIcuDateFormatter()); }
};
[[maybe_unused]] const auto* const kIcuDates =
    ::testing::AddGlobalTestEnvironment(new IcuDates); // NOLINT(cppcoreguidelines-owning-memory)

const Date kInchon{1950, 9, 15, DatePrecision::Day};

} // namespace

TEST(Locale, UnknownLanguageWarnsOnceAndReadsEnglish) {
    std::vector<std::string> said;
    adapters::setLocaleWarningHandler([&](const std::string& m) { said.push_back(m); });
    EXPECT_EQ(formatDate(kInchon, DatePrecision::Day, "xx"), "15 September 1950");
    EXPECT_EQ(formatDate(kInchon, DatePrecision::Month, "xx"), "September 1950");
    adapters::setLocaleWarningHandler(nullptr);
    ASSERT_EQ(said.size(), 1U);
    EXPECT_NE(said[0].find("'xx'"), std::string::npos) << said[0];
    EXPECT_FALSE(adapters::icuKnowsLanguage("xx"));
    EXPECT_FALSE(adapters::icuKnowsLanguage("not a code"));
    EXPECT_TRUE(adapters::icuKnowsLanguage("ko"));
    EXPECT_TRUE(adapters::icuKnowsLanguage("pt-br"));
}

TEST(Locale, EnglishAndFrenchKeepTheirForms) {
    EXPECT_EQ(formatDate(kInchon, DatePrecision::Day), "15 September 1950");
    EXPECT_EQ(formatDate(kInchon, DatePrecision::Month), "September 1950");
    EXPECT_EQ(formatDate(kInchon, DatePrecision::Year), "1950");
    EXPECT_EQ(formatDate(kInchon, DatePrecision::Day, "fr"), "15 septembre 1950");
    EXPECT_EQ(formatDate(kInchon, DatePrecision::Month, "fr"), "septembre 1950");
}

TEST(Locale, AnyLanguageIcuKnows) {
    const Date d{1950, 6, 25, DatePrecision::Day};
    EXPECT_EQ(formatDate(d, DatePrecision::Day, "de"), "25. Juni 1950");
    EXPECT_EQ(formatDate(d, DatePrecision::Day, "es"), "25 de junio de 1950");
    EXPECT_EQ(formatDate(d, DatePrecision::Month, "ru"), "июнь 1950 г.");
    EXPECT_EQ(formatDate(d, DatePrecision::Day, "ko"), "1950년 6월 25일");
    EXPECT_EQ(formatDate(d, DatePrecision::Month, "ko"), "1950년 6월");
    EXPECT_EQ(formatDate(d, DatePrecision::Day, "zh"), "1950年6月25日");
    EXPECT_EQ(formatDate(d, DatePrecision::Month, "pt-br"), "junho de 1950");
}

TEST(Locale, ProlepticGregorianWithEras) {
    // No switch to the Julian calendar in 1582: 15 March 1200 is the day the clock says.
    EXPECT_EQ(formatDate(Date{1200, 3, 15}, DatePrecision::Day), "15 March 1200");
    EXPECT_EQ(formatDate(*parseDate("44 BCE"), DatePrecision::Year), "44 BC");
    EXPECT_EQ(formatDate(*parseDate("0490-09-12 BCE"), DatePrecision::Day), "12 September 490 BC");
    EXPECT_EQ(formatDate(*parseDate("44 BCE"), DatePrecision::Year, "fr"), "44 av. J.-C.");
}

TEST(Locale, RangesReadAsOne) {
    EXPECT_EQ(formatDateRange(kInchon, Date{1950, 9, 28}, DatePrecision::Day), "15\xE2\x80\x93"
                                                                               "28 September 1950");
    EXPECT_EQ(formatDateRange(Date{1950, 6, 25}, Date{1950, 8, 1}, DatePrecision::Day),
              "25 June \xE2\x80\x93 1 August 1950");
    EXPECT_EQ(formatDateRange(kInchon, Date{1950, 9, 28}, DatePrecision::Month), "September 1950");
}

// The second calendar of the date panel: the Julian day (Old Style) in the story's language.
TEST(Locale, JulianDaysBesideGregorianOnes) {
    const std::vector<Calendar> both{Calendar::Gregorian, Calendar::Julian};
    const Date borodino{1812, 9, 7, DatePrecision::Day};
    const auto en = calendarText(borodino, DatePrecision::Day, both, "en");
    EXPECT_EQ(en.main, "7 September 1812");
    EXPECT_EQ(en.second, "(26 August O.S.)");
    const auto ru = calendarText(borodino, DatePrecision::Day, both, "ru");
    EXPECT_EQ(ru.main, "7 сентября 1812 г.");
    EXPECT_EQ(ru.second, "(26 августа ст. ст.)");
    // Across a new year the Julian date keeps its own year.
    EXPECT_EQ(calendarText(Date{1813, 1, 5}, DatePrecision::Day, both, "en").second,
              "(24 December 1812 O.S.)");
    // The day Russia changed calendars, and a leap day only the Julian calendar has.
    EXPECT_EQ(formatDay(Date{1918, 2, 14}, Calendar::Julian, true, "en"), "1 February 1918");
    EXPECT_EQ(formatDay(Date{1900, 3, 13}, Calendar::Julian, true, "en"), "29 February 1900");
    EXPECT_EQ(formatDay(Date{1812, 9, 7}, Calendar::Gregorian, false, "fr"), "7 septembre");
    // Julian first: the Gregorian (New Style) day beside it.
    const auto ns =
        calendarText(borodino, DatePrecision::Day, {Calendar::Julian, Calendar::Gregorian}, "en");
    EXPECT_EQ(ns.main, "26 August 1812");
    EXPECT_EQ(ns.second, "(7 September N.S.)");
}

// Language names come from ICU's display names, each in itself: any language ICU knows.
TEST(Locale, LanguageNamesInThemselvesFromIcu) {
    const auto names = adapters::makeIcuLanguageNames();
    EXPECT_EQ(names->endonym("fr"), "Français");
    EXPECT_EQ(names->endonym("de"), "Deutsch");
    EXPECT_EQ(names->endonym("en"), "English");
    EXPECT_EQ(names->endonym("ko"), "한국어");
    EXPECT_EQ(names->endonym("zh"), "中文");
    EXPECT_EQ(names->endonym("ru"), "Русский");
    EXPECT_EQ(names->endonym("ar"), "العربية");
    // Languages the old hand-written table lacked, and a region subtag.
    EXPECT_EQ(names->endonym("ka"), "ქართული");
    EXPECT_EQ(names->endonym("sw"), "Kiswahili");
    EXPECT_EQ(names->endonym("pt-br"), "Português (Brasil)");
    EXPECT_EQ(names->endonym("xx"), "");
    setLanguageNames(names);
    EXPECT_EQ(languageName("xx"), "xx");
    EXPECT_EQ(languageName("ko"), "한국어");
    setLanguageNames(nullptr);
}
