// SPDX-License-Identifier: MIT
#include "mapreel/core/date.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <string>

namespace mapreel {

namespace {

bool isLeap(long y) noexcept {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// Days from civil, after Howard Hinnant's public-domain algorithm.
long daysFromCivil(long y, unsigned m, unsigned d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? static_cast<unsigned>(-3) : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

struct Civil {
    long year = 0;
    unsigned month = 1;
    unsigned day = 1;
};

Civil civilFromDays(long z) noexcept {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    Civil c;
    c.day = doy - (153 * mp + 2) / 5 + 1;
    c.month = mp < 10 ? mp + 3 : mp - 9;
    c.year = static_cast<long>(yoe) + era * 400 + (c.month <= 2 ? 1 : 0);
    return c;
}

// printf's "%0Nd": zero-padded to `width` characters, the sign included.
std::string zeroPadded(int value, std::size_t width) {
    std::string digits = std::to_string(std::abs(static_cast<long>(value)));
    const std::size_t room = value < 0 ? width - 1 : width;
    if (digits.size() < room)
        digits.insert(0, room - digits.size(), '0');
    return value < 0 ? "-" + digits : digits;
}

bool parseInt(std::string_view s, int& out) {
    if (s.empty())
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size();
}

std::mutex& formatterMutex() {
    static std::mutex mutex;
    return mutex;
}

std::shared_ptr<const DateFormatter>& formatterSlot() {
    static std::shared_ptr<const DateFormatter> formatter;
    return formatter;
}

struct Parsed {
    std::optional<Date> date;
    std::string problem;
};

Parsed parse(std::string_view text) {
    std::string_view s = text;
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    if (s.empty())
        return {std::nullopt, "the date is empty"};
    bool bce = false;
    if (s.size() > 4 && s.substr(s.size() - 4) == " BCE") {
        bce = true;
        s.remove_suffix(4);
    } else if (s.size() > 3 && s.substr(s.size() - 3) == " BC") {
        bce = true;
        s.remove_suffix(3);
    }
    bool negative = false;
    if (!s.empty() && s.front() == '-') {
        negative = true;
        s.remove_prefix(1);
    }
    if (bce && negative)
        return {std::nullopt, "use either a leading '-' or ' BCE', not both"};

    Date d;
    auto dash1 = s.find('-');
    std::string_view ys = s.substr(0, dash1);
    if (ys.size() > 6 || !parseInt(ys, d.year))
        return {std::nullopt, "the year must be digits (YYYY, YYYY-MM or YYYY-MM-DD)"};
    if (bce) {
        if (d.year == 0)
            return {std::nullopt, "there is no year 0 BCE"};
        d.year = 1 - d.year;
    } else if (negative) {
        d.year = -d.year;
    }
    d.precision = DatePrecision::Year;
    if (dash1 == std::string_view::npos)
        return {d, {}};

    std::string_view rest = s.substr(dash1 + 1);
    auto dash2 = rest.find('-');
    std::string_view ms = rest.substr(0, dash2);
    if (ms.size() != 2 || !parseInt(ms, d.month) || d.month < 1 || d.month > 12)
        return {std::nullopt, "the month must be two digits from 01 to 12"};
    d.precision = DatePrecision::Month;
    if (dash2 == std::string_view::npos)
        return {d, {}};

    std::string_view dstr = rest.substr(dash2 + 1);
    if (dstr.size() != 2 || !parseInt(dstr, d.day) || d.day < 1 ||
        d.day > daysInMonth(d.year, d.month))
        return {std::nullopt, "the day must be two digits and exist in that month"};
    d.precision = DatePrecision::Day;
    return {d, {}};
}

} // namespace

std::optional<Date> parseDate(std::string_view text) {
    return parse(text).date;
}

std::string dateParseProblem(std::string_view text) {
    return parse(text).problem;
}

int daysInMonth(int year, int month) noexcept {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && isLeap(year))
        return 29;
    return kDays[static_cast<std::size_t>(month - 1)];
}

namespace {

/// Division rounding towards minus infinity: the Julian day arithmetic below runs on
/// negative numbers before 4713 BCE.
long floorDiv(long a, long b) noexcept {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

/// Julian Day Number of 1970-01-01, the historical clock's day 0.
constexpr long kJdnOfEpoch = 2440588;

} // namespace

Date julianDate(const Date& gregorian) noexcept {
    // Julian day number to Julian calendar (Fliegel and Van Flandern's scheme, years
    // counted from 4800 BCE so that every term is whole; floorDiv keeps it exact before).
    const long jdn = static_cast<long>(std::floor(toHistTime(gregorian))) + kJdnOfEpoch;
    const long c = jdn + 32082;
    const long d = floorDiv(4 * c + 3, 1461);
    const long e = c - floorDiv(1461 * d, 4);
    const long m = floorDiv(5 * e + 2, 153);
    Date out;
    out.day = static_cast<int>(e - floorDiv(153 * m + 2, 5) + 1);
    out.month = static_cast<int>(m + 3 - 12 * floorDiv(m, 10));
    out.year = static_cast<int>(d - 4800 + floorDiv(m, 10));
    out.precision = DatePrecision::Day;
    return out;
}

Date fromJulian(const Date& julian) noexcept {
    const long a = floorDiv(14 - julian.month, 12);
    const long y = julian.year + 4800 - a;
    const long m = julian.month + 12 * a - 3;
    const long jdn = julian.day + floorDiv(153 * m + 2, 5) + 365 * y + floorDiv(y, 4) - 32083;
    return fromHistTime(static_cast<HistTime>(jdn - kJdnOfEpoch), DatePrecision::Day);
}

HistTime toHistTime(const Date& d) noexcept {
    return static_cast<HistTime>(
        daysFromCivil(d.year, static_cast<unsigned>(d.month), static_cast<unsigned>(d.day)));
}

Date fromHistTime(HistTime t, DatePrecision precision) noexcept {
    const Civil c = civilFromDays(static_cast<long>(std::floor(t)));
    Date out{static_cast<int>(c.year), static_cast<int>(c.month), static_cast<int>(c.day),
             precision};
    if (precision != DatePrecision::Day)
        out.day = 1;
    if (precision == DatePrecision::Year)
        out.month = 1;
    return out;
}

namespace {

std::shared_ptr<const DateFormatter> installedFormatter() {
    const std::scoped_lock lock(formatterMutex());
    return formatterSlot();
}

/// ISO form cut to `precision`: what a date reads without locale data.
std::string isoAt(Date d, DatePrecision precision) {
    d.precision = precision;
    return isoDate(d);
}

} // namespace

void setDateFormatter(std::shared_ptr<const DateFormatter> formatter) {
    const std::scoped_lock lock(formatterMutex());
    formatterSlot() = std::move(formatter);
}

std::string formatDate(const Date& d, DatePrecision precision, std::string_view lang) {
    const auto formatter = installedFormatter();
    return formatter ? formatter->format(d, precision, lang) : isoAt(d, precision);
}

std::string formatDateRange(const Date& from, const Date& to, DatePrecision precision,
                            std::string_view lang) {
    if (const auto formatter = installedFormatter())
        return formatter->formatRange(from, to, precision, lang);
    const std::string a = isoAt(from, precision);
    const std::string b = isoAt(to, precision);
    return a == b ? a : a + "/" + b;
}

std::string formatDay(const Date& d, Calendar calendar, bool withYear, std::string_view lang) {
    if (const auto formatter = installedFormatter())
        return formatter->formatDay(d, calendar, withYear, lang);
    return isoAt(calendar == Calendar::Julian ? julianDate(d) : d, DatePrecision::Day);
}

std::string calendarMark(Calendar calendar, std::string_view lang) {
    const bool julian = calendar == Calendar::Julian;
    const std::string_view base = lang.substr(0, lang.find('-'));
    if (base == "ru")
        return julian ? "ст. ст." : "н. ст.";
    if (base == "fr")
        return julian ? "a. s." : "n. s.";
    if (base == "de")
        return julian ? "a. St." : "n. St.";
    return julian ? "O.S." : "N.S.";
}

CalendarText calendarText(const Date& d, DatePrecision precision,
                          const std::vector<Calendar>& calendars, std::string_view lang) {
    CalendarText out;
    const Calendar first = calendars.empty() ? Calendar::Gregorian : calendars.front();
    if (first == Calendar::Gregorian)
        out.main = formatDate(d, precision, lang);
    else if (precision == DatePrecision::Day)
        out.main = formatDay(d, first, true, lang);
    else { // a month or a year: the Julian one that holds the day
        Date j = julianDate(d);
        j.day = 1; // 29 February 1900 (Julian) is no Gregorian day
        out.main = formatDate(j, precision, lang);
    }
    if (calendars.size() < 2 || precision != DatePrecision::Day)
        return out;
    const Calendar second = calendars[1];
    const auto yearIn = [&](Calendar c) {
        return c == Calendar::Julian ? julianDate(d).year : d.year;
    };
    const bool withYear = yearIn(first) != yearIn(second);
    // Appended piece by piece: GCC 12 warns (wrongly) about "(" + std::string.
    out.second.append(1, '(');
    out.second.append(formatDay(d, second, withYear, lang));
    out.second.append(1, ' ');
    out.second.append(calendarMark(second, lang));
    out.second.append(1, ')');
    return out;
}

std::string isoDate(const Date& d) {
    std::string out = zeroPadded(d.year, 4);
    if (d.precision == DatePrecision::Year)
        return out;
    out += '-';
    out += zeroPadded(d.month, 2);
    if (d.precision == DatePrecision::Month)
        return out;
    out += '-';
    out += zeroPadded(d.day, 2);
    return out;
}

} // namespace mapreel
