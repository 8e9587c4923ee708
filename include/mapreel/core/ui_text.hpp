// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

/// The few words of interface the outputs write around a story's own text ("Sources",
/// "Step 3", "Licence"), by language. The web player's own strings are in
/// web/assets/ui-strings.js; the keys both have carry the same words (a unit test checks).
namespace mapreel {

/// `key`'s text in `lang` (its primary subtag: `pt-br` reads `pt`), else in English, else
/// the key itself; each `{name}` in it is replaced by `vars[name]`.
[[nodiscard]] std::string uiText(std::string_view key, std::string_view lang,
                                 const std::map<std::string, std::string>& vars = {});

/// Whether `lang` (its primary subtag) has its own table of interface words.
[[nodiscard]] bool hasUiTable(std::string_view lang);

/// The names of languages, from locale data. The core only declares it; adapters/icu
/// implements it with ICU's display names, so every language ICU knows has its name.
class LanguageNames {
public:
    virtual ~LanguageNames() = default;
    /// `lang`'s name in itself, as its speakers write it at the start of a line
    /// (`Français`, `한국어`, `Português (Brasil)`); empty when the data lacks the language.
    /// Safe to call from several threads.
    [[nodiscard]] virtual std::string endonym(std::string_view lang) const = 0;
};

/// Installs the LanguageNames languageName() uses in this process (the CLI installs ICU's at
/// start-up, before any thread asks). Without one, languages are named by their code.
void setLanguageNames(std::shared_ptr<const LanguageNames> names);

/// `lang`'s name in itself by the installed LanguageNames (`fr`: `Français`); the code
/// itself when none is installed or the locale data does not know it (`xx`).
[[nodiscard]] std::string languageName(std::string_view lang);

} // namespace mapreel
