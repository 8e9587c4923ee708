// SPDX-License-Identifier: MIT
#include "icu/icu_names.hpp"

#include "icu/icu_dates.hpp"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <string>

namespace mapreel::adapters {

namespace {

class IcuLanguageNames final : public LanguageNames {
public:
    [[nodiscard]] std::string endonym(std::string_view lang) const override {
        if (lang.empty() || !icuKnowsLanguage(lang))
            return {};
        UErrorCode status = U_ZERO_ERROR;
        const icu::Locale locale = icu::Locale::forLanguageTag(
            icu::StringPiece(lang.data(), static_cast<int32_t>(lang.size())), status);
        if (U_FAILURE(status) || locale.isBogus())
            return {};
        icu::UnicodeString name;
        locale.getDisplayName(locale, name);
        if (name.isEmpty())
            return {};
        // CLDR writes most names in lower case, as inside a sentence (`français`); a name
        // that stands alone in a menu starts with a capital where the script has them.
        const UChar32 first = name.char32At(0);
        const UChar32 upper = u_totitle(first);
        if (upper != first)
            name.replace(0, U16_LENGTH(first), icu::UnicodeString(upper));
        std::string out;
        name.toUTF8String(out);
        return out == std::string(lang) ? std::string{} : out;
    }
};

} // namespace

std::shared_ptr<const LanguageNames> makeIcuLanguageNames() {
    return std::make_shared<const IcuLanguageNames>();
}

} // namespace mapreel::adapters
