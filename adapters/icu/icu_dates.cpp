// SPDX-License-Identifier: MIT
#include "icu/icu_dates.hpp"

#include <unicode/calendar.h>
#include <unicode/dtitvfmt.h>
#include <unicode/dtptngen.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>

namespace mapreel::adapters {

namespace {

constexpr double kMsPerDay = 86400000.0;
/// Far before any date a story can name (ICU's own lower bound is about -5.8 million years):
/// from then on the calendar is Gregorian, as in browsers, never Julian.
constexpr double kGregorianSince = -1.8e17;

struct Warnings {
    std::mutex mutex;
    std::set<std::string> given;
    std::function<void(const std::string&)> handler = [](const std::string& message) {
        std::cerr << "mapreel: warning: " << message << '\n';
    };
};

Warnings& warnings() {
    static Warnings w;
    return w;
}

void warnOnce(const std::string& message) {
    auto& w = warnings();
    const std::scoped_lock lock(w.mutex);
    if (w.given.insert(message).second && w.handler)
        w.handler(message);
}

/// UTF-8 with plain spaces: CLDR versions differ in the spaces they put (thin, narrow
/// no-break), and the player, whose browser may carry another version, writes plain ones too.
std::string utf8(icu::UnicodeString s) {
    for (const char16_t space : {u'\u00A0', u'\u2009', u'\u202F'})
        s.findAndReplace(icu::UnicodeString(space), icu::UnicodeString(u' '));
    std::string out;
    s.toUTF8String(out);
    return out;
}

/// The languages ICU has data for (`en`, `ko`, `zh`, ...).
const std::set<std::string>& availableLanguages() {
    static const std::set<std::string> languages = [] {
        std::set<std::string> out;
        int32_t count = 0;
        const icu::Locale* all = icu::Locale::getAvailableLocales(count);
        for (int32_t i = 0; i < count; ++i)
            out.insert(all[i].getLanguage());
        return out;
    }();
    return languages;
}

/// The ICU locale for a story's language code, or nullopt-like bogus when ICU lacks it.
icu::Locale parseLocale(std::string_view lang) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale locale = icu::Locale::forLanguageTag(
        icu::StringPiece(lang.data(), static_cast<int32_t>(lang.size())), status);
    if (U_FAILURE(status) || locale.isBogus() || *locale.getLanguage() == '\0' ||
        availableLanguages().count(locale.getLanguage()) == 0)
        locale.setToBogus();
    return locale;
}

/// The locale dates are formatted in: English reads the British way (`25 June 1950`, the
/// player's `en-GB`); unknown languages read English, after one warning.
icu::Locale localeFor(std::string_view lang) {
    if (lang.empty() || lang == "en")
        return icu::Locale("en", "GB");
    icu::Locale locale = parseLocale(lang);
    if (locale.isBogus()) {
        warnOnce("language '" + std::string(lang) +
                 "' is not known to the locale data (ICU); dates are written in English");
        return icu::Locale("en", "GB");
    }
    return locale;
}

/// CLDR skeletons: the fields Intl.DateTimeFormat is asked for by the player (dates.js), the
/// era when a year is before 1.
icu::UnicodeString skeleton(DatePrecision precision, bool era) {
    icu::UnicodeString s(era ? "G" : "");
    switch (precision) {
    case DatePrecision::Year:
        s += "y";
        break;
    case DatePrecision::Month:
        s += "yMMMM";
        break;
    case DatePrecision::Day:
        s += "yMMMMd";
        break;
    }
    return s;
}

/// The proleptic Gregorian calendar, or (`julian`) the Julian one: a Gregorian calendar whose
/// change from the Julian lies after any date a story can name.
std::unique_ptr<icu::Calendar> prolepticCalendar(const icu::Locale& locale, bool julian = false) {
    UErrorCode status = U_ZERO_ERROR;
    auto cal =
        std::make_unique<icu::GregorianCalendar>(icu::TimeZone::getGMT()->clone(), locale, status);
    cal->setGregorianChange(julian ? -kGregorianSince : kGregorianSince, status);
    if (U_FAILURE(status))
        return nullptr;
    return cal;
}

UDate instant(const Date& d) {
    return toHistTime(d) * kMsPerDay;
}

class IcuDateFormatter final : public DateFormatter {
public:
    std::string format(const Date& d, DatePrecision precision,
                       std::string_view lang) const override {
        const icu::Locale locale = localeFor(lang);
        const std::scoped_lock lock(mutex_);
        icu::SimpleDateFormat* f = formatter(locale, precision, d.year < 1);
        if (f == nullptr)
            return isoFallback(d, precision);
        icu::UnicodeString out;
        f->format(instant(d), out);
        return utf8(out);
    }

