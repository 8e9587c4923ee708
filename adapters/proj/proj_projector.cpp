// SPDX-License-Identifier: MIT
#include "proj_projector.hpp"

#include "proj/handles.hpp"

#include "mapreel/core/error.hpp"

#include <proj.h>

#include <cmath>
#include <memory>
#include <string>

namespace mapreel::adapters {

namespace {

/// Keeps PROJ's last error text ("crs not found", "unknown projection id"): its error
/// codes alone ("Unknown error (code 4096)") do not tell an author what to fix.
extern "C" void keepLastMessage(void* last, int level, const char* message) {
    if (level <= PJ_LOG_ERROR && message != nullptr)
        *static_cast<std::string*>(last) = message;
}

extern "C" void ignoreMessage(void* /*unused*/, int /*level*/, const char* /*message*/) {}

class ProjProjector final : public geo::Projector {
public:
    explicit ProjProjector(const std::string& def) : ctx_(proj_context_create()) {
        proj_log_level(ctx_.get(), PJ_LOG_ERROR);
        std::string message;
        proj_log_func(ctx_.get(), &message, &keepLastMessage);
        PjPtr raw(proj_create_crs_to_crs(ctx_.get(), "EPSG:4326", def.c_str(), nullptr));
        proj_log_level(ctx_.get(), PJ_LOG_NONE);
        proj_log_func(ctx_.get(), nullptr, &ignoreMessage);
        if (!raw) {
            if (message.starts_with("proj_create: "))
                message.erase(0, 13);
            // "Error 1027 (Invalid value for an argument): Unknown projection": the words.
            if (const auto colon = message.find("): ");
                message.starts_with("Error ") && colon != std::string::npos)
                message.erase(0, colon + 3);
            if (message.empty())
                message = proj_context_errno_string(ctx_.get(), proj_context_errno(ctx_.get()));
            throw ProjectionError("invalid projection '" + def + "': " + message +
                                  " (write a PROJ string, an EPSG code PROJ knows, e.g. "
                                  "EPSG:3857, or a preset such as equal-earth)");
        }
        // Always lon/lat in, easting/northing out, whatever the CRS axis order says.
        pj_.reset(proj_normalize_for_visualization(ctx_.get(), raw.get()));
        if (!pj_)
            throw ProjectionError("cannot normalise projection '" + def + "'");
        PJ_PROJ_INFO info = proj_pj_info(pj_.get());
        definition_ = info.definition != nullptr ? info.definition : def;
    }

    [[nodiscard]] std::optional<Point> forward(Point p) const override {
        PJ_COORD c = proj_trans(pj_.get(), PJ_FWD, proj_coord(p.x, p.y, 0, 0));
        if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y) || c.xy.x == HUGE_VAL)
            return std::nullopt;
        return Point{c.xy.x, c.xy.y};
    }
    [[nodiscard]] std::optional<Point> inverse(Point p) const override {
        PJ_COORD c = proj_trans(pj_.get(), PJ_INV, proj_coord(p.x, p.y, 0, 0));
        if (!std::isfinite(c.xy.x) || !std::isfinite(c.xy.y) || c.xy.x == HUGE_VAL)
            return std::nullopt;
        return Point{c.xy.x, c.xy.y};
    }
    [[nodiscard]] std::string definition() const override { return definition_; }

private:
    PjContextPtr ctx_;
    PjPtr pj_;
    std::string definition_;
};

} // namespace

std::unique_ptr<geo::Projector> ProjFactory::create(const std::string& definition) {
    return std::make_unique<ProjProjector>(definition);
}

} // namespace mapreel::adapters
