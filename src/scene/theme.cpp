// SPDX-License-Identifier: MIT
#include "mapreel/scene/theme.hpp"

#include <cstddef>
#include <string>

namespace mapreel::scene {

namespace {

Color hex(const char* s) {
    return parseColor(s).value_or(Color{});
}

} // namespace

Theme makeTheme(const std::string& name, const std::map<std::string, std::string>& overrides) {
    Theme t;
    t.sea = hex("#b9d3e6");
    t.seaBands[0] = hex("#b0cde2");
    t.seaBands[1] = hex("#a7c6df");
    t.seaBands[2] = hex("#9dbfda");
    t.seaBands[3] = hex("#94b8d6");
    t.land = hex("#f2ead3");
    t.landForeign = hex("#e4dccb");
    t.river = hex("#7ea6c8");
    t.lake = hex("#b9d3e6");
    t.border = hex("#8c8170");
    t.coast = hex("#9fb7c9");
    t.text = hex("#2b2722");
    t.halo = hex("#f7f2e4");
    t.panel = hex("#fbf7ecf0");
    t.panelText = hex("#2b2722");
    t.accent = hex("#8a2b1f");
    t.muted = hex("#6b6358");
    if (name == "dark") {
        t.sea = hex("#1d2b3a");
        for (std::size_t i = 0; i < t.seaBands.size(); ++i)
            t.seaBands[i] = t.sea.darker(0.08 * static_cast<double>(i + 1));
        t.land = hex("#3b3a36");
        t.landForeign = hex("#2f2e2b");
        t.river = hex("#4d6f8f");
        t.lake = t.sea;
        t.border = hex("#8a8478");
        t.coast = hex("#4d6f8f");
        t.text = hex("#f1ece0");
        t.halo = hex("#1d1c1a");
        t.panel = hex("#1d1c1aee");
        t.panelText = hex("#f1ece0");
        t.accent = hex("#e8a33a");
        t.muted = hex("#b8b0a0");
    } else if (name == "print") {
        t.sea = hex("#e6f0f7");
        for (std::size_t i = 0; i < t.seaBands.size(); ++i)
            t.seaBands[i] = t.sea.darker(0.03 * static_cast<double>(i + 1));
        t.land = hex("#ffffff");
        t.landForeign = hex("#efefef");
    }
    auto colour = [&](const char* key, Color& c) {
        auto it = overrides.find(key);
        if (it != overrides.end())
            if (auto v = parseColor(it->second))
                c = *v;
    };
    auto number = [&](const char* key, double& d) {
        auto it = overrides.find(key);
        if (it != overrides.end())
            d = std::stod(it->second);
    };
    colour("sea", t.sea);
    colour("sea-deep", t.seaBands[3]);
    colour("land", t.land);
    colour("land-foreign", t.landForeign);
    colour("river", t.river);
    colour("lake", t.lake);
    colour("border", t.border);
    colour("coast", t.coast);
    colour("text", t.text);
    colour("halo", t.halo);
    colour("panel", t.panel);
    colour("panel-text", t.panelText);
    colour("accent", t.accent);
    number("border-width", t.borderWidth);
    number("river-width", t.riverWidth);
    number("side-opacity", t.sideOpacity);
    number("front-width", t.frontWidth);
    number("title-size", t.titleSize);
    number("narration-size", t.narrationSize);
    number("date-size", t.dateSize);
    number("label-size", t.labelSize);
    if (auto it = overrides.find("font-serif"); it != overrides.end())
        t.fontSerif = it->second;
    if (auto it = overrides.find("font-sans"); it != overrides.end())
        t.fontSans = it->second;
    return t;
}

} // namespace mapreel::scene