    std::string formatRange(const Date& from, const Date& to, DatePrecision precision,
                            std::string_view lang) const override {
        const std::string a = format(from, precision, lang);
        const std::string b = format(to, precision, lang);
        if (a == b)
            return a;
        const icu::Locale locale = localeFor(lang);
        const bool era = from.year < 1 || to.year < 1;
        const std::scoped_lock lock(mutex_);
        icu::DateIntervalFormat* f = interval(locale, precision, era);
        auto c0 = prolepticCalendar(locale);
        auto c1 = prolepticCalendar(locale);
        if (f == nullptr || !c0 || !c1)
            return a + " \xE2\x80\x93 " + b;
        UErrorCode status = U_ZERO_ERROR;
        c0->setTime(instant(from), status);
        c1->setTime(instant(to), status);
        icu::UnicodeString out;
        icu::FieldPosition pos;
        f->format(*c0, *c1, out, pos, status);
        return U_SUCCESS(status) ? utf8(out) : a + " \xE2\x80\x93 " + b;
    }

    std::string formatDay(const Date& d, Calendar calendar, bool withYear,
                          std::string_view lang) const override {
        const icu::Locale locale = localeFor(lang);
        const std::scoped_lock lock(mutex_);
        icu::SimpleDateFormat* f = dayFormatter(locale, calendar, withYear, d.year < 1);
        if (f == nullptr)
            return isoFallback(calendar == Calendar::Julian ? julianDate(d) : d,
                               DatePrecision::Day);
        icu::UnicodeString out;
        f->format(instant(d), out);
        return utf8(out);
    }

private:
    /// A formatter of days (`yMMMMd`, or `MMMMd` without the year) whose calendar is the
    /// proleptic Gregorian one, or the Julian one (a Gregorian calendar that never changes).
    icu::SimpleDateFormat* dayFormatter(const icu::Locale& locale, Calendar calendar, bool withYear,
                                        bool era) const {
        const std::string k = std::string(locale.getName()) + "|day|" +
                              (calendar == Calendar::Julian ? "J" : "G") + (withYear ? "y" : "") +
                              (era ? "G" : "");
        return cachedFormat(
            k, locale, withYear ? skeleton(DatePrecision::Day, era) : icu::UnicodeString("MMMMd"),
            calendar == Calendar::Julian);
    }

    /// The formatter kept under `k`, made on first use from the locale's best pattern for
    /// `sk`, on the proleptic Gregorian calendar or (`julian`) the Julian one.
    icu::SimpleDateFormat* cachedFormat(const std::string& k, const icu::Locale& locale,
                                        const icu::UnicodeString& sk, bool julian) const {
        auto [it, fresh] = formats_.try_emplace(k);
        if (!fresh)
            return it->second.get();
        UErrorCode status = U_ZERO_ERROR;
        const std::unique_ptr<icu::DateTimePatternGenerator> generator(
            icu::DateTimePatternGenerator::createInstance(locale, status));
        if (U_FAILURE(status))
            return nullptr;
        const icu::UnicodeString pattern = generator->getBestPattern(sk, status);
        auto f = std::make_unique<icu::SimpleDateFormat>(pattern, locale, status);
        auto cal = prolepticCalendar(locale, julian);
        if (U_FAILURE(status) || !cal)
            return nullptr;
        f->adoptCalendar(cal.release());
        it->second = std::move(f);
        return it->second.get();
    }

    static std::string isoFallback(Date d, DatePrecision precision) {
        d.precision = precision;
        return isoDate(d);
    }

    static std::string key(const icu::Locale& locale, DatePrecision precision, bool era) {
        return std::string(locale.getName()) + '|' + std::to_string(static_cast<int>(precision)) +
               (era ? "G" : "");
    }

    icu::SimpleDateFormat* formatter(const icu::Locale& locale, DatePrecision precision,
                                     bool era) const {
        return cachedFormat(key(locale, precision, era), locale, skeleton(precision, era), false);
    }

    icu::DateIntervalFormat* interval(const icu::Locale& locale, DatePrecision precision,
                                      bool era) const {
        auto [it, fresh] = intervals_.try_emplace(key(locale, precision, era));
        if (!fresh)
            return it->second.get();
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::DateIntervalFormat> f(
            icu::DateIntervalFormat::createInstance(skeleton(precision, era), locale, status));
        if (U_FAILURE(status))
            return nullptr;
        f->adoptTimeZone(icu::TimeZone::getGMT()->clone());
        it->second = std::move(f);
        return it->second.get();
    }

    mutable std::mutex mutex_;
    mutable std::map<std::string, std::unique_ptr<icu::SimpleDateFormat>> formats_;
    mutable std::map<std::string, std::unique_ptr<icu::DateIntervalFormat>> intervals_;
};

} // namespace

std::shared_ptr<const DateFormatter> makeIcuDateFormatter() {
    return std::make_shared<IcuDateFormatter>();
}

bool icuKnowsLanguage(std::string_view lang) {
    return lang.empty() || !parseLocale(lang).isBogus();
}

void setLocaleWarningHandler(std::function<void(const std::string&)> handler) {
    auto& w = warnings();
    const std::scoped_lock lock(w.mutex);
    w.handler = std::move(handler);
}

} // namespace mapreel::adapters
