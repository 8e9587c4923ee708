// SPDX-License-Identifier: MIT
#include "mapreel/scene/theme.hpp"

#include "mapreel/story/theme_keys.hpp"

#include <array>
#include <cstddef>
#include <exception>
#include <string>
#include <type_traits>
#include <variant>

namespace mapreel::scene {

namespace {

Color hex(const char* s) {
    return parseColor(s).value_or(Color{});
}

/// The field of Theme that one theme key sets.
struct Binding {
    std::string_view key;
    std::variant<Color Theme::*, std::string Theme::*, double Theme::*> field;
};

/// The fields of story::kThemeKeys, in the same order (checked below at compile time).
constexpr std::array kBindings = {
    Binding{"sea", &Theme::sea},
    Binding{"sea-deep", &Theme::seaDeep},
    Binding{"land", &Theme::land},
    Binding{"land-foreign", &Theme::landForeign},
    Binding{"river", &Theme::river},
    Binding{"lake", &Theme::lake},
    Binding{"border", &Theme::border},
    Binding{"coast", &Theme::coast},
    Binding{"text", &Theme::text},
    Binding{"halo", &Theme::halo},
    Binding{"panel", &Theme::panel},
    Binding{"panel-text", &Theme::panelText},
    Binding{"accent", &Theme::accent},
    Binding{"font-serif", &Theme::fontSerif},
    Binding{"font-sans", &Theme::fontSans},
    Binding{"border-width", &Theme::borderWidth},
    Binding{"river-width", &Theme::riverWidth},
    Binding{"side-opacity", &Theme::sideOpacity},
    Binding{"front-width", &Theme::frontWidth},
    Binding{"title-size", &Theme::titleSize},
    Binding{"narration-size", &Theme::narrationSize},
    Binding{"date-size", &Theme::dateSize},
    Binding{"label-size", &Theme::labelSize},
    Binding{"muted", &Theme::muted},
    Binding{"coast-width", &Theme::coastWidth},
    Binding{"lake-edge-width", &Theme::lakeEdgeWidth},
    Binding{"graticule-width", &Theme::graticuleWidth},
    Binding{"graticule-opacity", &Theme::graticuleOpacity},
    Binding{"graticule-colour", &Theme::graticuleColour},
    Binding{"outline-colour", &Theme::outlineColour},
    Binding{"outline-width", &Theme::outlineWidth},
    Binding{"outside-colour", &Theme::outsideColour},
    Binding{"disputed-dash", &Theme::disputedDash},
    Binding{"disputed-gap", &Theme::disputedGap},
    Binding{"front-edge-darken", &Theme::frontEdgeDarken},
    Binding{"territory-edge-width", &Theme::territoryEdgeWidth},
    Binding{"territory-edge-darken", &Theme::territoryEdgeDarken},
    Binding{"zone-colour", &Theme::zoneColour},
    Binding{"zone-opacity", &Theme::zoneOpacity},
    Binding{"zone-edge-opacity", &Theme::zoneEdgeOpacity},
    Binding{"zone-edge-width", &Theme::zoneEdgeWidth},
    Binding{"line-colour", &Theme::lineColour},
    Binding{"line-width", &Theme::lineWidth},
    Binding{"boundary-dash", &Theme::boundaryDash},
    Binding{"boundary-gap", &Theme::boundaryGap},
    Binding{"demarcation-width", &Theme::demarcationWidth},
    Binding{"front-line-width", &Theme::frontLineWidth},
    Binding{"route-dash", &Theme::routeDash},
    Binding{"route-gap", &Theme::routeGap},
    Binding{"line-halo-width", &Theme::lineHaloWidth},
    Binding{"line-halo-opacity", &Theme::lineHaloOpacity},
    Binding{"line-name-size", &Theme::lineNameSize},
    Binding{"line-name-spacing", &Theme::lineNameSpacing},
    Binding{"line-name-offset", &Theme::lineNameOffset},
    Binding{"line-name-margin", &Theme::lineNameMargin},
    Binding{"line-name-halo", &Theme::lineNameHalo},
    Binding{"arrow-width", &Theme::arrowWidth},
    Binding{"sea-arrow-width", &Theme::seaArrowWidth},
    Binding{"arrow-opacity", &Theme::arrowOpacity},
    Binding{"arrow-edge-width", &Theme::arrowEdgeWidth},
    Binding{"arrow-edge-darken", &Theme::arrowEdgeDarken},
    Binding{"sea-arrow-lighten", &Theme::seaArrowLighten},
    Binding{"sea-arrow-opacity", &Theme::seaArrowOpacity},
    Binding{"sea-arrow-edge-width", &Theme::seaArrowEdgeWidth},
    Binding{"sea-arrow-edge-darken", &Theme::seaArrowEdgeDarken},
    Binding{"sea-arrow-dash", &Theme::seaArrowDash},
    Binding{"sea-arrow-gap", &Theme::seaArrowGap},
    Binding{"air-arrow-width", &Theme::airArrowWidth},
    Binding{"air-trail-width", &Theme::airTrailWidth},
    Binding{"retreat-arrow-width", &Theme::retreatArrowWidth},
    Binding{"retreat-arrow-opacity", &Theme::retreatArrowOpacity},
    Binding{"retreat-arrow-edge-width", &Theme::retreatArrowEdgeWidth},
    Binding{"retreat-arrow-dash", &Theme::retreatArrowDash},
    Binding{"retreat-arrow-gap", &Theme::retreatArrowGap},
    Binding{"supply-arrow-width", &Theme::supplyArrowWidth},
    Binding{"supply-arrow-dash", &Theme::supplyArrowDash},
    Binding{"supply-arrow-gap", &Theme::supplyArrowGap},
    Binding{"supply-head", &Theme::supplyHead},
    Binding{"arrow-label-size", &Theme::arrowLabelSize},
    Binding{"arrow-label-gap", &Theme::arrowLabelGap},
    Binding{"arrow-label-darken", &Theme::arrowLabelDarken},
    Binding{"arrow-label-halo", &Theme::arrowLabelHalo},
    Binding{"arrow-clearance", &Theme::arrowClearance},
    Binding{"marker-radius", &Theme::markerRadius},
    Binding{"battle-fill", &Theme::battleFill},
    Binding{"battle-edge", &Theme::battleEdge},
    Binding{"treaty-fill", &Theme::treatyFill},
    Binding{"fire-fill", &Theme::fireFill},
    Binding{"massacre-fill", &Theme::massacreFill},
    Binding{"epidemic-fill", &Theme::epidemicFill},
    Binding{"marker-edge-darken", &Theme::markerEdgeDarken},
    Binding{"marker-edge-width", &Theme::markerEdgeWidth},
    Binding{"marker-pulse-width", &Theme::markerPulseWidth},
    Binding{"marker-pulse-opacity", &Theme::markerPulseOpacity},
    Binding{"marker-label-size", &Theme::markerLabelSize},
    Binding{"marker-label-gap", &Theme::markerLabelGap},
    Binding{"marker-label-halo", &Theme::markerLabelHalo},
    Binding{"callout-size", &Theme::calloutSize},
    Binding{"callout-halo", &Theme::calloutHalo},
    Binding{"callout-margin", &Theme::calloutMargin},
    Binding{"callout-clearance", &Theme::calloutClearance},
    Binding{"highlight-radius", &Theme::highlightRadius},
    Binding{"highlight-width", &Theme::highlightWidth},
    Binding{"highlight-fill-opacity", &Theme::highlightFillOpacity},
    Binding{"hatch-spacing", &Theme::hatchSpacing},
    Binding{"hatch-width", &Theme::hatchWidth},
    Binding{"hatch-opacity", &Theme::hatchOpacity},
    Binding{"capital-dot", &Theme::capitalDot},
    Binding{"major-place-dot", &Theme::majorPlaceDot},
    Binding{"place-dot", &Theme::placeDot},
    Binding{"capital-size", &Theme::capitalSize},
    Binding{"major-place-size", &Theme::majorPlaceSize},
    Binding{"place-size", &Theme::placeSize},
    Binding{"place-label-gap", &Theme::placeLabelGap},
    Binding{"capital-ring-width", &Theme::capitalRingWidth},
    Binding{"place-halo", &Theme::placeHalo},
    Binding{"place-halo-opacity", &Theme::placeHaloOpacity},
    Binding{"sea-label-size", &Theme::seaLabelSize},
    Binding{"sea-label-spacing", &Theme::seaLabelSpacing},
    Binding{"sea-label-colour", &Theme::seaLabelColour},
    Binding{"country-label-size", &Theme::countryLabelSize},
    Binding{"country-label-spacing", &Theme::countryLabelSpacing},
    Binding{"river-label-size", &Theme::riverLabelSize},
    Binding{"river-label-colour", &Theme::riverLabelColour},
    Binding{"region-label-size", &Theme::regionLabelSize},
    Binding{"region-label-spacing", &Theme::regionLabelSpacing},
    Binding{"map-label-halo", &Theme::mapLabelHalo},
    Binding{"map-label-halo-opacity", &Theme::mapLabelHaloOpacity},
    Binding{"panel-radius", &Theme::panelRadius},
    Binding{"panel-edge-width", &Theme::panelEdgeWidth},
    Binding{"panel-edge-opacity", &Theme::panelEdgeOpacity},
    Binding{"panel-shadow", &Theme::panelShadow},
    Binding{"panel-margin", &Theme::panelMargin},
    Binding{"title-padding", &Theme::titlePadding},
    Binding{"subtitle-size", &Theme::subtitleSize},
    Binding{"subtitle-gap", &Theme::subtitleGap},
    Binding{"date-padding", &Theme::datePadding},
    Binding{"date-second-size", &Theme::dateSecondSize},
    Binding{"legend-size", &Theme::legendSize},
    Binding{"legend-padding", &Theme::legendPadding},
    Binding{"legend-row", &Theme::legendRow},
    Binding{"legend-swatch-width", &Theme::legendSwatchWidth},
    Binding{"legend-swatch-height", &Theme::legendSwatchHeight},
    Binding{"legend-text-offset", &Theme::legendTextOffset},
    Binding{"legend-swatch-opacity", &Theme::legendSwatchOpacity},
    Binding{"legend-swatch-edge-width", &Theme::legendSwatchEdgeWidth},
    Binding{"legend-swatch-edge-darken", &Theme::legendSwatchEdgeDarken},
    Binding{"narration-title-increase", &Theme::narrationTitleIncrease},
    Binding{"footnote-size", &Theme::footnoteSize},
    Binding{"narration-padding", &Theme::narrationPadding},
    Binding{"narration-radius", &Theme::narrationRadius},
    Binding{"narration-shadow", &Theme::narrationShadow},
    Binding{"narration-margin", &Theme::narrationMargin},
};

constexpr bool bindingsFollowTheTable() {
    if (kBindings.size() != story::kThemeKeys.size())
        return false;
    for (std::size_t i = 0; i < kBindings.size(); ++i) {
        const auto& key = story::kThemeKeys[i];
        const auto& field = kBindings[i].field;
        const bool kindFits = key.kind == story::ThemeKeyKind::Colour
                                  ? std::holds_alternative<Color Theme::*>(field)
                              : key.kind == story::ThemeKeyKind::Font
                                  ? std::holds_alternative<std::string Theme::*>(field)
                                  : std::holds_alternative<double Theme::*>(field);
        if (kBindings[i].key != key.name || !kindFits)
            return false;
    }
    return true;
}
static_assert(bindingsFollowTheTable(),
              "every key of story::kThemeKeys needs a Theme field in kBindings, in table order");

/// Sets every field to its classic value from the table.
void setClassic(Theme& t) {
    for (std::size_t i = 0; i < kBindings.size(); ++i) {
        const auto& key = story::kThemeKeys[i];
        std::visit(
            [&](auto member) {
                using Value = std::remove_reference_t<decltype(t.*member)>;
                if constexpr (std::is_same_v<Value, Color>)
                    t.*member = key.colour;
                else if constexpr (std::is_same_v<Value, std::string>)
                    t.*member = std::string(key.font);
                else
                    t.*member = key.number;
            },
            kBindings[i].field);
    }
    t.seaBands[0] = hex("#b0cde2");
    t.seaBands[1] = hex("#a7c6df");
    t.seaBands[2] = hex("#9dbfda");
    t.seaBands[3] = t.seaDeep;
}

} // namespace

bool setThemeValue(Theme& theme, std::string_view key, const std::string& value) {
    for (const auto& binding : kBindings) {
        if (binding.key != key)
            continue;
        const bool set = std::visit(
            [&](auto member) {
                using Value = std::remove_reference_t<decltype(theme.*member)>;
                if constexpr (std::is_same_v<Value, Color>) {
                    const auto c = parseColor(value);
                    if (c)
                        theme.*member = *c;
                    return c.has_value();
                } else if constexpr (std::is_same_v<Value, std::string>) {
                    theme.*member = value;
                    return true;
                } else {
                    try {
                        theme.*member = std::stod(value);
                        return true;
                    } catch (const std::exception&) {
                        return false;
                    }
                }
            },
            binding.field);
        theme.seaBands[3] = theme.seaDeep;
        return set;
    }
    return false;
}

Theme makeTheme(const std::string& name, const std::map<std::string, std::string>& overrides) {
    Theme t;
    setClassic(t);
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
        t.graticuleColour = t.coast;
        t.outlineColour = hex("#8a8478");
        t.outsideColour = hex("#141413");
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
        t.outsideColour = hex("#ffffff");
    }
    t.seaDeep = t.seaBands[3];
    for (const auto& [key, value] : overrides)
        (void)setThemeValue(t, key, value);
    return t;
}

} // namespace mapreel::scene
