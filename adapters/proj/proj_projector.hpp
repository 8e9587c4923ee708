// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/geo/geo.hpp"

namespace mapreel::adapters {

/// Creates PROJ transformations from WGS84 lon/lat to any CRS.
class ProjFactory final : public geo::ProjectorFactory {
public:
    [[nodiscard]] std::unique_ptr<geo::Projector> create(const std::string& definition) override;
};

} // namespace mapreel::adapters
