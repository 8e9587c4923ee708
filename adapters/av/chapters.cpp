// SPDX-License-Identifier: MIT
#include "chapters.hpp"

#include "mapreel/core/error.hpp"

#include <span>

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/mem.h>
}

namespace mapreel::adapters {

void setChapters(AVFormatContext* fmt, const std::vector<ChapterMark>& marks) {
    if (marks.empty())
        return;
    auto** list = static_cast<AVChapter**>(av_calloc(marks.size(), sizeof(AVChapter*)));
    if (!list)
        throw EncodeError("cannot allocate the chapters");
    // The format context owns the list from here on (avformat_free_context frees it).
    fmt->chapters = list;
    const std::span<AVChapter*> slots(list, marks.size());
    for (std::size_t i = 0; i < marks.size(); ++i) {
        auto* ch = static_cast<AVChapter*>(av_mallocz(sizeof(AVChapter)));
        if (!ch)
            throw EncodeError("cannot allocate a chapter");
        slots[i] = ch;
        fmt->nb_chapters = static_cast<unsigned>(i + 1);
        ch->id = static_cast<std::int64_t>(i + 1);
        ch->time_base = AVRational{1, 1000};
        ch->start = marks[i].startMs;
        ch->end = marks[i].endMs;
        av_dict_set(&ch->metadata, "title", marks[i].title.c_str(), 0);
    }
}

} // namespace mapreel::adapters
