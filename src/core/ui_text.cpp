// SPDX-License-Identifier: MIT
#include "mapreel/core/ui_text.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace mapreel {

namespace {

struct Entry {
    std::string_view key;
    std::string_view text;
};

struct Table {
    std::string_view lang;
    std::array<Entry, 7> entries;
};

// The same words as web/assets/ui-strings.js where it has the key (sources, licence,
// credits, otherMaps).
constexpr std::array<Table, 5> kTables{{
    {"en",
     {{{"sources", "Sources"},
       {"sourcesList", "Sources: {list}"},
       {"licence", "Licence"},
       {"licenceIs", "Licence: {licence}"},
       {"credits", "Credits"},
       {"stepN", "Step {n}"},
       {"otherMaps", "Other maps"}}}},
    {"fr",
     {{{"sources", "Sources"},
       {"sourcesList", "Sources : {list}"},
       {"licence", "Licence"},
       {"licenceIs", "Licence : {licence}"},
       {"credits", "Crédits"},
       {"stepN", "Étape {n}"},
       {"otherMaps", "Autres cartes"}}}},
    {"de",
     {{{"sources", "Quellen"},
       {"sourcesList", "Quellen: {list}"},
       {"licence", "Lizenz"},
       {"licenceIs", "Lizenz: {licence}"},
       {"credits", "Mitwirkende"},
       {"stepN", "Schritt {n}"},
       {"otherMaps", "Weitere Karten"}}}},
    {"es",
     {{{"sources", "Fuentes"},
       {"sourcesList", "Fuentes: {list}"},
       {"licence", "Licencia"},
       {"licenceIs", "Licencia: {licence}"},
       {"credits", "Créditos"},
       {"stepN", "Paso {n}"},
       {"otherMaps", "Otros mapas"}}}},
    {"ko",
     {{{"sources", "출처"},
       {"sourcesList", "출처: {list}"},
       {"licence", "라이선스"},
       {"licenceIs", "라이선스: {licence}"},
       {"credits", "만든 이"},
       {"stepN", "{n}단계"},
       {"otherMaps", "기타 지도"}}}},
}};

std::string_view primary(std::string_view lang) {
    return lang.substr(0, std::min(lang.find_first_of("-_"), lang.size()));
}

const Table* tableOf(std::string_view lang) {
    const auto p = primary(lang);
    const auto it =
        std::find_if(kTables.begin(), kTables.end(), [&](const Table& t) { return t.lang == p; });
    return it == kTables.end() ? nullptr : &*it;
}

const std::string_view* find(const Table* table, std::string_view key) {
    if (!table)
        return nullptr;
    for (const auto& e : table->entries)
        if (e.key == key)
            return &e.text;
    return nullptr;
}

} // namespace

bool hasUiTable(std::string_view lang) {
    return tableOf(lang) != nullptr;
}

std::string uiText(std::string_view key, std::string_view lang,
                   const std::map<std::string, std::string>& vars) {
    const std::string_view* text = find(tableOf(lang), key);
    if (!text)
        text = find(tableOf("en"), key);
    std::string out = text ? std::string(*text) : std::string(key);
    for (const auto& [name, value] : vars) {
        const std::string mark = "{" + name + "}";
        for (std::size_t at = out.find(mark); at != std::string::npos;
             at = out.find(mark, at + value.size()))
            out.replace(at, mark.size(), value);
    }
    return out;
}

namespace {

std::shared_ptr<const LanguageNames>& namesSlot() {
    static std::shared_ptr<const LanguageNames> names;
    return names;
}

} // namespace

void setLanguageNames(std::shared_ptr<const LanguageNames> names) {
    namesSlot() = std::move(names);
}

std::string languageName(std::string_view lang) {
    const auto& names = namesSlot();
    std::string name = names ? names->endonym(lang) : std::string{};
    return name.empty() ? std::string(lang) : name;
}

} // namespace mapreel
