// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/preview/display.hpp"
#include "mapreel/render/surface.hpp"

#include <string>
#include <vector>

namespace mapreel::preview {

/// The display of a headless preview: a simulated clock that advances one frame per turn
/// of the loop and input read from a script, so a run is the same every time. The script
/// is tokens separated by white space: key names (space left right comma period home end
/// g h q escape), wait=N, mouse=X:Y, click=X:Y, resize=WxH, reload and png=PATH (written
/// with `canvases`).
class ScriptedDisplay final : public Display {
public:
    ScriptedDisplay(const std::string& script, PixelSize size, int fps,
                    render::CanvasFactory& canvases);

    [[nodiscard]] PixelSize pixelSize() override { return size_; }
    [[nodiscard]] double now() override { return time_; }
    /// The next turn's input; throws std::invalid_argument for a token it does not know.
    [[nodiscard]] std::vector<InputEvent> wait(double timeout) override;
    void present(const std::uint8_t* bgra, int width, int height, int stride) override;
    /// True once after the script asked for a reload.
    [[nodiscard]] bool takeReload() noexcept;

private:
    void writeShot(const std::string& path);

    render::CanvasFactory& canvases_;
    std::vector<std::string> tokens_;
    std::size_t next_ = 0;
    int idle_ = 0;
    bool reload_ = false;
    PixelSize size_;
    double tick_;
    double time_ = 0;
    render::Image last_;
};

} // namespace mapreel::preview
