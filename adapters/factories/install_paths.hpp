// SPDX-License-Identifier: MIT
#pragma once
// Where the files mapreel ships with are: beside an installed binary, in a build tree, or in
// the source tree it was built from.

#include <string>

namespace mapreel::adapters {

/// The bundled data folder: $MAPREEL_DATA_DIR, share/mapreel/data of an installed tree, the
/// source tree next to a build folder, or the source tree this binary was built from.
[[nodiscard]] std::string dataDir();

/// Results prepared at build or install time (`mapreel prepare` over the bundled stories),
/// read-only: $MAPREEL_PREPARED_DIR, share/mapreel/prepared of an installed tree, or
/// prepared/ of the build tree this binary is in; empty when there is none.
[[nodiscard]] std::string preparedDir();

/// The web player's files (player.html, catalogue.html, assets/): $MAPREEL_WEB_DIR,
/// share/mapreel/web of an installed tree, the source tree next to a build folder, or the
/// source tree this binary was built from. Throws DataError when none holds them.
[[nodiscard]] std::string webDir();

} // namespace mapreel::adapters
