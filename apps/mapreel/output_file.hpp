// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/error.hpp"

#include <filesystem>
#include <string>
#include <unistd.h>

/// An output written under a temporary name in its destination folder and renamed into
/// place by commit(); destroyed without commit, it removes the temporary and leaves any
/// earlier file untouched.
class OutputFile {
public:
    explicit OutputFile(const std::string& path) : final_(path) {
        namespace fs = std::filesystem;
        fs::path dir = final_.parent_path();
        if (dir.empty())
            dir = ".";
        std::error_code ec;
        if (!fs::is_directory(dir, ec))
            throw mapreel::IoError("output folder '" + dir.string() + "' does not exist");
        if (access(dir.c_str(), W_OK) != 0)
            throw mapreel::IoError("output folder '" + dir.string() + "' is not writable");
        temp_ = dir / ("." + final_.stem().string() + ".part-" + std::to_string(getpid()) +
                       final_.extension().string());
    }
    ~OutputFile() {
        if (!committed_) {
            std::error_code ec;
            std::filesystem::remove(temp_, ec);
        }
    }
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    [[nodiscard]] std::string temporaryPath() const { return temp_.string(); }
    /// Where commit() puts the file.
    [[nodiscard]] std::string finalPath() const { return final_.string(); }

    /// `message` with the temporary name replaced by the final one: the temporary name
    /// means nothing to the user (a full disk is met while writing it).
    [[nodiscard]] std::string named(std::string message) const {
        const std::string temp = temp_.string();
        for (auto at = message.find(temp); at != std::string::npos; at = message.find(temp, at))
            message.replace(at, temp.size(), final_.string());
        return message;
    }

    void commit() {
        std::error_code ec;
        std::filesystem::rename(temp_, final_, ec);
        if (ec)
            throw mapreel::IoError("cannot move the finished file to '" + final_.string() +
                                   "': " + ec.message());
        committed_ = true;
    }

private:
    std::filesystem::path final_;
    std::filesystem::path temp_;
    bool committed_ = false;
};
