// SPDX-License-Identifier: MIT
// Prints the video's date strings, for the comparison with the web player's
// (dates.test.mjs). Reads lines `LANG<TAB>FROM<TAB>TO<TAB>day|month|year` and writes one
// line per input: the date (FROM == TO) or the range, as the CLI formats it with ICU.
#include "icu/icu_dates.hpp"

#include "mapreel/core/date.hpp"

#include <iostream>
#include <sstream>
#include <string>

using namespace mapreel;

int main() {
    setDateFormatter(adapters::makeIcuDateFormatter());
    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream in(line);
        std::string lang, from, to, precision;
        std::getline(in, lang, '\t');
        std::getline(in, from, '\t');
        std::getline(in, to, '\t');
        std::getline(in, precision, '\t');
        const auto a = parseDate(from);
        const auto b = parseDate(to);
        if (!a || !b) {
            std::cerr << "not a date: " << line << '\n';
            return 2;
        }
        const DatePrecision p = precision == "year"    ? DatePrecision::Year
                                : precision == "month" ? DatePrecision::Month
                                                       : DatePrecision::Day;
        std::cout << (from == to ? formatDate(*a, p, lang) : formatDateRange(*a, *b, p, lang))
                  << '\n';
    }
    return 0;
}
