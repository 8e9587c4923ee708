// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mapreel {

/// How much of a date is known or shown.
enum class DatePrecision { Year, Month, Day };

/// A date on the historical clock: proleptic Gregorian, astronomical year numbering
/// (1 BCE is year 0, 44 BCE is year -43).
struct Date {
    int year = 1970;
    int month = 1; ///< 1..12 (1 when precision is Year)
    int day = 1;   ///< 1..31 (1 when precision is Month or Year)
    DatePrecision precision = DatePrecision::Day;
    bool operator==(const Date&) const = default;
};

/// A calendar a day can be written in. Story dates are always proleptic Gregorian; the
/// Julian calendar (Old Style) is computed from them.
enum class Calendar { Gregorian, Julian };

/// A point on the historical clock in days since 1970-01-01 (fractions are parts of a day).
using HistTime = double;

/// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, a leading `-` for astronomical years before 1,
/// or a trailing ` BCE` (`44 BCE`, `0044-03-15 BCE`). Returns nullopt with no side effect.
[[nodiscard]] std::optional<Date> parseDate(std::string_view text);

/// Why `text` is not a date, for diagnostics.
[[nodiscard]] std::string dateParseProblem(std::string_view text);

[[nodiscard]] HistTime toHistTime(const Date& d) noexcept;

/// The calendar date containing `t`, with the given precision.
[[nodiscard]] Date fromHistTime(HistTime t, DatePrecision precision = DatePrecision::Day) noexcept;

[[nodiscard]] int daysInMonth(int year, int month) noexcept;

/// The day `gregorian` (proleptic Gregorian, at day precision) in the proleptic Julian
/// calendar: 1812-09-07 is 1812-08-26 Julian. Its fields may name a day the Gregorian
/// calendar lacks (1900-02-29 Julian).
[[nodiscard]] Date julianDate(const Date& gregorian) noexcept;

/// The proleptic Gregorian day of the Julian calendar date `julian`.
[[nodiscard]] Date fromJulian(const Date& julian) noexcept;

/// How dates read in a language: locale data (month names, word order, eras, digits). The
/// core only declares it; adapters/icu implements it with ICU, the data browsers use.
class DateFormatter {
public:
    virtual ~DateFormatter() = default;
    /// `d` shown to `precision` in `lang` (a BCP 47 / ISO 639 code: `en`, `fr`, `pt-br`):
    /// `25 June 1950`, `juin 1950`, `1950년`, `44 BC`. Safe to call from several threads.
    [[nodiscard]] virtual std::string format(const Date& d, DatePrecision precision,
                                             std::string_view lang) const = 0;
    /// The dates from `from` to `to` as one range (`15–28 September 1950`); one date when
    /// they read the same. Safe to call from several threads.
    [[nodiscard]] virtual std::string formatRange(const Date& from, const Date& to,
                                                  DatePrecision precision,
                                                  std::string_view lang) const = 0;
    /// The day `d` (proleptic Gregorian) as calendar `calendar` writes it in `lang`, with
    /// its year or without: `26 August 1812`, `26 August`, `26 августа`. Safe to call from
    /// several threads.
    [[nodiscard]] virtual std::string formatDay(const Date& d, Calendar calendar, bool withYear,
                                                std::string_view lang) const = 0;
};

/// Installs the formatter formatDate() and formatDateRange() use in this process (the CLI
/// installs ICU's at start-up, before any thread formats). Without one (nullptr, or the pure
/// core in unit tests) dates are written in ISO form.
void setDateFormatter(std::shared_ptr<const DateFormatter> formatter);

/// `d` shown to `precision` for readers of `lang`, by the installed DateFormatter:
/// `25 June 1950`, `June 1950`, `1950`, `44 BC` in English (the form of the web player).
[[nodiscard]] std::string formatDate(const Date& d, DatePrecision precision,
                                     std::string_view lang = "en");

/// A range of dates for readers of `lang`, by the installed DateFormatter.
[[nodiscard]] std::string formatDateRange(const Date& from, const Date& to, DatePrecision precision,
                                          std::string_view lang = "en");

/// The day `d` (proleptic Gregorian) in `calendar` for readers of `lang`, by the installed
/// DateFormatter (without one: the ISO form of that calendar's date, year included).
[[nodiscard]] std::string formatDay(const Date& d, Calendar calendar, bool withYear,
                                    std::string_view lang = "en");

/// How a date in parentheses says which calendar it is in, in `lang`: `O.S.` (Julian) and
/// `N.S.` (Gregorian) in English, `ст. ст.` and `н. ст.` in Russian; English for languages
/// without their own.
[[nodiscard]] std::string calendarMark(Calendar calendar, std::string_view lang);

/// The text of the date panel for `d` in `calendars` (the first as the date, the second
/// beside it, in parentheses, at day precision only), for readers of `lang`:
/// {`7 September 1812`, `(26 August O.S.)`}; the second is empty with one calendar.
struct CalendarText {
    std::string main;
    std::string second;
};
[[nodiscard]] CalendarText calendarText(const Date& d, DatePrecision precision,
                                        const std::vector<Calendar>& calendars,
                                        std::string_view lang = "en");

/// ISO form `1950-06-25`, `1950-06`, `1950`.
[[nodiscard]] std::string isoDate(const Date& d);

} // namespace mapreel
