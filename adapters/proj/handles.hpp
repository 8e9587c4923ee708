// SPDX-License-Identifier: MIT
#pragma once

#include "common/handle.hpp"

#include <proj.h>

/// Owning handles for PROJ objects.
namespace mapreel::adapters {

using PjContextPtr = Handle<PJ_CONTEXT, &proj_context_destroy>;
using PjPtr = Handle<PJ, &proj_destroy>;

} // namespace mapreel::adapters
