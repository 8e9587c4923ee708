// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/geometry.hpp"

#include <vector>

namespace mapreel::timeline {

/// A signed distance field sampled on a regular grid: negative inside the shape,
/// positive outside, in map units. Blending two fields and taking the zero contour
/// morphs one shape into the other without self-intersections, and lets enclaves
/// appear, split or vanish naturally.
class SignedField {
public:
    SignedField() = default;
    /// Samples the distance to the boundary of `shape` (even-odd rings) over `box`.
    SignedField(const std::vector<Ring>& shape, const Rect& box, double cell);

    [[nodiscard]] int columns() const noexcept { return nx_; }
    [[nodiscard]] int rows() const noexcept { return ny_; }
    [[nodiscard]] const Rect& box() const noexcept { return box_; }
    [[nodiscard]] double cell() const noexcept { return cell_; }
    [[nodiscard]] float at(int i, int j) const noexcept {
        return v_[static_cast<std::size_t>(j) * static_cast<std::size_t>(nx_) +
                  static_cast<std::size_t>(i)];
    }
    [[nodiscard]] bool empty() const noexcept { return v_.empty(); }

    /// (1 - s) * a + s * b; both fields must share the same grid.
    [[nodiscard]] static SignedField blend(const SignedField& a, const SignedField& b, double s);
    /// The distance to one point over `box`: a shape that is a single point, from which a
    /// pocket grows or to which it shrinks.
    [[nodiscard]] static SignedField toPoint(Point p, const Rect& box, double cell);
    /// Adds `other`'s shape to this one (the smaller value); same grid.
    void unite(const SignedField& other);
    /// Takes `other`'s shape out of this one (the larger of this and -other); same grid.
    void subtract(const SignedField& other);

    /// Bilinear value at a map point; positive (outside) beyond the grid.
    [[nodiscard]] double sample(Point p) const noexcept;

    /// Closed rings of the zero contour (marching squares); fill them even-odd for the
    /// inside. The grid border counts as outside so every ring closes.
    [[nodiscard]] std::vector<Ring> contour() const;

private:
    Rect box_;
    double cell_ = 1;
    int nx_ = 0;
    int ny_ = 0;
    std::vector<float> v_;
};

/// Closes an open front line into the region on its left: the end segments are
/// extended as rays to `box`, which is then walked counter-clockwise back to the start.
[[nodiscard]] Ring leftOfLine(const LineString& line, const Rect& box);

} // namespace mapreel::timeline
