// SPDX-License-Identifier: MIT
#include "mapreel/story/story.hpp"

#include <string>
#include <string_view>

namespace mapreel::story {

const Side* Story::side(std::string_view sideId) const {
    for (const auto& s : sides)
        if (s.id == sideId)
            return &s;
    return nullptr;
}

const Place* Story::place(std::string_view placeId) const {
    for (const auto& p : places)
        if (p.id == placeId)
            return &p;
    return nullptr;
}

const Line* Story::line(std::string_view lineId) const {
    for (const auto& l : lines)
        if (l.id == lineId)
            return &l;
    return nullptr;
}

std::string Story::defaultLanguage() const {
    return languages.empty() ? std::string("en") : languages.front();
}

int Story::stepIndex(std::string_view stepId) const {
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].id == stepId)
            return static_cast<int>(i);
    return -1;
}

} // namespace mapreel::story
