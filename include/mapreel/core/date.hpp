// SPDX-License-Identifier: MIT
#pragma once

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

/// `25 June 1950`, `June 1950`, `1950`, `44 BCE` in English; other languages fall back to it.
[[nodiscard]] std::string formatDate(const Date& d, DatePrecision precision,
                                     std::string_view lang = "en");

/// ISO form `1950-06-25`, `1950-06`, `1950`.
[[nodiscard]] std::string isoDate(const Date& d);

} // namespace mapreel
