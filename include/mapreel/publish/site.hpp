// SPDX-License-Identifier: MIT
#pragma once

#include "mapreel/core/diagnostic.hpp"
#include "mapreel/core/expected.hpp"
#include "mapreel/core/text.hpp"
#include "mapreel/story/series.hpp"
#include "mapreel/story/story.hpp"

#include <map>
#include <string>
#include <vector>

/// The data side of a static site of stories: which story goes in which series, and the
/// story.js and catalogue.js scripts that web/player.html and web/catalogue.html read.
/// Rendering the media is the CLI's job; everything here is pure.
namespace mapreel::publish {

/// Stories shown together in the catalogue, in order.
struct SeriesGroup {
    std::string id;
    LocalizedText title;
    LocalizedText description;
    std::vector<const story::Story*> maps; ///< not owned; outlive the group
};

/// Puts every story in a series: the series that lists its id, else the one whose id its
/// `series:` key names, else the nearest series.yaml in its folder or above, else a final
/// "Other maps" group. Listed stories come in the listed order, the others after them by
/// path. A listed id with no story, a story listed twice, and two stories or series with
/// one id are errors. Series without stories are left out.
[[nodiscard]] Expected<std::vector<SeriesGroup>, Diagnostics>
groupSeries(const std::vector<const story::Story*>& stories,
            const std::vector<story::Series>& series);

/// A story's text for a page in `lang`, and the language it is written in: the text in
/// `lang`, else its plain text (every language's), else in the story's default language,
/// else in English, else in the first of the story's `languages` that has it; never an
/// arbitrary one. Empty when the text has none of these.
struct StoryText {
    std::string text;
    std::string lang; ///< empty: `lang` itself, or a plain text
};
[[nodiscard]] StoryText storyText(const story::Story& s, const LocalizedText& text,
                                  const std::string& lang);

/// The name of a language in itself ("Français" for fr), from the locale data (ICU), or the
/// code when unknown.
[[nodiscard]] std::string languageName(const std::string& code);

/// Everything a player page needs beyond the story itself.
struct PlayerPage {
    const story::Story* story = nullptr; ///< not owned
    std::string lang;                    ///< the language of this page
    std::vector<std::string> languages;  ///< every language the map is published in
    std::string seriesId;
    std::string seriesTitle;
    bool webm = false;   ///< a video.webm is published next to video.mp4
    std::string baseUrl; ///< the site's public address ending in '/', or empty (no embed code)
};

/// Site-relative folder of a map page, `maps/<id>/<lang>/`.
[[nodiscard]] std::string pagePath(const std::string& storyId, const std::string& lang);

/// The text of story.js: `window.MAPREEL_STORY = {...};` with steps, timing, captions,
/// credits and sources. Text is escaped so that none can end the script.
[[nodiscard]] std::string storyScript(const PlayerPage& page);

/// The text of catalogue.js: `window.MAPREEL_CATALOGUE = {...};`. `languages` gives, by
/// story id, the languages each map is published in; a card links to the first, and lists
/// each language's page with the map's title and summary in that language, so that the
/// catalogue can show the reader's. The series carry their own translations, and the site
/// the list of every language a map is published in. An empty `title` is left out (the
/// catalogue then shows "Maps" in the reader's language).
[[nodiscard]] std::string
catalogueScript(const std::string& title, const std::vector<SeriesGroup>& series,
                const std::map<std::string, std::vector<std::string>>& languages);

/// A file a story reads: a region's or layer's data file, an image, a narration recording.
struct StoryFile {
    SourceLoc loc;    ///< the story node that names it
    std::string path; ///< as written in the story
    std::string what; ///< "data file of region 'korea'", "image of step 'start'", ...
};

/// Every file `story` reads, in story order.
[[nodiscard]] std::vector<StoryFile> storyFiles(const story::Story& story);

/// Whether `path` is the folder `root` or lies inside it, once both are made absolute and every
/// symbolic link is resolved (so `..`, absolute paths and links leading out all count).
[[nodiscard]] bool confined(const std::string& path, const std::string& root);

/// An error for each file of `story` that lies outside every folder of `roots` (for a site:
/// the folder of stories it is built from, and the bundled data folder that shipped stories
/// share): written as an absolute path, climbing out with `..`, or a symbolic link leading
/// out. A site never reads outside the folders it was given.
[[nodiscard]] Diagnostics filesOutside(const story::Story& story,
                                       const std::vector<std::string>& roots);

/// The years a story covers, e.g. "1950–1953" or "1948".
[[nodiscard]] std::string yearSpan(const story::Story& story);

} // namespace mapreel::publish
