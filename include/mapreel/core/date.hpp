// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

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

/// ISO form `1950-06-25`, `1950-06`, `1950`.
[[nodiscard]] std::string isoDate(const Date& d);

} // namespace mapreel
